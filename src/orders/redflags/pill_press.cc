// Tableting and encapsulating machines and their dies: regulated equipment, and the tools
// that turn fentanyl powder into counterfeit pills.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

// Imprints of counterfeited medicines: a die that makes them has no legitimate buyer.
const char* const kCounterfeitImprints[] = {"m30",      "m 30",     "m-30", "xanax", "oxycodone",
                                            "percocet", "adderall", "roxy", "a215",  "k9",
                                            "blue 30",  "v 48 12",  "gg249"};

bool IsRegulatedEquipment(const std::string& kind, std::string* what) {
  std::string k = Lower(kind);
  if (k.find("press") != std::string::npos || k.find("tablet") != std::string::npos) {
    *what = "tableting machine";
    return true;
  }
  if (k.find("encapsul") != std::string::npos || k.find("capsule") != std::string::npos) {
    *what = "encapsulating machine";
    return true;
  }
  if (k.find("die") != std::string::npos || k.find("mold") != std::string::npos ||
      k.find("mould") != std::string::npos || k.find("punch") != std::string::npos) {
    *what = "die mold / punch set";
    return true;
  }
  return false;
}

class PillPressRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "pill_press",
        "21 U.S.C. 830(a), 21 CFR 1310.05(a)(1)-(2) (tableting and encapsulating machines); "
        "FIN-2024-A002 (pill presses, die molds)",
        "Tablet presses, encapsulators and die molds",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    for (const ItemResult& r : ctx.eval.items) {
      if (!r.equipment) continue;
      const Item& it = o.items[static_cast<size_t>(r.index)];
      std::string what;
      if (!IsRegulatedEquipment(it.equipment, &what)) continue;
      std::string text = redflags::ItemLabel(o, r) + ": " + redflags::Quantity(it) + " " + what;
      if (!it.make.empty() || !it.model.empty())
        text += " (" + it.make + (it.model.empty() ? "" : " " + it.model) + ")";
      Severity s = Severity::kHigh;
      std::string blob = Lower(it.description + " " + it.model + " " + it.equipment);
      for (const char* imp : kCounterfeitImprints) {
        if (redflags::HasWord(blob, imp)) {
          text += "; imprint '" + std::string(imp) + "' of a counterfeited medicine";
          s = Severity::kCritical;
          break;
        }
      }
      if (it.serial.empty()) text += "; no serial number (required in the 1310.06 record)";
      out.push_back(Make(s, text, r.index));
    }
  }
};

}  // namespace

const Rule* PillPressRuleInstance() {
  static const PillPressRule r;
  return &r;
}

}  // namespace chokepoint::orders
