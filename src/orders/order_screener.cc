#include "orders/order_screener.h"

#include <mutex>

namespace chokepoint::orders {

OrderScreener::OrderScreener(std::shared_ptr<const classify::Engine> engine,
                             std::shared_ptr<const PartyChecker> parties, Policy policy,
                             ScreenOptions options)
    : items_(std::move(engine)),
      parties_(std::move(parties)),
      policy_(std::move(policy)),
      options_(options) {
  for (const Rule* r : AllRules()) {
    if (!policy_.rule(r->info().id).enabled) continue;
    (r->info().uses_history ? historic_ : stateless_).push_back(r);
  }
}

namespace {
std::string PartyCacheKey(const Party& p) {
  std::string k =
      p.name + "\x1f" + p.country + "\x1f" + p.address + "\x1f" + p.type + "\x1f" + p.website;
  for (const auto& [kind, v] : p.ids) k += "\x1f" + kind + "=" + v;
  for (const auto& e : p.emails) k += "\x1f" + e;
  for (const auto& ph : p.phones) k += "\x1f" + ph;
  return k;
}
}  // namespace

PartyCheckResult OrderScreener::CheckParty(const Party& p) const {
  if (!parties_) return {{}, "not screened: no screening lists loaded"};
  std::string key = PartyCacheKey(p);
  {
    std::shared_lock lock(mu_);
    auto it = party_cache_.find(key);
    if (it != party_cache_.end()) return it->second;
  }
  PartyCheckResult r = parties_->Check(p);
  std::unique_lock lock(mu_);
  party_cache_.emplace(std::move(key), r);
  return r;
}

Prepared OrderScreener::Prepare(Order order) const {
  Prepared p;
  p.order = std::move(order);
  const Order& o = p.order;
  p.day = DayNumber(o.date);
  Date at = options_.at ? *options_.at : o.date;
  for (const Item& it : o.items) p.eval.items.push_back(items_.Check(o, it, at));
  for (const Party* party : o.AllParties()) {
    PartyResult pr;
    pr.role = party->role;
    pr.party = *party;
    PartyCheckResult c = CheckParty(*party);
    pr.hits = std::move(c.hits);
    pr.note = std::move(c.note);
    p.eval.parties.push_back(std::move(pr));
  }
  if (!parties_) p.eval.notes.push_back("parties not screened: no screening lists loaded");
  for (const Rule* r : stateless_) {
    RuleContext ctx{o, p.eval, nullptr, policy_.rule(r->info().id).params, p.day};
    r->Evaluate(ctx, p.reasons);
  }
  return p;
}

Screened OrderScreener::Decide(const Prepared& p, const History& history) const {
  std::vector<Reason> reasons = p.reasons;
  for (const Rule* r : historic_) {
    RuleContext ctx{p.order, p.eval, &history, policy_.rule(r->info().id).params, p.day};
    r->Evaluate(ctx, reasons);
  }
  Screened s;
  s.result = orders::Decide(policy_, std::move(reasons));
  s.facts = ExtractFacts(p.order, p.eval);
  return s;
}

}  // namespace chokepoint::orders
