// Masked and designer precursors and analogs: a listed chemical or drug is one or two easy
// steps away (engine flags), or the item is listed only through a generic derivative clause
// (amide, carbamate, acetal, halide) — the legal answer to masking.
#include <algorithm>

#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

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
    static const RuleInfo k{
        "masked_precursor",
        "FIN-2024-A002 (precursor chemicals); 21 CFR 1310.02 generic listings (amides, carbamates, "
        "acetals, halides, salts); INCB special surveillance list",
        "Masked or designer precursor, or close analog of a controlled drug",
        false,
        {}};
    return k;
  }
  // An item regulated in its own right is governed by its listing: the flags then only describe
  // the ordinary forward route (4-piperidone -> 4-AP) and add noise. For such items only the
  // derivative clauses (masking that the law already caught) are reported.
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment) continue;
      std::string label = redflags::ItemLabel(ctx.order, r);
      if (r.regulated()) {
        for (const Reading& rd : r.readings) {
          if (rd.status.category == rules::Category::kNone || !DerivativeBasis(rd.status.basis))
            continue;
          out.push_back(Make(Severity::kHigh,
                             label + " is a masked form (" + rd.status.basis +
                                 ") of a listed parent, covered by " + rd.rulebook + " " +
                                 rd.status.rule,
                             r.index));
          break;
        }
        continue;
      }
      std::vector<std::string> what;
      Severity s = Severity::kMedium;
      for (const auto& f : r.flags) {
        std::string w;
        if (f.type == "masked_precursor")
          w = "a masked form of ";
        else if (f.type == "designer_precursor")
          w = "a designer precursor close to ";
        else if (f.type == "analog")
          w = "a close analog of ";
        else if (f.type == "emerging_threat")
          w = "on a watch list as ";
        else
          continue;
        // Reviewed transforms are evidence; similarity (designer precursor, analog) is a lead.
        if (f.type == "masked_precursor") s = Severity::kHigh;
        std::string one = w + f.target;
        if (std::find(what.begin(), what.end(), one) == what.end()) what.push_back(one);
      }
      if (what.empty()) continue;
      std::string first_expl;
      for (const auto& f : r.flags)
        if (first_expl.empty() && !f.explanation.empty()) first_expl = f.explanation;
      if (what.size() > 3) {
        size_t more = what.size() - 3;
        what.resize(3);
        what.push_back(std::to_string(more) + " more");
      }
      out.push_back(Make(s,
                         label + " is not listed but is " + redflags::JoinAnd(what) +
                             (first_expl.empty() ? "" : " (" + first_expl + ")"),
                         r.index));
    }
  }
};

}  // namespace

const Rule* MaskedPrecursorRuleInstance() {
  static const MaskedPrecursorRule r;
  return &r;
}

}  // namespace chokepoint::orders
