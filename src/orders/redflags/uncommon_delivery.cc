// Uncommon method of delivery for a regulated chemical: postal or courier parcels above a
// parcel-sized quantity, or a waybill that calls it a gift, a sample or documents.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

const char* const kEvasiveDeclarations[] = {
    "gift",         "sample",           "samples",     "documents",          "document",
    "personal use", "personal effects", "free sample", "no commercial value"};

class UncommonDeliveryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"uncommon_delivery",
                            "21 CFR 1310.05(a)(1) (uncommon method of delivery); FIN-2024-A002",
                            "Regulated chemical sent by post or courier in bulk, or declared as "
                            "gift, sample or documents",
                            false,
                            {{"parcel_max_kg", 5}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    std::vector<std::string> why;
    double kg = 0;
    for (const ItemResult& r : ctx.eval.items)
      if (!r.equipment && r.of_concern()) kg += r.kg;
    const std::string& m = o.shipping.method;
    if ((m == "post" || m == "courier") && kg > ctx.param("parcel_max_kg"))
      why.push_back(redflags::FormatNumber(kg) + " kg of regulated or flagged chemicals sent by " +
                    m + " (parcel services carry at most " +
                    redflags::FormatNumber(ctx.param("parcel_max_kg")) +
                    " kg in normal chemical trade)");
    else if (m == "post" && kg > 0)
      why.push_back("regulated or flagged chemicals sent by post");
    std::string d = Lower(o.shipping.declared_as);
    for (const char* w : kEvasiveDeclarations) {
      if (redflags::HasWord(d, w)) {
        why.push_back("the waybill declares the shipment as '" + o.shipping.declared_as + "'");
        break;
      }
    }
    if (why.empty()) return;
    out.push_back(Make(Severity::kMedium, redflags::JoinAnd(why)));
  }
};

}  // namespace

const Rule* UncommonDeliveryRuleInstance() {
  static const UncommonDeliveryRule r;
  return &r;
}

}  // namespace chokepoint::orders
