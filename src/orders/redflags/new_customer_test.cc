#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(NewCustomerRule, FiresOnFirstOrderOfListedChemical) {
  Order o = MakeOrder();
  History h;
  auto r = RunRule("new_customer", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("has no earlier orders"), std::string::npos);
}

TEST(NewCustomerRule, SilentForKnownCustomerOrUnlistedGoods) {
  History h;
  Remember(h, MakeOrder(R"({"id": "T-0", "date": "2025-01-10"})"));
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("new_customer", o, MakeEval(o, {Category::kPrecursor}), &h).empty());
  History empty;
  EXPECT_TRUE(RunRule("new_customer", o, MakeEval(o), &empty).empty());
}

TEST(NewCustomerRule, LaterOrdersDoNotCount) {
  History h;
  Remember(h, MakeOrder(R"({"id": "T-9", "date": "2025-06-01"})"));
  Order o = MakeOrder();
  EXPECT_EQ(RunRule("new_customer", o, MakeEval(o, {Category::kPrecursor}), &h).size(), 1u);
}

}  // namespace
}  // namespace chokepoint::orders::testing
