// Identifier normalization: the keys under which list identifiers and query identifiers are
// compared exactly. An identifier match is a strong hit on its own: a firm re-registered
// under a new name keeps its USCC, phone, email or website.
#pragma once

#include <string>
#include <string_view>

namespace chokepoint::parties {

// The comparison class of an identifier kind: "email", "domain", "phone", "crypto" or "doc"
// (passports, national and tax ids, USCC, registration and IMO numbers …, compared by value
// whatever their kind, because lists and customers label the same number differently).
std::string IdentifierClass(std::string_view kind);

// "class:normalized" key, or "" when the value cannot identify anyone (too short, no digit in
// a document number, no '@' in an email). Normalization: documents upper-case alphanumerics
// only; emails lower-case; websites/emails reduced to the host without "www."; phones digits
// only, last 10 digits (country code and trunk prefix vary); crypto addresses trimmed
// (hex addresses lower-cased).
std::string IdentifierKey(std::string_view kind, std::string_view value);

// GB 32100-2015 check character of an 18-character Unified Social Credit Code.
bool ValidUscc(std::string_view code);

}  // namespace chokepoint::parties
