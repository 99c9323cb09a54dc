#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(PrcPhoneRule, FiresOnPrcNumberOutsidePrc) {
  Order o = MakeOrder(R"({"buyer": {"country": "MX", "phones": ["+86 138 0013 8000"]}})");
  auto r = RunRule("prc_phone", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].party_role, "buyer");
}

TEST(PrcPhoneRule, SilentOnCleanTwinAndPrcParty) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("prc_phone", o, MakeEval(o)).empty());
  Order cn = MakeOrder(R"({"seller": {"country": "CN", "phones": ["+86 138 0013 8000"]}})");
  EXPECT_TRUE(RunRule("prc_phone", cn, MakeEval(cn)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
