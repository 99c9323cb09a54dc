#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

History Established() {
  History h;
  for (int m = 1; m <= 6; ++m) {
    char p[120];
    std::snprintf(p, sizeof p, R"({"id": "E-%d", "date": "2024-%02d-05"})", m, m);
    Remember(h, MakeOrder(p), {Category::kPrecursor});
  }
  return h;
}

TEST(UnusualPatternRule, FiresOnNewSubstanceAndDestination) {
  History h = Established();
  Order o =
      MakeOrder(R"({"items": [{"substance": "4-piperidone"}], "route": {"destination": "GT"}})");
  auto r = RunRule("unusual_pattern", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("(6 earlier orders): item 1 (4-piperidone) was never ordered "
                                  "before and destination GT is new"),
            std::string::npos)
      << r[0].explanation;
}

TEST(UnusualPatternRule, SilentOnSameHabitsOrNewCustomer) {
  History h = Established();
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("unusual_pattern", o, MakeEval(o, {Category::kPrecursor}), &h).empty());
  History empty;
  Order n = MakeOrder(R"({"items": [{"substance": "4-piperidone"}]})");
  EXPECT_TRUE(RunRule("unusual_pattern", n, MakeEval(n, {Category::kPrecursor}), &empty).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
