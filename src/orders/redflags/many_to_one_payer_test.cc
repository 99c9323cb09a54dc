#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(ManyToOnePayerRule, FiresWhenOnePayerPaysForThreeCustomers) {
  History h;
  for (int i = 0; i < 2; ++i) {
    char p[240];
    std::snprintf(p, sizeof p,
                  R"({"id": "F-%d", "date": "2025-02-0%d", "buyer": {"name": "Buyer %d"},
        "payment": {"payer": {"name": "Funnel Payments SA", "country": "MX"}}})",
                  i, i + 1, i);
    Remember(h, MakeOrder(p));
  }
  Order o = MakeOrder(R"({"payment": {"payer": {"name": "Funnel Payments SA", "country": "MX"}}})");
  auto r = RunRule("many_to_one_payer", o, MakeEval(o), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("has paid for 3 different customers"), std::string::npos);
}

TEST(ManyToOnePayerRule, FiresWhenIndividualsFunnelToPrcSupplier) {
  History h;
  for (int i = 0; i < 2; ++i) {
    char p[300];
    std::snprintf(
        p, sizeof p,
        R"({"id": "I-%d", "date": "2025-02-0%d", "seller": {"country": "CN"}, "buyer": {"name": "Buyer %d"},
        "payment": {"payer": {"name": "Person %d", "country": "US", "type": "individual"}}})",
        i, i + 1, i, i);
    Remember(h, MakeOrder(p));
  }
  Order o = MakeOrder(
      R"({"seller": {"country": "CN"}, "payment": {"payer": {"name": "Person 9", "country": "US", "type": "individual"}}})");
  auto r = RunRule("many_to_one_payer", o, MakeEval(o), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("3 different individuals paid seller"), std::string::npos)
      << r[0].explanation;
}

TEST(ManyToOnePayerRule, SilentOnCleanTwin) {
  History h;
  Order o = MakeOrder(R"({"payment": {"payer": {"name": "Funnel Payments SA", "country": "MX"}}})");
  EXPECT_TRUE(RunRule("many_to_one_payer", o, MakeEval(o), &h).empty());
  Order clean = MakeOrder();
  EXPECT_TRUE(RunRule("many_to_one_payer", clean, MakeEval(clean), &h).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
