#include "rules/name_key.h"

#include <gtest/gtest.h>

namespace chokepoint::rules {
namespace {

TEST(NameKeyTest, IgnoresCaseAndPunctuation) {
  EXPECT_EQ(NameKey("1-Boc-4-AP"), NameKey("1 boc 4ap"));
  EXPECT_EQ(NameKey("4-ANPP"), "4anpp");
  EXPECT_EQ(NameKey("N-Phenethyl-4-piperidone (NPP)"), "nphenethyl4piperidonenpp");
}

TEST(NameKeyTest, SpellsOutGreekAndKeepsChinese) {
  EXPECT_EQ(NameKey("α-methylfentanyl"), NameKey("alpha-methylfentanyl"));
  EXPECT_EQ(NameKey("芬太尼"), "芬太尼");
  EXPECT_EQ(NameKey("（芬太尼）"), "芬太尼");
}

TEST(EditDistanceTest, BoundedByCap) {
  EXPECT_EQ(BoundedEditDistance("fentanyl", "fentanil", 3), 1);
  EXPECT_EQ(BoundedEditDistance("fentanyl", "fentanyl", 3), 0);
  EXPECT_EQ(BoundedEditDistance("fentanyl", "morphine", 2), 3);
}

}  // namespace
}  // namespace chokepoint::rules
