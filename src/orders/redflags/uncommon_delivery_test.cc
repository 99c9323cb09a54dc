#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(UncommonDeliveryRule, FiresOnBulkCourierAndGiftDeclaration) {
  Order o = MakeOrder(R"({"shipping": {"method": "courier", "declared_as": "gift"}})");
  auto r = RunRule("uncommon_delivery", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("25 kg of regulated or flagged chemicals sent by courier"),
            std::string::npos);
  EXPECT_NE(r[0].explanation.find("declares the shipment as 'gift'"), std::string::npos);
}

TEST(UncommonDeliveryRule, SilentOnCleanTwinAndSmallCourierParcel) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("uncommon_delivery", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order small = MakeOrder(
      R"({"shipping": {"method": "courier"}, "items": [{"quantity": 500, "unit": "g"}]})");
  EXPECT_TRUE(RunRule("uncommon_delivery", small, MakeEval(small, {Category::kPrecursor})).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
