// Someone other than the buyer (or consignee) pays.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class ThirdPartyPayerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "third_party_payer",
        "21 CFR 1310.05(a)(1) (uncommon method of payment); FIN-2019-A006 (third-party and "
        "funnel-account payments)",
        "A third party, not the buyer or consignee, pays for the order",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    const Party& payer = o.payment.payer;
    if (payer.empty()) return;
    std::string key = PartyKey(payer);
    if (key == PartyKey(o.buyer) || (!o.consignee.empty() && key == PartyKey(o.consignee))) return;
    std::string text =
        "paid by " + redflags::PartyLabel(payer) + " on behalf of " + redflags::PartyLabel(o.buyer);
    Severity s = redflags::OfConcern(o, ctx.eval) ? Severity::kMedium : Severity::kLow;
    std::vector<std::string> extra;
    if (payer.type == "individual" && o.buyer.type == "entity")
      extra.push_back("an individual pays for a company");
    if (!payer.country.empty() && !o.buyer.country.empty() && payer.country != o.buyer.country)
      extra.push_back("from another country (" + payer.country + ")");
    if (!extra.empty()) {
      text += "; " + redflags::JoinAnd(extra);
      if (s == Severity::kMedium) s = Severity::kHigh;
    }
    out.push_back(Make(s, text, -1, "payer"));
  }
};

}  // namespace

const Rule* ThirdPartyPayerRuleInstance() {
  static const ThirdPartyPayerRule r;
  return &r;
}

}  // namespace chokepoint::orders
