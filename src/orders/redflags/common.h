// Small helpers shared by the red-flag rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "orders/evaluation.h"
#include "orders/order.h"
#include "util/strings.h"  // Lower

namespace chokepoint::orders::redflags {

// "item 2 (4-ANPP)" — 1-based for people, with the identified or given name.
std::string ItemLabel(const Order& o, const ItemResult& r);
// "12.5 kg", "250 g" — the declared quantity and unit.
std::string Quantity(const Item& item);
// Mainland China, Hong Kong or Macao.
bool IsPrcOrHk(const std::string& country);
// True when `text` (lower-cased) contains `word` as a whole word.
bool HasWord(const std::string& text, std::string_view word);
// Any item is equipment (tableting or encapsulating machine, die, …).
bool AnyEquipment(const Order& o);
// The order moves regulated or flagged chemicals, or equipment.
bool OfConcern(const Order& o, const Evaluation& e);
// "buyer 'ACME' (MX)".
std::string PartyLabel(const Party& p);
// "a, b and c".
std::string JoinAnd(const std::vector<std::string>& v);
std::string FormatNumber(double v);

}  // namespace chokepoint::orders::redflags
