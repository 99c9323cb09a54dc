#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(DrugTermsRule, FiresOnSlangInPaymentNote) {
  Order o = MakeOrder(R"({"payment": {"note": "for the blues, 2nd batch"}})");
  auto r = RunRule("drug_terms", o, MakeEval(o));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("uses the drug term 'blues'"), std::string::npos);
}

TEST(DrugTermsRule, SilentOnCleanTwinAndDryIce) {
  Order o = MakeOrder(
      R"({"shipping": {"declared_as": "reagents on dry ice"}, "payment": {"note": "invoice 2231"}})");
  EXPECT_TRUE(RunRule("drug_terms", o, MakeEval(o)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
