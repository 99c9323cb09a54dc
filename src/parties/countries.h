// Country names and codes → ISO 3166-1 alpha-2, from ICU's English display names plus the
// spellings sanctions lists use ("Korea, North", "Burma", "Hong Kong").
#pragma once

#include <string>
#include <string_view>

namespace chokepoint::parties {

// "CN", "China", "china", "People's Republic of China" → "CN"; "" when unknown.
std::string CountryCode(std::string_view name_or_code);

// The last comma-separated part of an address that names a country ("…, Hebei, China" → "CN").
std::string CountryOfAddress(std::string_view address);

}  // namespace chokepoint::parties
