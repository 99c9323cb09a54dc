// A cash or money-transfer payment just under the USD 10,000 currency-transaction-report
// threshold.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class StructuringRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "structuring",
        "FIN-2024-A002 red flag 12; FIN-2019-A006 (structuring); 31 U.S.C. 5324",
        "Cash or money-transfer amount just under the USD 10,000 reporting threshold",
        false,
        {{"threshold_usd", 10000}, {"margin_usd", 1000}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Payment& p = ctx.order.payment;
    if (!p.has_amount || (p.currency != "USD" && !p.currency.empty())) return;
    if (p.method != "cash" && p.method != "money_transfer" && p.method != "p2p") return;
    double t = ctx.param("threshold_usd"), m = ctx.param("margin_usd");
    if (p.amount >= t || p.amount < t - m) return;
    out.push_back(Make(Severity::kHigh, p.method + " payment of USD " +
                                            redflags::FormatNumber(p.amount) +
                                            ", just under the USD " + redflags::FormatNumber(t) +
                                            " reporting threshold"));
  }
};

}  // namespace

const Rule* StructuringRuleInstance() {
  static const StructuringRule r;
  return &r;
}

}  // namespace chokepoint::orders
