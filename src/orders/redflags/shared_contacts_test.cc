#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(SharedContactsRule, FiresWhenAnotherCustomerUsedThePhone) {
  History h;
  Remember(
      h,
      MakeOrder(
          R"({"id": "S-0", "date": "2025-02-01", "buyer": {"name": "Importadora Uno SA de CV", "country": "MX",
      "phones": ["+52 55 1234 5678"]}})"));
  Order o = MakeOrder(
      R"({"buyer": {"name": "Comercializadora Dos SA de CV", "country": "MX", "phones": ["+52 (55) 1234-5678"]}})");
  auto r = RunRule("shared_contacts", o, MakeEval(o, {Category::kPrecursor}), &h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_NE(r[0].explanation.find("phone 5512345678 is also used by 'importadora uno sa de cv|MX'"),
            std::string::npos)
      << r[0].explanation;
}

TEST(SharedContactsRule, SilentForTheSameCustomer) {
  History h;
  Remember(h, MakeOrder(R"({"id": "S-0", "date": "2025-02-01"})"));
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("shared_contacts", o, MakeEval(o, {Category::kPrecursor}), &h).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
