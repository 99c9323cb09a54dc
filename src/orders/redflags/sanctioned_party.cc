// A party on a sanctions or denied-party list: directly (seller, buyer, consignee) or through
// the payer, the freight forwarder, the broker or another party.
#include <cstdio>

#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class SanctionedPartyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "sanctioned_party",
        "OFAC SDN (31 CFR ch. V; EO 14059, Kingpin Act); BIS Entity List and Denied Persons "
        "(15 CFR 744, 764); UN Security Council lists; FIN-2024-A002 red flags 1, 13",
        "A party (directly or via payer, forwarder, broker) matches a screening list",
        false,
        {{"strong_score", 0.95}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const PartyResult& p : ctx.eval.parties) {
      if (p.hits.empty()) continue;
      const PartyHit& h = p.hits.front();  // best first
      bool direct = p.role == "seller" || p.role == "buyer" || p.role == "consignee";
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", h.score);
      std::string programs;
      for (const auto& pr : h.programs) programs += (programs.empty() ? "" : ", ") + pr;
      std::string text = redflags::PartyLabel(p.party) + (direct ? "" : " (indirect party)") +
                         " matches " + h.list + " entry " + h.entity_id + " '" + h.name + "'" +
                         (programs.empty() ? "" : " [" + programs + "]") + ", score " + score;
      if (!h.explanation.empty()) text += ": " + h.explanation;
      if (p.hits.size() > 1) text += " (+" + std::to_string(p.hits.size() - 1) + " more match(es))";
      out.push_back(
          Make(h.score >= ctx.param("strong_score") ? Severity::kCritical : Severity::kHigh, text,
               -1, p.role));
    }
  }
};

}  // namespace

const Rule* SanctionedPartyRuleInstance() {
  static const SanctionedPartyRule r;
  return &r;
}

}  // namespace chokepoint::orders
