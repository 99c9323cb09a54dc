#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(PaymentMethodRule, FiresOnVirtualCurrencyForListedChemical) {
  Order o = MakeOrder(R"({"payment": {"method": "virtual_currency"}})");
  auto r = RunRule("payment_method", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].explanation,
            "paid with virtual currency for regulated or flagged chemicals or equipment");
}

TEST(PaymentMethodRule, SilentOnCleanTwinAndUnregulatedGoods) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("payment_method", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order vc = MakeOrder(R"({"payment": {"method": "virtual_currency"}})");
  EXPECT_TRUE(RunRule("payment_method", vc, MakeEval(vc)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
