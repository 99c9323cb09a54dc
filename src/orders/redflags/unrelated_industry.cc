// A buyer outside the chemical, pharmaceutical and laboratory trades buying precursors or
// tableting equipment.
#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class UnrelatedIndustryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "unrelated_industry",
        "FIN-2024-A002 red flags 11, 14; 21 CFR 1310.07 (know the customer's business)",
        "Buyer outside the chemical/pharma industry (or with no stated industry) buying precursors "
        "or equipment",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    std::string cls = IndustryClass(o.buyer.industry);
    if (IsChemicalIndustry(cls)) return;
    if (cls == "unknown") {
      out.push_back(Make(
          Severity::kLow,
          redflags::PartyLabel(o.buyer) + " states no industry; buying regulated or flagged goods",
          -1, "buyer"));
      return;
    }
    out.push_back(
        Make(Severity::kHigh,
             redflags::PartyLabel(o.buyer) + " is in '" + o.buyer.industry +
                 "', outside the chemical, pharmaceutical and laboratory trades, and buys "
                 "regulated or flagged chemicals or equipment",
             -1, "buyer"));
  }
};

}  // namespace

const Rule* UnrelatedIndustryRuleInstance() {
  static const UnrelatedIndustryRule r;
  return &r;
}

}  // namespace chokepoint::orders
