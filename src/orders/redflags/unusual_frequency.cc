// Unusual order frequency against the customer's own rhythm (median gap between orders),
// and bursts of orders from any customer.
#include <cstdio>

#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"
#include "orders/stats.h"

namespace chokepoint::orders {
namespace {

class UnusualFrequencyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "unusual_frequency",
        "21 CFR 1301.74(b) (orders of unusual frequency)",
        "More orders in the trailing window than the customer's median gap predicts, or a burst",
        true,
        {{"window_days", 30},   // trailing window counted, this order included
         {"min_history", 5},    // earlier orders needed to know the customer's rhythm
         {"ratio", 3},          // count >= ratio x expected count in the window
         {"min_count", 4},      // and at least this many orders in the window
         {"burst_days", 7},     // any customer: this many days ...
         {"burst_count", 5}}};  // ... holding this many orders
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    auto prior = ctx.history->CustomerOrders(PartyKey(o.buyer), ctx.day, o.id);
    int window = static_cast<int>(ctx.param("window_days"));
    int burst = static_cast<int>(ctx.param("burst_days"));
    int in_window = 1, in_burst = 1;
    for (const OrderFacts* f : prior) {
      in_window += f->day > ctx.day - window;
      in_burst += f->day > ctx.day - burst;
    }
    char buf[256];
    // Rhythm: median gap between the earlier orders that precede the window.
    std::vector<const OrderFacts*> before;
    for (const OrderFacts* f : prior)
      if (f->day <= ctx.day - window) before.push_back(f);
    if (static_cast<double>(before.size()) >= ctx.param("min_history")) {
      std::vector<double> gaps;
      for (size_t i = 1; i < before.size(); ++i)
        gaps.push_back(before[i]->day - before[i - 1]->day);
      double gap = std::max(1.0, Median(gaps));
      double expected = window / gap;
      if (in_window >= ctx.param("min_count") && in_window >= ctx.param("ratio") * expected) {
        std::snprintf(
            buf, sizeof buf,
            "%d orders in the last %d days; the customer's median gap of %.0f days predicts %.1f",
            in_window, window, gap, expected);
        out.push_back(
            Make(Severity::kMedium, redflags::PartyLabel(o.buyer) + ": " + buf, -1, "buyer"));
        return;
      }
    }
    if (in_burst >= ctx.param("burst_count")) {
      std::snprintf(buf, sizeof buf, "%d orders within %d days", in_burst, burst);
      out.push_back(
          Make(Severity::kMedium, redflags::PartyLabel(o.buyer) + ": " + buf, -1, "buyer"));
    }
  }
};

}  // namespace

const Rule* UnusualFrequencyRuleInstance() {
  static const UnusualFrequencyRule r;
  return &r;
}

}  // namespace chokepoint::orders
