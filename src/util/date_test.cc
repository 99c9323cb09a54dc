#include "util/date.h"

#include <gtest/gtest.h>

namespace chokepoint {
namespace {

TEST(DateTest, ParsesAndOrders) {
  auto a = Date::Parse("2019-05-01");
  auto b = Date::Parse("2025-07-01");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_LT(*a, *b);
  EXPECT_EQ(a->ToString(), "2019-05-01");
}

TEST(DateTest, RejectsImpossibleDates) {
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_EQ(Date::Parse("2023-02-29").status().message(),
            "'2023-02-29' is not a valid date: no such day in that month");
  EXPECT_FALSE(Date::Parse("2023-13-01").ok());
  EXPECT_FALSE(Date::Parse("2023-1-01").ok());
  EXPECT_FALSE(Date::Parse("01/02/2023").ok());
}

}  // namespace
}  // namespace chokepoint
