#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(MissingLicenseRule, FiresOnUnlicensedMexicanImporter) {
  Order o = MakeOrder(
      R"({"buyer": {"country": "MX", "licenses": null}, "route": {"destination": "MX"}})");
  auto r = RunRule("missing_license", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_NE(r[0].explanation.find("imports regulated chemicals or equipment but lists no licence"),
            std::string::npos);
}

TEST(MissingLicenseRule, SilentOnCleanTwinAndUnregulated) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("missing_license", o, MakeEval(o, {Category::kPrecursor})).empty());
  Order u = MakeOrder(R"({"buyer": {"licenses": null}})");
  EXPECT_TRUE(RunRule("missing_license", u, MakeEval(u)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
