#include <gtest/gtest.h>

#include "orders/redflags/rule_testing.h"

namespace chokepoint::orders::testing {
namespace {

using rules::Category;

TEST(SanctionedPartyRule, FiresOnDirectAndIndirectHits) {
  Order o = MakeOrder(R"({"payment": {"payer": {"name": "Shady Remit Ltd", "country": "HK"}}})");
  Evaluation e = MakeEval(o);
  ASSERT_EQ(e.parties.back().role, "payer");
  e.parties.back().hits.push_back({"ofac_sdn",
                                   "12345",
                                   "SHADY REMIT LIMITED",
                                   "SHADY REMIT LIMITED",
                                   0.97,
                                   {"SDNTK"},
                                   "name agrees"});
  e.parties[1].hits.push_back({"bis_dpl", "7", "PRAIRIE LAB", "PRAIRIE LAB", 0.88, {}, ""});
  auto r = RunRule("sanctioned_party", o, e);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].party_role, "buyer");
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[1].severity, Severity::kCritical);
  EXPECT_EQ(r[1].explanation,
            "payer 'Shady Remit Ltd' (HK) (indirect party) matches ofac_sdn entry 12345 'SHADY "
            "REMIT LIMITED' [SDNTK], "
            "score 0.97: name agrees");
}

TEST(SanctionedPartyRule, SilentWithoutHits) {
  Order o = MakeOrder();
  EXPECT_TRUE(RunRule("sanctioned_party", o, MakeEval(o)).empty());
}

}  // namespace
}  // namespace chokepoint::orders::testing
