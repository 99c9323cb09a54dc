#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

const char* kExport = R"({"buyer": {"country": "MX"}, "route": {"destination": "MX"}})";

TEST(MissingAuthorizationRule, FiresOnExportOfListedChemicalWithoutPapers) {
  Order o = MakeOrder(kExport);
  auto r = RunRule("missing_authorization", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].explanation,
            "item 1 (acetone) shipped US -> MX without export authorization/declaration, import "
            "permit and "
            "pre-export notification (PEN) reference");
}

TEST(MissingAuthorizationRule, OneMissingDocumentIsMedium) {
  Order o = MakeOrder(R"({"buyer": {"country": "MX"}, "route": {"destination": "MX"},
      "documents": {"export_authorization": "DEA-486-1", "import_permit": "COFEPRIS-22"}})");
  auto r = RunRule("missing_authorization", o, MakeEval(o, {Category::kPrecursor}));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kMedium);
}

TEST(MissingAuthorizationRule, SilentWithAllPapersDomesticOrUnlisted) {
  Order full = MakeOrder(R"({"buyer": {"country": "MX"}, "route": {"destination": "MX"},
      "documents": {"export_authorization": "DEA-486-1", "import_permit": "COFEPRIS-22", "pen_reference": "PEN-1"}})");
  EXPECT_TRUE(
      RunRule("missing_authorization", full, MakeEval(full, {Category::kPrecursor})).empty());
  Order domestic = MakeOrder();
  EXPECT_TRUE(RunRule("missing_authorization", domestic, MakeEval(domestic, {Category::kPrecursor}))
                  .empty());
  Order unlisted = MakeOrder(kExport);
  EXPECT_TRUE(RunRule("missing_authorization", unlisted, MakeEval(unlisted)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
