// An established customer departing from its own pattern: a regulated substance it never
// bought before, or a destination it never shipped to.
#include <set>

#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class UnusualPatternRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "unusual_pattern",
        "21 CFR 1301.74(b) (orders deviating substantially from a normal pattern)",
        "Established customer orders a regulated substance or ships to a destination for the "
        "first time",
        true,
        {{"min_history", 5}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    auto prior = ctx.history->CustomerOrders(PartyKey(o.buyer), ctx.day, o.id);
    if (static_cast<double>(prior.size()) < ctx.param("min_history")) return;
    std::set<std::string> substances, destinations;
    for (const OrderFacts* f : prior) {
      destinations.insert(f->destination);
      for (const auto& l : f->lines) substances.insert(l.substance);
    }
    std::vector<std::string> why;
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || !r.of_concern()) continue;
      if (!substances.count(SubstanceKey(o.items[static_cast<size_t>(r.index)], r)))
        why.push_back(redflags::ItemLabel(o, r) + " was never ordered before");
    }
    if (!o.route.destination.empty() && !destinations.count(o.route.destination))
      why.push_back("destination " + o.route.destination + " is new");
    if (why.empty()) return;
    out.push_back(Make(Severity::kMedium,
                       redflags::PartyLabel(o.buyer) + " (" + std::to_string(prior.size()) +
                           " earlier orders): " + redflags::JoinAnd(why),
                       -1, "buyer"));
  }
};

}  // namespace

const Rule* UnusualPatternRuleInstance() {
  static const UnusualPatternRule r;
  return &r;
}

}  // namespace chokepoint::orders
