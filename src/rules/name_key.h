// Name keys: how names and synonyms are compared. Case- and punctuation-insensitive
// ("1-Boc-4-AP" == "1 boc 4ap"), Greek letters spelled out ("α-methylfentanyl" ==
// "alpha-methylfentanyl"), other non-ASCII text (Chinese names) kept as is.
#pragma once

#include <string>
#include <string_view>

#include "util/edit_distance.h"

namespace chokepoint::rules {

std::string NameKey(std::string_view name);

using ::chokepoint::BoundedEditDistance;  // util/edit_distance.h

}  // namespace chokepoint::rules
