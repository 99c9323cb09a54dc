// Unusual order size against the customer's own history of the same substance (robust z on
// median/MAD) and against its peer group (trailing percentile).
#include <cstdio>

#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"
#include "orders/stats.h"

namespace chokepoint::orders {
namespace {

std::string Fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

class UnusualSizeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "unusual_size",
        "21 CFR 1301.74(b) (orders of unusual size); 21 CFR 1310.05(a)(1) (extraordinary quantity)",
        "Quantity far above the customer's own history (median/MAD) or its peer group (trailing "
        "percentile)",
        true,
        {{"min_history", 4},       // customer purchases of the substance needed before judging
         {"window", 50},           // most recent customer purchases compared
         {"z", 5},                 // robust z-score at or above which the size is unusual
         {"min_ratio", 3},         // and at least this multiple of the customer's median
         {"min_rel_scale", 0.1},   // scale floor as a fraction of the median (MAD = 0 histories)
         {"peer_min", 20},         // peer purchases needed
         {"peer_window", 200},     // most recent peer purchases compared
         {"peer_percentile", 99},  // above this trailing percentile of the peers
         {"peer_min_ratio", 5}}};  // and at least this multiple of the peer median
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    std::string customer = PartyKey(o.buyer);
    std::string group = IndustryClass(o.buyer.industry);
    std::vector<const OrderFacts*> prior;
    bool loaded = false;
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || !r.of_concern() || r.kg <= 0) continue;
      const Item& it = o.items[static_cast<size_t>(r.index)];
      std::string key = SubstanceKey(it, r);
      if (!loaded) prior = ctx.history->CustomerOrders(customer, ctx.day, o.id), loaded = true;
      std::vector<double> own;
      for (auto f = prior.rbegin();
           f != prior.rend() && own.size() < static_cast<size_t>(ctx.param("window")); ++f)
        for (const auto& l : (*f)->lines)
          if (l.substance == key) own.push_back(l.kg);
      std::vector<std::string> why;
      bool own_hit = false;
      if (static_cast<double>(own.size()) >= ctx.param("min_history")) {
        double med = Median(own);
        double z = RobustZ(r.kg, own, ctx.param("min_rel_scale"));
        if (z >= ctx.param("z") && r.kg >= ctx.param("min_ratio") * med) {
          own_hit = true;
          why.push_back(Fmt(r.kg) + " kg is " + Fmt(r.kg / med) + "x the customer's median of " +
                        Fmt(med) + " kg over its last " + std::to_string(own.size()) +
                        " purchases (robust z " + Fmt(z) + ")");
        }
      }
      auto peers = ctx.history->PeerQuantities(group, key, ctx.day, customer,
                                               static_cast<size_t>(ctx.param("peer_window")));
      bool peer_hit = false;
      if (static_cast<double>(peers.size()) >= ctx.param("peer_min")) {
        double p = Percentile(peers, ctx.param("peer_percentile"));
        double med = Median(peers);
        if (r.kg > p && r.kg >= ctx.param("peer_min_ratio") * med) {
          peer_hit = true;
          why.push_back(Fmt(r.kg) + " kg is above the " + Fmt(ctx.param("peer_percentile")) +
                        "th percentile (" + Fmt(p) + " kg) of " + std::to_string(peers.size()) +
                        " recent '" + group + "' peer purchases (median " + Fmt(med) + " kg)");
        }
      }
      if (why.empty()) continue;
      out.push_back(Make(own_hit ? Severity::kHigh : Severity::kMedium,
                         redflags::ItemLabel(o, r) + ": " + redflags::JoinAnd(why), r.index));
      (void)peer_hit;
    }
  }
};

}  // namespace

const Rule* UnusualSizeRuleInstance() {
  static const UnusualSizeRule r;
  return &r;
}

}  // namespace chokepoint::orders
