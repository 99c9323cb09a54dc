// Virtual currency, cash, money transfer or peer-to-peer payment for chemicals of concern or
// equipment: an "uncommon method of payment" for a regulated chemical sale.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class PaymentMethodRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "payment_method",
        "21 CFR 1310.05(a)(1) (uncommon method of payment); FIN-2024-A002 red flags 9, 13; "
        "FIN-2019-A006",
        "Virtual-currency, cash, money-transfer or peer-to-peer payment for chemicals or equipment",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const std::string& m = ctx.order.payment.method;
    Severity s;
    std::string what;
    if (m == "virtual_currency")
      s = Severity::kHigh, what = "virtual currency";
    else if (m == "cash")
      s = Severity::kHigh, what = "cash";
    else if (m == "money_transfer")
      s = Severity::kMedium, what = "a money transfer (remittance)";
    else if (m == "p2p")
      s = Severity::kMedium, what = "a peer-to-peer payment app";
    else
      return;
    if (!redflags::OfConcern(ctx.order, ctx.eval)) return;
    out.push_back(
        Make(s, "paid with " + what + " for regulated or flagged chemicals or equipment"));
  }
};

}  // namespace

const Rule* PaymentMethodRuleInstance() {
  static const PaymentMethodRule r;
  return &r;
}

}  // namespace chokepoint::orders
