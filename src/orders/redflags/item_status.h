// Shared text of the two item-status rules (controlled_substance, listed_chemical).
#pragma once

#include <string>

#include "orders/evaluation.h"
#include "orders/order.h"

namespace chokepoint::orders::redflags {

// "US Schedule II (us.csa.fentanyl, 21 CFR 1308.12(c)) at origin US; MX (destination): no MX
// rulebook, strictest reading: US Schedule II (…)" for the readings of `category`.
std::string DescribeReadings(const ItemResult& r, rules::Category category);
// Distinct citations of the readings of `category`, "; "-joined.
std::string Citations(const ItemResult& r, rules::Category category);

}  // namespace chokepoint::orders::redflags
