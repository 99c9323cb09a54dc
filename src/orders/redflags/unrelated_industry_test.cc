#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(UnrelatedIndustryRule, FiresOnUnrelatedAndUnknownIndustry) {
  Order o = MakeOrder(R"({"buyer": {"industry": "textile trading"}})");
  auto r = RunRule("unrelated_industry", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  Order u = MakeOrder(R"({"buyer": {"industry": null}})");
  auto r2 = RunRule("unrelated_industry", u, MakeEval(u, {Category::kPrecursor}));
  ASSERT_EQ(r2.size(), 1u);
  EXPECT_EQ(r2[0].severity, Severity::kLow);
}

TEST(UnrelatedIndustryRule, SilentOnCleanTwinAndOnUnregulatedGoods) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("unrelated_industry", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order t = MakeOrder(R"({"buyer": {"industry": "textile trading"}})");
  EXPECT_TRUE(RunRule("unrelated_industry", t, MakeEval(t)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
