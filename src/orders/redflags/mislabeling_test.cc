#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(MislabelingRule, FiresOnNonChemicalHsCode) {
  Order o = MakeOrder(R"({"items": [{"hs_code": "9503.00"}]})");
  auto r = RunRule("mislabeling", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("HS code 9503.00 (chapter 95) is not a chemical heading"),
            std::string::npos);
}

TEST(MislabelingRule, FiresOnCoverDescriptionAndOtherSubstance) {
  Order o = MakeOrder(R"({"items": [{"description": "industrial detergent additive"}]})");
  auto r = RunRule("mislabeling", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("declares it as detergent"), std::string::npos);
  Order o2 = MakeOrder(R"({"items": [{"description": "ethanol"}]})");
  Evaluation e2 = MakeEval(o2, {Category::kPrecursor});
  e2.items[0].described_name = "ethanol";
  e2.items[0].described_smiles = "CCO";
  auto r2 = RunRule("mislabeling", o2, e2);
  ASSERT_EQ(r2.size(), 1u);
  EXPECT_NE(r2[0].explanation.find("names ethanol, a different substance"), std::string::npos);
}

TEST(MislabelingRule, SilentOnCleanTwinAndUnregulatedItems) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("mislabeling", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order o2 = MakeOrder(R"({"items": [{"hs_code": "9503.00"}]})");
  EXPECT_TRUE(RunRule("mislabeling", o2, MakeEval(o2)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
