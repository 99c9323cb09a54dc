#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(UnusualFrequencyRule, FiresWhenOrdersComeFasterThanUsual) {
  History h;
  // Monthly for a year, then four orders in the last two weeks.
  int k = 0;
  for (int m = 1; m <= 12; ++m) {
    char p[120];
    std::snprintf(p, sizeof p, R"({"id": "M-%d", "date": "2024-%02d-05"})", k++, m);
    Remember(h, MakeOrder(p), {Category::kPrecursor});
  }
  for (int d : {18, 21, 25}) {
    char p[120];
    std::snprintf(p, sizeof p, R"({"id": "M-%d", "date": "2025-02-%02d"})", k++, d);
    Remember(h, MakeOrder(p), {Category::kPrecursor});
  }
  Order o = MakeOrder(R"({"date": "2025-03-01"})");
  auto r = RunRule("unusual_frequency", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("4 orders in the last 30 days; the customer's median gap of"),
            std::string::npos)
      << r[0].explanation;
}

TEST(UnusualFrequencyRule, FiresOnBurstWithoutHistory) {
  History h;
  for (int d = 1; d <= 4; ++d) {
    char p[120];
    std::snprintf(p, sizeof p, R"({"id": "B-%d", "date": "2025-03-%02d"})", d, d);
    Remember(h, MakeOrder(p), {Category::kPrecursor});
  }
  Order o = MakeOrder(R"({"date": "2025-03-05"})");
  auto r = RunRule("unusual_frequency", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("5 orders within 7 days"), std::string::npos);
}

TEST(UnusualFrequencyRule, SilentOnRegularRhythm) {
  History h;
  for (int m = 1; m <= 12; ++m) {
    char p[120];
    std::snprintf(p, sizeof p, R"({"id": "R-%d", "date": "2024-%02d-05"})", m, m);
    Remember(h, MakeOrder(p), {Category::kPrecursor});
  }
  Order o = MakeOrder(R"({"date": "2025-01-05"})");
  EXPECT_TRUE(RunRule("unusual_frequency", o, MakeEval(o, {Category::kPrecursor}), &h).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
