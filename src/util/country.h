// Countries: ISO 3166-1 alpha-2 codes (as used by every party, route and rulebook mapping) and
// the names lists and addresses give them.
#pragma once

#include <string>
#include <string_view>

namespace chokepoint {

// True for an assigned ISO 3166-1 alpha-2 code (upper case, e.g. "CN", "HK") or XK (Kosovo).
bool IsCountry(std::string_view code);
// English short name ("Hong Kong"), or nullptr when `code` is not a country.
const char* CountryName(std::string_view code);

// "CN", "cn", "China", "People's Republic of China" → "CN"; "" when unknown. Case, spaces and
// punctuation are ignored.
std::string CountryCode(std::string_view name_or_code);
// The last comma-separated part of an address that names a country ("…, Hebei, China" → "CN").
std::string CountryOfAddress(std::string_view address);

}  // namespace chokepoint
