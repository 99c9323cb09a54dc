// CAS Registry Numbers: syntax and check-digit validation.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace chokepoint::chem {

// True when `text` has the shape of a CAS number (2-7 digits, 2 digits, 1 digit, hyphenated),
// whatever its check digit.
bool LooksLikeCas(std::string_view text);

// Validates a CAS number and returns it in canonical form (no leading zeros, hyphenated).
// Errors: "invalid_cas" for a malformed string, "bad_cas_checksum" when the check digit is wrong
// (the message names the expected digit).
Result<std::string> ParseCas(std::string_view text);

}  // namespace chokepoint::chem
