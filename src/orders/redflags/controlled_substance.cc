// A controlled drug (scheduled narcotic or psychotropic) on the order, in any route country.
#include "orders/redflags/common.h"
#include "orders/redflags/item_status.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class ControlledSubstanceRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "controlled_substance",
        "Single Convention 1961 / Convention 1971; national schedules (citation per reading)",
        "An item is a controlled drug in a route country (or under the strictest reading)",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || r.worst != rules::Category::kDrug) continue;
      const Item& it = ctx.order.items[static_cast<size_t>(r.index)];
      Reason reason = Make(
          Severity::kCritical,
          redflags::ItemLabel(ctx.order, r) + ", " + redflags::Quantity(it) +
              ", is a controlled drug: " + redflags::DescribeReadings(r, rules::Category::kDrug),
          r.index);
      reason.source = redflags::Citations(r, rules::Category::kDrug);
      if (reason.source.empty()) reason.source = info().source;
      out.push_back(std::move(reason));
    }
  }
};

}  // namespace

const Rule* ControlledSubstanceRuleInstance() {
  static const ControlledSubstanceRule r;
  return &r;
}

}  // namespace chokepoint::orders
