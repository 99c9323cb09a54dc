#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(StructuringRule, FiresJustUnderTheThreshold) {
  Order o = MakeOrder(R"({"payment": {"method": "cash", "amount": 9850}})");
  auto r = RunRule("structuring", o, MakeEval(o));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].explanation,
            "cash payment of USD 9850, just under the USD 10000 reporting threshold");
}

TEST(StructuringRule, SilentOnCleanTwinAndWire) {
  Order o = MakeOrder(R"({"payment": {"method": "cash", "amount": 12000}})");
  EXPECT_TRUE(RunRule("structuring", o, MakeEval(o)).empty());
  Order w = MakeOrder(R"({"payment": {"method": "wire", "amount": 9850}})");
  EXPECT_TRUE(RunRule("structuring", w, MakeEval(w)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
