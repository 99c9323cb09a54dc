#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(ThirdPartyPayerRule, FiresOnForeignIndividualPayer) {
  Order o = MakeOrder(
      R"({"payment": {"payer": {"name": "Juan Perez", "country": "MX", "type": "individual"}}})");
  auto r = RunRule("third_party_payer", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_NE(r[0].explanation.find("an individual pays for a company and from another country (MX)"),
            std::string::npos);
}

TEST(ThirdPartyPayerRule, SilentOnCleanTwinAndBuyerAsPayer) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("third_party_payer", o, MakeEval(o)).empty());
  Order self =
      MakeOrder(R"({"payment": {"payer": {"name": "PRAIRIE LAB SUPPLY, LLC", "country": "US"}}})");
  EXPECT_TRUE(RunRule("third_party_payer", self, MakeEval(self)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
