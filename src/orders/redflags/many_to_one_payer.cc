// Many-to-one payments: one third-party payer paying for several unrelated customers, or
// several individuals paying one PRC/HK supplier.
#include <algorithm>

#include "orders/history.h"
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class ManyToOnePayerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "many_to_one_payer",
        "FIN-2024-A002 red flag 10; FIN-2019-A006 (many-to-one remitters, funnel accounts)",
        "One third-party payer pays for several customers, or several individuals pay one PRC/HK "
        "supplier",
        true,
        {{"min_customers", 3}, {"min_payers", 3}, {"window_days", 90}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    OrderFacts f = ExtractFacts(o, ctx.eval);
    if (f.payer.empty()) return;
    auto customers = ctx.history->PayerCustomers(f.payer, ctx.day);
    if (std::find(customers.begin(), customers.end(), f.customer) == customers.end())
      customers.push_back(f.customer);
    if (static_cast<double>(customers.size()) >= ctx.param("min_customers")) {
      out.push_back(Make(Severity::kHigh,
                         redflags::PartyLabel(o.payment.payer) + " has paid for " +
                             std::to_string(customers.size()) + " different customers",
                         -1, "payer"));
      return;
    }
    if (!redflags::IsPrcOrHk(o.seller.country) || f.payer_type != "individual") return;
    int window = static_cast<int>(ctx.param("window_days"));
    auto payers = ctx.history->SellerIndividualPayers(f.seller, ctx.day, window);
    if (std::find(payers.begin(), payers.end(), f.payer) == payers.end()) payers.push_back(f.payer);
    if (static_cast<double>(payers.size()) >= ctx.param("min_payers"))
      out.push_back(Make(Severity::kHigh,
                         std::to_string(payers.size()) + " different individuals paid " +
                             redflags::PartyLabel(o.seller) + " within " + std::to_string(window) +
                             " days",
                         -1, "seller"));
  }
};

}  // namespace

const Rule* ManyToOnePayerRuleInstance() {
  static const ManyToOnePayerRule r;
  return &r;
}

}  // namespace chokepoint::orders
