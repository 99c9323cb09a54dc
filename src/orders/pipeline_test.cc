#include "orders/pipeline.h"

#include <gtest/gtest.h>

namespace chokepoint::orders {
namespace {

TEST(Pipeline, PeekOrderId) {
  EXPECT_EQ(PeekOrderId(R"({"id": "A-1", "items": 3})"), "A-1");
  EXPECT_EQ(PeekOrderId(R"({"id": 42})"), "42");
  EXPECT_EQ(PeekOrderId(R"({"id": "A-1")"), "");
  EXPECT_EQ(PeekOrderId("[]"), "");
}

}  // namespace
}  // namespace chokepoint::orders
