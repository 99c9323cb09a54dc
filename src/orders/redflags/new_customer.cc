// First order of a customer, for listed chemicals or equipment.
#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class NewCustomerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "new_customer",
        "21 CFR 1310.07 (proof of identity for new customers); 21 CFR 1301.74(a) (know your "
        "customer); FIN-2024-A002",
        "A customer with no earlier orders orders regulated chemicals or equipment",
        true,
        {{"min_prior_orders", 1}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::AnyEquipment(o) && !ctx.eval.any_regulated_chemical()) return;
    auto prior = ctx.history->CustomerOrders(PartyKey(o.buyer), ctx.day, o.id);
    if (static_cast<double>(prior.size()) >= ctx.param("min_prior_orders")) return;
    out.push_back(Make(
        Severity::kMedium,
        redflags::PartyLabel(o.buyer) +
            (prior.empty() ? " has no earlier orders"
                           : " has only " + std::to_string(prior.size()) + " earlier order(s)") +
            " and orders regulated chemicals or equipment",
        -1, "buyer"));
  }
};

}  // namespace

const Rule* NewCustomerRuleInstance() {
  static const NewCustomerRule r;
  return &r;
}

}  // namespace chokepoint::orders
