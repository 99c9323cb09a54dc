// ISO 3166-1 alpha-2 country codes, as used by every party, route and rulebook mapping.
#pragma once

#include <string_view>

namespace chokepoint::orders {

// True for an assigned ISO 3166-1 alpha-2 code (upper case, e.g. "CN", "HK") or XK (Kosovo).
bool IsCountry(std::string_view code);
// English short name ("Hong Kong"), or nullptr when `code` is not a country.
const char* CountryName(std::string_view code);

}  // namespace chokepoint::orders
