// A chemical the engine cannot identify: nobody can tell whether it is controlled.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class UnidentifiedSubstanceRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "unidentified_substance",
        "21 CFR 1310.06(a) (the record names the chemical); 21 CFR 1310.05(a)(1) (any other "
        "circumstance)",
        "A chemical item could not be identified from its SMILES, CAS number or name",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || r.identified) continue;
      const Item& it = ctx.order.items[static_cast<size_t>(r.index)];
      out.push_back(Make(Severity::kLow,
                         "item " + std::to_string(r.index + 1) + " '" + it.substance +
                             "' could not be identified (" + r.error_code + ": " + r.error_message +
                             "); its control status is unknown",
                         r.index));
    }
  }
};

}  // namespace

const Rule* UnidentifiedSubstanceRuleInstance() {
  static const UnidentifiedSubstanceRule r;
  return &r;
}

}  // namespace chokepoint::orders
