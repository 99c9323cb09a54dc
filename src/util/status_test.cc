#include "util/status.h"

#include <gtest/gtest.h>

namespace chokepoint {
namespace {

Result<int> ParsePositive(int x) {
  if (x <= 0) return Status::InvalidArgument("must be positive", "not_positive");
  return x;
}

Status Chain(int x) {
  CP_ASSIGN_OR_RETURN(int v, ParsePositive(x));
  if (v > 10) return Status::NotFound("too big");
  return Status::OK();
}

TEST(StatusTest, OkHasNoMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s.tag(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeMessageAndTag) {
  Status s = Status::InvalidArgument("bad SMILES 'C1CC'", "invalid_smiles");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.tag(), "invalid_smiles");
  EXPECT_EQ(s.ToString(), "InvalidArgument: bad SMILES 'C1CC'");
  EXPECT_EQ(s.WithContext("us.yaml:12").message(), "us.yaml:12: bad SMILES 'C1CC'");
}

TEST(ResultTest, PropagatesErrorsThroughMacros) {
  EXPECT_TRUE(Chain(3).ok());
  EXPECT_EQ(Chain(-1).tag(), "not_positive");
  EXPECT_EQ(Chain(11).code(), StatusCode::kNotFound);
  Result<int> r = ParsePositive(5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
}

}  // namespace
}  // namespace chokepoint
