// A counterparty with no PRC affiliation using a PRC phone number.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

bool PrcNumber(const std::string& raw) {
  std::string t;
  for (char c : raw)
    if (c == '+' || std::isdigit(static_cast<unsigned char>(c))) t += c;
  return t.rfind("+86", 0) == 0 || t.rfind("0086", 0) == 0;
}

class PrcPhoneRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"prc_phone",
                            "FIN-2024-A002 red flag 3",
                            "Counterparty outside the PRC/HK using a PRC (+86) phone number",
                            false,
                            {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    for (const Party* p : o.AllParties()) {
      if (p->country.empty() || redflags::IsPrcOrHk(p->country)) continue;
      for (const auto& ph : p->phones) {
        if (!PrcNumber(ph)) continue;
        out.push_back(Make(redflags::OfConcern(o, ctx.eval) ? Severity::kMedium : Severity::kLow,
                           redflags::PartyLabel(*p) + " uses the PRC phone number " + ph, -1,
                           p->role));
        break;
      }
    }
  }
};

}  // namespace

const Rule* PrcPhoneRuleInstance() {
  static const PrcPhoneRule r;
  return &r;
}

}  // namespace chokepoint::orders
