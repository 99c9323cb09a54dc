// Small string helpers shared by every module (ASCII only: names in other scripts are compared
// through their own keys, rules/name_key.h and parties/name.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

// Without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);
// Also without trailing characters from `also_trailing` ("a value.;" with ".;" → "a value").
std::string_view Trim(std::string_view s, std::string_view also_trailing);
// ASCII letters lower-cased; other bytes (UTF-8) unchanged.
std::string Lower(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace chokepoint
