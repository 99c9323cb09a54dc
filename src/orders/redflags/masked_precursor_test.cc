#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

// The engine's masked-precursor flag for 4-AP under US law.
classify::Flag MaskedFlag(const std::string& explanation) {
  classify::Flag f;
  f.type = "masked_precursor";
  f.target = "4-AP";
  f.jurisdictions = {"US"};
  f.score = 1.0;
  f.explanation = explanation;
  return f;
}

TEST(MaskedPrecursorRule, FiresOnEngineFlag) {
  Order o = MakeOrder();
  Evaluation e = MakeEval(o);
  e.items[0].flags.push_back(MaskedFlag("Boc deprotection gives 4-AP"));
  auto r = RunRule("masked_precursor", o, e);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(
      r[0].explanation,
      "item 1 (acetone) is not listed but is a masked form of 4-AP (Boc deprotection gives 4-AP)");
}

TEST(MaskedPrecursorRule, FiresOnDerivativeListing) {
  Order o = MakeOrder();
  Evaluation e = MakeEval(o, {Category::kPrecursor});
  e.items[0].readings[0].status.basis = "carbamate";
  auto r = RunRule("masked_precursor", o, e);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("masked form (carbamate)"), std::string::npos);
}

TEST(MaskedPrecursorRule, SilentOnCleanTwinAndPlainEntry) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("masked_precursor", o, MakeEval(o)).empty());
  EXPECT_TRUE(RunRule("masked_precursor", o, MakeEval(o, {Category::kPrecursor})).empty());
}

TEST(MaskedPrecursorRule, ListedItemsForwardRouteIsNotReported) {
  Order o = MakeOrder();
  Evaluation e = MakeEval(o, {Category::kPrecursor});
  e.items[0].flags.push_back(MaskedFlag("reductive amination gives 4-AP"));
  EXPECT_TRUE(RunRule("masked_precursor", o, e).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
