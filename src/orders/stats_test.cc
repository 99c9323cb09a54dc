#include "orders/stats.h"

#include <gtest/gtest.h>

namespace chokepoint::orders {
namespace {

TEST(Stats, MedianMadPercentile) {
  EXPECT_EQ(Median({}), 0);
  EXPECT_EQ(Median({3, 1, 2}), 2);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(Mad({1, 1, 2, 2, 4, 6, 9}), 1);
  EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4, 5}, 50), 3);
  EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4, 5}, 90), 4.6);
}

TEST(Stats, RobustZFloorsTheScale) {
  // MAD = 0: the scale is 10% of the median, so 30 against twenty 20s is z = 5.
  std::vector<double> v(20, 20.0);
  EXPECT_DOUBLE_EQ(RobustZ(30, v, 0.1), 5);
  EXPECT_NEAR(RobustZ(20, {10, 20, 30}, 0.1), 0, 1e-12);
}

}  // namespace
}  // namespace chokepoint::orders
