// Masked and designer precursors and analogs: a listed chemical or drug is one or two easy
// steps away (engine flags), or the item is listed only through a generic derivative clause
// (amide, carbamate, acetal, halide) — the legal answer to masking.
#include "orders/rules/common.h"
#include "orders/rules/rules.h"

namespace chokepoint::orders {
namespace {

bool DerivativeBasis(const std::string& basis) {
  for (const char* b : {"amide", "carbamate", "acetal", "halide", "ketal", "ester", "ether"})
    if (basis.find(b) != std::string::npos) return true;
  return false;
}

class MaskedPrecursorRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"masked_precursor",
                            "FIN-2024-A002 (precursor chemicals); 21 CFR 1310.02 generic listings (amides, carbamates, "
                            "acetals, halides, salts); INCB special surveillance list",
                            "Masked or designer precursor, or close analog of a controlled drug",
                            false,
                            {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment) continue;
      std::string label = rules_util::ItemLabel(ctx.order, r);
      bool flagged = false;
      for (const auto& f : r.flags) {
        Severity s = Severity::kHigh;
        std::string what;
        if (f.type == "masked_precursor") what = "masked form of ";
        else if (f.type == "designer_precursor") what = "designer precursor close to ";
        else if (f.type == "analog") what = "close analog of ";
        else if (f.type == "emerging_threat") what = "on a watch list: ", s = Severity::kMedium;
        else continue;
        flagged = true;
        out.push_back(Make(s, label + " is a " + what + f.target + ": " + f.explanation, r.index));
      }
      if (flagged) continue;
      for (const Reading& rd : r.readings) {
        if (rd.status.category == rules::Category::kNone || !DerivativeBasis(rd.status.basis)) continue;
        out.push_back(Make(Severity::kHigh,
                           label + " is a masked form (" + rd.status.basis + ") of a listed parent, covered by " +
                               rd.rulebook + " " + rd.status.rule + ": " + rd.status.explanation,
                           r.index));
        break;
      }
    }
  }
};

}  // namespace

const Rule* MaskedPrecursorRuleInstance() {
  static const MaskedPrecursorRule r;
  return &r;
}

}  // namespace chokepoint::orders
