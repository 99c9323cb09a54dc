#include "util/edit_distance.h"

#include <gtest/gtest.h>

namespace chokepoint {
namespace {

TEST(BoundedEditDistance, CapsEarly) {
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(BoundedEditDistance("a", "abcdef", 2), 3);
}

TEST(OsaDistance, TranspositionIsOneEdit) {
  EXPECT_EQ(OsaDistance("trading", "tarding", 3), 1);
  EXPECT_EQ(BoundedEditDistance("trading", "tarding", 3), 2);
  EXPECT_EQ(OsaDistance("exchange", "exchagne", 3), 1);
  EXPECT_EQ(OsaDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(OsaDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(OsaDistance("ca", "abc", 3), 3);  // OSA never edits a substring twice
  EXPECT_EQ(OsaDistance("", "abc", 5), 3);
}

// "did you mean": the nearest candidates first, only those within the cap.
TEST(Nearest, NearestFirstWithinTheCap) {
  std::vector<std::string> names = {"classify", "screen", "serve", "report"};
  EXPECT_EQ(Nearest("clasify", names, 2), std::vector<std::string>{"classify"});
  EXPECT_EQ(Nearest("scree", names, 2, 2),
            (std::vector<std::string>{"screen", "serve"}));  // 1 and 2 edits
  EXPECT_TRUE(Nearest("frobnicate", names, 2).empty());
}

}  // namespace
}  // namespace chokepoint
