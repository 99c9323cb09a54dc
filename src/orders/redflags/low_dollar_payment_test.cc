#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(LowDollarPaymentRule, FiresOnSmallPaymentToPrcSupplier) {
  Order o = MakeOrder(
      R"({"seller": {"country": "CN"}, "route": {"origin": "CN"}, "payment": {"amount": 85}})");
  auto r = RunRule("low_dollar_payment", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("payment of USD 85 (at most USD 600)"), std::string::npos);
}

TEST(LowDollarPaymentRule, SilentOnCleanTwinLargePaymentOrUsSeller) {
  Order us = MakeOrder(R"({"payment": {"amount": 85}})");
  EXPECT_TRUE(RunRule("low_dollar_payment", us, MakeEval(us, {Category::kPrecursor})).empty());
  Order big = MakeOrder(R"({"seller": {"country": "CN"}, "payment": {"amount": 25000}})");
  EXPECT_TRUE(RunRule("low_dollar_payment", big, MakeEval(big, {Category::kPrecursor})).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
