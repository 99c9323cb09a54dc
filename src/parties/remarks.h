// OFAC remarks parser. SDN remarks carry most of what identifies a party, as "; "-separated
// items: "DOB 18 Mar 1961; nationality China; Passport E382464 (Thailand); Email Address
// x@y.com; Website www.x.com; Unified Social Credit Code (USCC) 9113… (China); a.k.a.
// 'CHI BANG'; Linked To: LAZARUS GROUP."
#pragma once

#include <string>
#include <string_view>

#include "parties/entity.h"

namespace chokepoint::parties {

// Adds the identifiers, dates of birth, nationalities, low-quality a.k.a.s and "Linked To"
// names found in `remarks` to `e`. Unknown items are left in e.remarks only.
void ParseOfacRemarks(std::string_view remarks, Entity& e);

// "18 Mar 1961" → "1961-03-18", "Mar 1961" → "1961-03", "circa 1961" / "1961" → "1961",
// "1961-03-18" and "03/18/1961" understood too; "" when no year is found.
std::string ParseLooseDate(std::string_view text);

}  // namespace chokepoint::parties
