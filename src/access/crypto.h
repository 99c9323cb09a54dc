// Hashing and randomness for tokens and the audit chain (libsodium).
#pragma once

#include <string>
#include <string_view>

namespace chokepoint::access {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// "cp_" + 64 hex digits: 256 bits from the OS CSPRNG.
std::string NewToken();
// Constant-time comparison of two equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace chokepoint::access
