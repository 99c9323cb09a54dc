// Item status through the classify engine, read for every country on the route.
//
// Country -> rulebook: a country reads the rulebook loaded under its own ISO code (US -> US,
// CN -> CN). Hong Kong is NOT read under CN: it keeps its own precursor and drug law (Control
// of Chemicals Ordinance, Cap. 145; Dangerous Drugs Ordinance, Cap. 134) under the Basic Law,
// and the mainland's precursor regulations do not apply there. A country without a rulebook
// gets the strictest reading: the most severe status among the loaded rulebooks, said so in
// the reading. Every country is a party to the 1961/1971/1988 Conventions, so the UN rulebook,
// when loaded, is added as the international baseline.
//
// Each distinct substance text is classified once per "legal epoch" and cached; thread-safe.
// An epoch is the span between two consecutive listing dates (every effective and end date
// in the loaded rulebooks): no status can change inside it, so the item is classified as of
// the epoch's first day, whichever order date inside the epoch asks first (deterministic).
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "classify/engine.h"
#include "orders/evaluation.h"
#include "orders/order.h"

namespace chokepoint::orders {

class ItemChecker {
 public:
  explicit ItemChecker(std::shared_ptr<const classify::Engine> engine);

  // Evaluates one item of `order` on `at` (the law as it stood that day).
  ItemResult Check(const Order& order, const Item& item, const Date& at) const;

  // The rulebook a country reads, or "" for none (strictest reading).
  std::string RulebookFor(const std::string& country) const;
  size_t cache_size() const;

 private:
  std::shared_ptr<const classify::Record> Classify(
      const std::string& substance, const Date& at,
      chem::InputType as = chem::InputType::kAuto) const;

  std::shared_ptr<const classify::Engine> engine_;
  std::vector<std::string> loaded_;
  std::vector<Date> breakpoints_;  // sorted listing dates
  Date Epoch(const Date& at) const;
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const classify::Record>>
      cache_;  // GUARDED_BY(mu_)
};

}  // namespace chokepoint::orders
