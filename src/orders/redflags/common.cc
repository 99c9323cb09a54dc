#include "orders/redflags/common.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace chokepoint::orders::redflags {

std::string ItemLabel(const Order& o, const ItemResult& r) {
  const Item& it = o.items[static_cast<size_t>(r.index)];
  std::string name = it.is_equipment ? it.equipment : (!r.name.empty() ? r.name : it.substance);
  if (name.size() > 60) name = name.substr(0, 57) + "...";
  return "item " + std::to_string(r.index + 1) + " (" + name + ")";
}

std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string Quantity(const Item& item) {
  if (item.is_equipment) return FormatNumber(item.quantity) + " unit(s)";
  return FormatNumber(item.quantity) + " " + UnitName(item.unit);
}

bool IsPrcOrHk(const std::string& c) { return c == "CN" || c == "HK" || c == "MO"; }

bool HasWord(const std::string& text, std::string_view word) {
  size_t pos = 0;
  while ((pos = text.find(word, pos)) != std::string::npos) {
    bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
    size_t end = pos + word.size();
    bool right = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
    pos = end;
  }
  return false;
}

bool AnyEquipment(const Order& o) {
  for (const auto& i : o.items)
    if (i.is_equipment) return true;
  return false;
}

bool OfConcern(const Order& o, const Evaluation& e) {
  return AnyEquipment(o) || e.any_chemical_of_concern();
}

std::string PartyLabel(const Party& p) {
  return p.role + " '" + p.name + "'" + (p.country.empty() ? "" : " (" + p.country + ")");
}

std::string JoinAnd(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += i + 1 == v.size() ? " and " : ", ";
    out += v[i];
  }
  return out;
}

}  // namespace chokepoint::orders::redflags
