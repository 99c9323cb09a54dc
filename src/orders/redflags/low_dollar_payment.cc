// Low-dollar payments to a PRC/HK supplier for chemicals of concern: the pattern of small
// fentanyl and precursor purchases (FIN-2019-A006: typically $10-$100, about $600 in all).
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class LowDollarPaymentRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "low_dollar_payment",
        "FIN-2024-A002 red flag 9; FIN-2019-A006 (low-dollar transfers to China)",
        "Low-dollar payment to a PRC/HK chemical supplier for chemicals of concern",
        false,
        {{"max_amount_usd", 600}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    const Payment& p = o.payment;
    if (!p.has_amount || (p.currency != "USD" && !p.currency.empty())) return;
    if (!redflags::IsPrcOrHk(o.seller.country)) return;
    if (p.amount > ctx.param("max_amount_usd") || p.amount <= 0) return;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    out.push_back(Make(Severity::kMedium, "payment of USD " + redflags::FormatNumber(p.amount) +
                                              " (at most USD " +
                                              redflags::FormatNumber(ctx.param("max_amount_usd")) +
                                              ") to " + redflags::PartyLabel(o.seller) +
                                              " for regulated or flagged chemicals or equipment"));
  }
};

}  // namespace

const Rule* LowDollarPaymentRuleInstance() {
  static const LowDollarPaymentRule r;
  return &r;
}

}  // namespace chokepoint::orders
