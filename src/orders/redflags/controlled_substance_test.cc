#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(ControlledSubstanceRule, FiresOnAControlledDrug) {
  Order o = MakeOrder(
      R"({"items": [{"substance": "fentanyl", "quantity": 1, "unit": "kg", "description": null, "hs_code": null}]})");
  auto r = RunRule("controlled_substance", o, MakeEval(o, {Category::kDrug}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kCritical);
  EXPECT_EQ(r[0].item, 0);
  EXPECT_EQ(r[0].source, "US: 21 CFR 1310.02(a)");
  EXPECT_NE(r[0].explanation.find("is a controlled drug: US (origin): Schedule II"),
            std::string::npos)
      << r[0].explanation;
}

TEST(ControlledSubstanceRule, StrictestReadingIsSaid) {
  Order o = MakeOrder(R"({"route": {"destination": "MX"}})");
  auto r = RunRule("controlled_substance", o, MakeEval(o, {Category::kDrug}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find(
                "MX (destination): no MX rulebook loaded, strictest reading: US Schedule II"),
            std::string::npos)
      << r[0].explanation;
}

TEST(ControlledSubstanceRule, SilentOnCleanTwinAndOnPrecursors) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("controlled_substance", o, MakeEval(o)).empty());
  EXPECT_TRUE(RunRule("controlled_substance", o, MakeEval(o, {Category::kPrecursor})).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
