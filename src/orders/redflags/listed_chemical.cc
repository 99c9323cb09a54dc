// A listed precursor chemical on the order, in any route country. Legal trade, but it makes
// every other red flag count (documents, KYC, size) and puts the order in the 1310.06 records.
#include "orders/redflags/common.h"
#include "orders/redflags/item_status.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

class ListedChemicalRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{"listed_chemical",
                            "1988 Convention Tables I/II; 21 CFR 1310.02; national precursor lists "
                            "(citation per reading)",
                            "An item is a listed precursor chemical in a route country (or under "
                            "the strictest reading)",
                            false,
                            {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || r.worst != rules::Category::kPrecursor) continue;
      const Item& it = ctx.order.items[static_cast<size_t>(r.index)];
      Reason reason = Make(Severity::kMedium,
                           redflags::ItemLabel(ctx.order, r) + ", " + redflags::Quantity(it) +
                               ", is a listed chemical: " +
                               redflags::DescribeReadings(r, rules::Category::kPrecursor),
                           r.index);
      reason.source = redflags::Citations(r, rules::Category::kPrecursor);
      if (reason.source.empty()) reason.source = info().source;
      out.push_back(std::move(reason));
    }
  }
};

}  // namespace

const Rule* ListedChemicalRuleInstance() {
  static const ListedChemicalRule r;
  return &r;
}

}  // namespace chokepoint::orders
