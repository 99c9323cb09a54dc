#include "orders/item_check.h"

#include <algorithm>
#include <mutex>

namespace chokepoint::orders {

namespace {
int Rank(rules::Category c) {
  switch (c) {
    case rules::Category::kDrug:
      return 2;
    case rules::Category::kPrecursor:
      return 1;
    case rules::Category::kNone:
      return 0;
  }
  return 0;
}
}  // namespace

ItemChecker::ItemChecker(std::shared_ptr<const classify::Engine> engine)
    : engine_(std::move(engine)), loaded_(engine_->rules().Jurisdictions()) {
  std::sort(loaded_.begin(), loaded_.end());
  for (const auto& rb : engine_->rules().rulebooks()) {
    auto add = [&](const rules::Listing& l) {
      breakpoints_.push_back(l.effective);
      if (l.end) breakpoints_.push_back(*l.end);
    };
    for (const auto& e : rb.entries) add(*e);
    for (const auto& c : rb.classes) add(*c);
  }
  std::sort(breakpoints_.begin(), breakpoints_.end());
  breakpoints_.erase(std::unique(breakpoints_.begin(), breakpoints_.end()), breakpoints_.end());
}

Date ItemChecker::Epoch(const Date& at) const {
  auto it = std::upper_bound(breakpoints_.begin(), breakpoints_.end(), at);
  if (it == breakpoints_.begin()) return Date{1900, 1, 1};
  return *std::prev(it);
}

std::string ItemChecker::RulebookFor(const std::string& country) const {
  if (country.empty() || country == "UN")
    return std::find(loaded_.begin(), loaded_.end(), country) != loaded_.end() ? country : "";
  return std::binary_search(loaded_.begin(), loaded_.end(), country) ? country : "";
}

size_t ItemChecker::cache_size() const {
  std::shared_lock lock(mu_);
  return cache_.size();
}

std::shared_ptr<const classify::Record> ItemChecker::Classify(const std::string& substance,
                                                              const Date& at,
                                                              chem::InputType as) const {
  const Date epoch = Epoch(at);
  std::string key =
      epoch.ToString() + (as == chem::InputType::kName ? "\nname\n" : "\n") + substance;
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
  }
  classify::ClassifyOptions opts;
  opts.at = epoch;
  opts.as = as;
  auto rec = std::make_shared<const classify::Record>(engine_->Classify(substance, opts));
  std::unique_lock lock(mu_);
  auto [it, inserted] = cache_.emplace(std::move(key), std::move(rec));
  return it->second;
}

ItemResult ItemChecker::Check(const Order& order, const Item& item, const Date& at) const {
  ItemResult r;
  r.index = item.index;
  if (item.is_equipment) {
    r.equipment = true;
    r.verdict = "equipment";
    return r;
  }
  r.kg = item.kilograms();
  auto rec = Classify(item.substance, at);
  if (!rec->ok) {
    r.verdict = "error";
    r.error_code = rec->error.tag();
    r.error_message = rec->error.message();
    return r;
  }
  r.identified = true;
  r.name = rec->substance.name;
  r.smiles = rec->substance.smiles;
  r.verdict = rec->verdict;
  r.flags = rec->flags;
  if (!item.description.empty() && item.description.size() < 200) {
    auto desc = Classify(item.description, at, chem::InputType::kName);
    if (desc->ok) {
      r.described_name = desc->substance.name;
      r.described_smiles = desc->substance.smiles;
    }
  }

  // The most severe loaded status: what a country without a rulebook reads.
  const classify::JurisdictionStatus* strictest = nullptr;
  std::string strictest_from;
  for (const auto& j : loaded_) {  // sorted: ties go to the first jurisdiction alphabetically
    auto it = rec->status.find(j);
    if (it == rec->status.end()) continue;
    if (!strictest || Rank(it->second.category) > Rank(strictest->category)) {
      strictest = &it->second;
      strictest_from = j;
    }
  }

  auto add = [&](const std::string& country, const std::string& role) {
    for (const auto& x : r.readings)
      if (x.country == country) return;  // a transit country equal to the origin reads once
    Reading rd;
    rd.country = country;
    rd.role = role;
    std::string book = RulebookFor(country);
    if (!book.empty()) {
      auto it = rec->status.find(book);
      if (it != rec->status.end()) rd.status = it->second;
      rd.rulebook = book;
    } else {
      rd.strictest = true;
      if (strictest) {
        rd.status = *strictest;
        rd.rulebook = strictest_from;
      }
    }
    if (Rank(rd.status.category) > Rank(r.worst)) r.worst = rd.status.category;
    r.readings.push_back(std::move(rd));
  };
  if (!order.route.origin.empty()) add(order.route.origin, "origin");
  if (!order.route.destination.empty()) add(order.route.destination, "destination");
  for (const auto& t : order.route.transit) add(t, "transit");
  if (r.readings.empty()) {
    // No route country known: every loaded rulebook, strictest first.
    for (const auto& j : loaded_) add(j, "unknown_route");
  }
  if (!RulebookFor("UN").empty()) add("UN", "international");
  return r;
}

}  // namespace chokepoint::orders
