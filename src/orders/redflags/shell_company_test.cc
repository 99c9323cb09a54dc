#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(ShellCompanyRule, FiresOnResidentialWebmailNoWebsite) {
  Order o = MakeOrder(
      R"({"seller": {"country": "CN", "address": "Flat 1203, Building 5, Residential Garden, Wuhan",
                                     "emails": ["bestchem2024@gmail.com"], "website": null}})");
  auto r = RunRule("shell_company", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].party_role, "seller");
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_NE(r[0].explanation.find("residential address"), std::string::npos);
  EXPECT_NE(r[0].explanation.find("webmail only (bestchem2024@gmail.com) and no website"),
            std::string::npos);
}

TEST(ShellCompanyRule, SilentOnCleanTwinAndOneSign) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("shell_company", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order one = MakeOrder(R"({"seller": {"website": null}})");
  EXPECT_TRUE(RunRule("shell_company", one, MakeEval(one, {Category::kPrecursor})).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
