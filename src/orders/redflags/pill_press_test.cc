#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(PillPressRule, FiresOnTabletPressAndDie) {
  Order o = MakeOrder(
      R"({"items": [{"equipment": "tablet_press", "quantity": 1, "make": "Acme", "model": "TDP-5", "serial": "S1"},
                                    {"equipment": "die_mold", "quantity": 2, "description": "M30 imprint punch set"}]})");
  auto r = RunRule("pill_press", o, MakeEval(o));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].explanation, "item 1 (tablet_press): 1 unit(s) tableting machine (Acme TDP-5)");
  EXPECT_EQ(r[1].severity, Severity::kCritical);
  EXPECT_NE(r[1].explanation.find("imprint 'm30'"), std::string::npos);
  EXPECT_NE(r[1].explanation.find("no serial number"), std::string::npos);
}

TEST(PillPressRule, SilentOnCleanTwinAndOtherEquipment) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("pill_press", o, MakeEval(o)).empty());
  Order o2 = MakeOrder(R"({"items": [{"equipment": "rotary_evaporator", "quantity": 1}]})");
  EXPECT_TRUE(RunRule("pill_press", o2, MakeEval(o2)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
