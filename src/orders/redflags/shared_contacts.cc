// The buyer or consignee shares a phone number, e-mail or address with another, unrelated
// customer.
#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class SharedContactsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "shared_contacts",
        "FIN-2024-A002 red flag 7; FIN-2019-A006 (beneficiaries sharing phone numbers or e-mail "
        "addresses)",
        "Phone, e-mail or address shared with another, unrelated customer",
        true,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    std::string customer = PartyKey(o.buyer);
    OrderFacts f = ExtractFacts(o, ctx.eval);
    std::vector<std::string> why;
    for (const auto& c : f.contacts) {
      auto owners = ctx.history->ContactOwners(c.kind, c.value, ctx.day, customer);
      if (owners.empty()) continue;
      std::vector<std::string> names;
      for (size_t i = 0; i < owners.size() && i < 3; ++i) names.push_back("'" + owners[i] + "'");
      if (owners.size() > 3) names.push_back(std::to_string(owners.size() - 3) + " more");
      why.push_back(c.kind + " " + c.value + " is also used by " + redflags::JoinAnd(names));
    }
    if (why.empty()) return;
    out.push_back(Make(redflags::OfConcern(o, ctx.eval) ? Severity::kHigh : Severity::kLow,
                       redflags::PartyLabel(o.buyer) + ": " + redflags::JoinAnd(why), -1, "buyer"));
  }
};

}  // namespace

const Rule* SharedContactsRuleInstance() {
  static const SharedContactsRule r;
  return &r;
}

}  // namespace chokepoint::orders
