#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(UnidentifiedSubstanceRule, FiresWhenTheEngineCannotIdentify) {
  Order o = MakeOrder(R"({"items": [{"substance": "mystery powder X"}]})");
  Evaluation e = MakeEval(o);
  e.items[0].identified = false;
  e.items[0].error_code = "unknown_name";
  e.items[0].error_message = "no substance named mystery powder X";
  auto r = RunRule("unidentified_substance", o, e);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].explanation.find("(unknown_name: no substance named"), std::string::npos);
}

TEST(UnidentifiedSubstanceRule, SilentOnCleanTwin) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("unidentified_substance", o, MakeEval(o)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
