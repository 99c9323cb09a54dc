#include "chem/cas.h"

#include <gtest/gtest.h>

namespace chokepoint::chem {
namespace {

TEST(CasTest, AcceptsValidNumbers) {
  // Fentanyl, fentanyl citrate, water, 4-piperidone hydrochloride monohydrate.
  EXPECT_EQ(*ParseCas("437-38-7"), "437-38-7");
  EXPECT_EQ(*ParseCas("990-73-8"), "990-73-8");
  EXPECT_EQ(*ParseCas(" 7732-18-5 "), "7732-18-5");
  EXPECT_EQ(*ParseCas("40064-34-4"), "40064-34-4");
}

TEST(CasTest, StripsLeadingZeros) { EXPECT_EQ(*ParseCas("0437-38-7"), "437-38-7"); }

TEST(CasTest, RejectsWrongCheckDigitAndSaysWhich) {
  auto r = ParseCas("437-38-8");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "bad_cas_checksum");
  EXPECT_EQ(r.status().message(),
            "CAS number 437-38-8 fails its check digit (the last digit should be 7)");
}

TEST(CasTest, RejectsMalformed) {
  for (const char* bad :
       {"", "437387", "437-38", "4-38-7", "12345678-12-1", "43a-38-7", "437-3-87"}) {
    auto r = ParseCas(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().tag(), "invalid_cas") << bad;
  }
  EXPECT_TRUE(LooksLikeCas("437-38-8"));
  EXPECT_FALSE(LooksLikeCas("CCO"));
}

}  // namespace
}  // namespace chokepoint::chem
