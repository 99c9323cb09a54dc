// Controlled or listed item crossing a border without its paperwork: the export
// authorization, the import permit and the pre-export notification (PEN Online) reference.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class MissingAuthorizationRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"missing_authorization",
                            "1988 Convention art. 12(10)(a) (pre-export notification); 1961 "
                            "Convention art. 31 (import/export "
                            "authorizations); 21 CFR 1312 (permits for controlled substances), 21 "
                            "CFR 1313.12/1313.21 (import and "
                            "export declarations for listed chemicals)",
                            "International order of a controlled or listed item without export "
                            "authorization, import permit or PEN "
                            "reference",
                            false,
                            {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!o.international()) return;
    std::vector<std::string> regulated;
    bool drug = false;
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || !r.regulated()) continue;
      regulated.push_back(redflags::ItemLabel(o, r));
      drug = drug || r.worst == rules::Category::kDrug;
    }
    if (regulated.empty()) return;
    std::vector<std::string> missing;
    if (o.documents.export_authorization.empty())
      missing.push_back(drug ? "export permit" : "export authorization/declaration");
    if (o.documents.import_permit.empty()) missing.push_back("import permit");
    if (o.documents.pen_reference.empty())
      missing.push_back("pre-export notification (PEN) reference");
    if (missing.empty()) return;
    out.push_back(Make(missing.size() >= 2 ? Severity::kHigh : Severity::kMedium,
                       redflags::JoinAnd(regulated) + " shipped " + o.route.origin + " -> " +
                           o.route.destination + " without " + redflags::JoinAnd(missing)));
  }
};

}  // namespace

const Rule* MissingAuthorizationRuleInstance() {
  static const MissingAuthorizationRule r;
  return &r;
}

}  // namespace chokepoint::orders
