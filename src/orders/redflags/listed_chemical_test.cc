#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(ListedChemicalRule, FiresOnAListedChemical) {
  Order o = MakeOrder();
  auto r = RunRule("listed_chemical", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kMedium);
  EXPECT_NE(
      r[0].explanation.find("item 1 (acetone), 25 kg, is a listed chemical: US (origin): List I"),
      std::string::npos)
      << r[0].explanation;
}

TEST(ListedChemicalRule, SilentOnCleanTwin) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("listed_chemical", o, MakeEval(o)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
