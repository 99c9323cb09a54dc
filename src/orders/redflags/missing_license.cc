// An importer of regulated chemicals or equipment that shows no licence or registration.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class MissingLicenseRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "missing_license",
        "FIN-2024-A002 red flag 5; 21 CFR 1310.07 (registration / proof of identity)",
        "Buyer of regulated chemicals or equipment shows no licence or registration",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    bool regulated = redflags::AnyEquipment(o) || ctx.eval.any_regulated_chemical();
    if (!regulated || !o.buyer.licenses.empty()) return;
    bool importer = o.international();
    out.push_back(Make(importer && o.buyer.country == "MX" ? Severity::kHigh : Severity::kMedium,
                       redflags::PartyLabel(o.buyer) + (importer ? " imports" : " buys") +
                           " regulated chemicals or equipment but lists no licence or registration",
                       -1, "buyer"));
  }
};

}  // namespace

const Rule* MissingLicenseRuleInstance() {
  static const MissingLicenseRule r;
  return &r;
}

}  // namespace chokepoint::orders
