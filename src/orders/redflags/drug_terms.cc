// Drug slang in the payment note or the waybill.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

const char* const kTerms[] = {"m30",        "m-30",         "blues", "china white",   "fent",
                              "fenty",      "percs",        "oxys",  "pressed pills", "tranq",
                              "xanax bars", "crystal meth", "shards"};

class DrugTermsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"drug_terms",
                            "FIN-2019-A006 (drug terms in payment notes); FIN-2024-A002",
                            "Drug slang in the payment note or the waybill declaration",
                            false,
                            {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    for (const auto& [field, text] :
         {std::pair<const char*, const std::string*>{"payment note", &o.payment.note},
          {"waybill declaration", &o.shipping.declared_as}}) {
      std::string l = Lower(*text);
      for (const char* t : kTerms) {
        if (!redflags::HasWord(l, t)) continue;
        out.push_back(Make(Severity::kHigh, "the " + std::string(field) + " '" + *text +
                                                "' uses the drug term '" + t + "'"));
        break;
      }
    }
  }
};

}  // namespace

const Rule* DrugTermsRuleInstance() {
  static const DrugTermsRule r;
  return &r;
}

}  // namespace chokepoint::orders
