#include "orders/history.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "util/contact.h"

namespace chokepoint::orders {

// Howard Hinnant's days_from_civil.
int DayNumber(const Date& d) {
  int y = d.year - (d.month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Date FromDayNumber(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

std::string IndustryClass(const std::string& industry) {
  std::string l;
  for (char c : industry) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l.find_first_not_of(" \t") == std::string::npos) return "unknown";
  auto has = [&](const char* w) { return l.find(w) != std::string::npos; };
  if (has("pharma") || has("drug manufactur") || has("medicine") || has("api manufactur"))
    return "pharma";
  if (has("distribut") && has("chem")) return "distribution";
  if (has("chem") || has("reagent") || has("biotech") || has("fine chemical") || has("agrochem"))
    return "chemical";
  if (has("laborator") || has("research") || has("university") || has("hospital") ||
      has("clinic") || has("analytical"))
    return "lab";
  return "other";
}

bool IsChemicalIndustry(const std::string& c) {
  return c == "chemical" || c == "pharma" || c == "lab" || c == "distribution";
}

std::string SubstanceKey(const Item& item, const ItemResult& r) {
  if (r.identified && !r.smiles.empty()) return r.smiles;
  std::string l;
  for (char c : item.substance) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l;
}

OrderFacts ExtractFacts(const Order& o, const Evaluation& eval) {
  OrderFacts f;
  f.order_id = o.id;
  f.customer = PartyKey(o.buyer);
  f.day = DayNumber(o.date);
  f.peer_group = IndustryClass(o.buyer.industry);
  f.destination = o.route.destination;
  f.seller = PartyKey(o.seller);
  f.seller_country = o.seller.country;
  if (!o.payment.payer.empty() && PartyKey(o.payment.payer) != f.customer) {
    f.payer = PartyKey(o.payment.payer);
    f.payer_type = o.payment.payer.type;
  }
  for (size_t i = 0; i < o.items.size(); ++i) {
    const Item& it = o.items[i];
    if (it.is_equipment) continue;
    const ItemResult& r = eval.items[i];
    f.lines.push_back({SubstanceKey(it, r), it.kilograms(), r.of_concern()});
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const Party* p : {&o.buyer, &o.consignee}) {
    if (p->empty()) continue;
    for (const auto& e : p->emails)
      if (auto v = EmailKey(e); !v.empty()) seen.insert({"email", v});
    for (const auto& ph : p->phones)
      if (auto v = PhoneKey(ph); !v.empty()) seen.insert({"phone", v});
    if (auto v = NormalizeAddress(p->address); v.size() >= 8) seen.insert({"address", v});
  }
  for (const auto& [k, v] : seen) f.contacts.push_back({k, v});
  return f;
}

int History::Intern(const std::string& customer) {
  auto [it, inserted] = customer_ids_.emplace(customer, static_cast<int>(customer_ids_.size()));
  return it->second;
}

void History::Add(OrderFacts f) {
  if (f.order_id.empty() || by_id_.count(f.order_id)) return;
  size_t i = facts_.size();
  facts_.push_back(std::move(f));
  const OrderFacts& x = facts_.back();
  by_id_[x.order_id] = i;
  // Kept sorted by day (ties in insertion order): orders mostly arrive in date order, so this
  // is an append, and CustomerOrders never sorts.
  auto& mine = by_customer_[x.customer];
  auto pos = std::upper_bound(mine.begin(), mine.end(), x.day,
                              [this](int day, size_t k) { return day < facts_[k].day; });
  mine.insert(pos, i);
  int cid = Intern(x.customer);
  for (const auto& l : x.lines)
    by_peer_[x.peer_group + "|" + l.substance].push_back({i, x.day, cid, l.kg});
  for (const auto& c : x.contacts) by_contact_[c.kind + "|" + c.value].push_back(i);
  if (!x.payer.empty()) by_payer_[x.payer].push_back(i);
  by_seller_[x.seller].push_back(i);
}

bool History::Remove(const std::string& order_id) {
  auto it = by_id_.find(order_id);
  if (it == by_id_.end()) return false;
  size_t i = it->second;
  OrderFacts& x = facts_[i];
  auto drop = [i](std::vector<size_t>& v) { v.erase(std::remove(v.begin(), v.end(), i), v.end()); };
  drop(by_customer_[x.customer]);
  for (const auto& l : x.lines) {
    auto& v = by_peer_[x.peer_group + "|" + l.substance];
    v.erase(std::remove_if(v.begin(), v.end(), [i](const PeerEntry& p) { return p.fact == i; }),
            v.end());
  }
  for (const auto& c : x.contacts) drop(by_contact_[c.kind + "|" + c.value]);
  if (!x.payer.empty()) drop(by_payer_[x.payer]);
  drop(by_seller_[x.seller]);
  by_id_.erase(it);
  x = OrderFacts{};
  return true;
}

std::vector<const OrderFacts*> History::CustomerOrders(const std::string& customer, int day,
                                                       const std::string& except_id) const {
  std::vector<const OrderFacts*> out;
  auto it = by_customer_.find(customer);
  if (it == by_customer_.end()) return out;
  const auto& mine = it->second;
  auto end = std::upper_bound(mine.begin(), mine.end(), day,
                              [this](int d, size_t k) { return d < facts_[k].day; });
  out.reserve(static_cast<size_t>(end - mine.begin()));
  for (auto k = mine.begin(); k != end; ++k)
    if (facts_[*k].order_id != except_id) out.push_back(&facts_[*k]);
  return out;
}

std::vector<double> History::PeerQuantities(const std::string& group, const std::string& substance,
                                            int day, const std::string& except_customer,
                                            size_t max) const {
  std::vector<double> out;
  auto it = by_peer_.find(group + "|" + substance);
  if (it == by_peer_.end()) return out;
  auto c = customer_ids_.find(except_customer);
  int except = c == customer_ids_.end() ? -1 : c->second;
  const auto& v = it->second;
  out.reserve(std::min(max, v.size()));
  for (auto r = v.rbegin(); r != v.rend() && out.size() < max; ++r)
    if (r->day <= day && r->customer != except) out.push_back(r->kg);
  return out;
}

std::vector<std::string> History::ContactOwners(const std::string& kind, const std::string& value,
                                                int day, const std::string& customer) const {
  std::set<std::string> owners;
  auto it = by_contact_.find(kind + "|" + value);
  if (it == by_contact_.end()) return {};
  for (size_t i : it->second) {
    const OrderFacts& f = facts_[i];
    if (f.day <= day && f.customer != customer) owners.insert(f.customer);
  }
  return {owners.begin(), owners.end()};
}

std::vector<std::string> History::PayerCustomers(const std::string& payer, int day) const {
  std::set<std::string> out;
  auto it = by_payer_.find(payer);
  if (it == by_payer_.end()) return {};
  for (size_t i : it->second)
    if (facts_[i].day <= day) out.insert(facts_[i].customer);
  return {out.begin(), out.end()};
}

std::vector<std::string> History::SellerIndividualPayers(const std::string& seller, int day,
                                                         int window) const {
  std::set<std::string> out;
  auto it = by_seller_.find(seller);
  if (it == by_seller_.end()) return {};
  for (size_t i : it->second) {
    const OrderFacts& f = facts_[i];
    if (f.day <= day && f.day > day - window && !f.payer.empty() && f.payer_type == "individual")
      out.insert(f.payer);
  }
  return {out.begin(), out.end()};
}

}  // namespace chokepoint::orders
