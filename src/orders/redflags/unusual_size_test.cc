#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

History CustomerHistory(int n, double kg) {
  History h;
  for (int i = 0; i < n; ++i) {
    char patch[160];
    std::snprintf(patch, sizeof patch,
                  R"({"id": "H-%d", "date": "2025-01-%02d", "items": [{"quantity": %g}]})", i,
                  i + 1, kg + i % 3);
    Remember(h, MakeOrder(patch), {Category::kPrecursor});
  }
  return h;
}

TEST(UnusualSizeRule, FiresFarAboveOwnMedian) {
  History h = CustomerHistory(8, 20);
  Order o = MakeOrder(R"({"items": [{"quantity": 400}]})");
  auto r = RunRule("unusual_size", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_NE(r[0].explanation.find(
                "400 kg is 19x the customer's median of 21 kg over its last 8 purchases"),
            std::string::npos)
      << r[0].explanation;
}

TEST(UnusualSizeRule, FiresAbovePeerPercentile) {
  History h;
  for (int i = 0; i < 30; ++i) {
    char patch[200];
    std::snprintf(
        patch, sizeof patch,
        R"({"id": "P-%d", "date": "2025-01-%02d", "buyer": {"name": "Peer %d"}, "items": [{"quantity": %d}]})",
        i, i % 28 + 1, i, 10 + i % 5);
    Remember(h, MakeOrder(patch), {Category::kPrecursor});
  }
  Order o = MakeOrder(R"({"items": [{"quantity": 300}]})");
  auto r = RunRule("unusual_size", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kMedium);
  EXPECT_NE(r[0].explanation.find("peer purchases"), std::string::npos);
}

TEST(UnusualSizeRule, SilentOnUsualSizeAndShortHistory) {
  History h = CustomerHistory(8, 20);
  Order o = MakeOrder(R"({"items": [{"quantity": 24}]})");
  EXPECT_TRUE(RunRule("unusual_size", o, MakeEval(o, {Category::kPrecursor}), &h).empty());
  History shorth = CustomerHistory(2, 20);
  Order big = MakeOrder(R"({"items": [{"quantity": 400}]})");
  EXPECT_TRUE(RunRule("unusual_size", big, MakeEval(big, {Category::kPrecursor}), &shorth).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
