#include "parties/similarity.h"

#include <gtest/gtest.h>

#include "parties/identifiers.h"
#include "parties/pinyin.h"

namespace chokepoint::parties {
namespace {

TEST(JaroWinkler, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "abc"), 0.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
}

TEST(OneSlip, NamesTheTypingSlip) {
  EXPECT_EQ(OneSlip("management", "mnaagement"), Slip::kTransposition);
  EXPECT_EQ(OneSlip("shipping", "shippng"), Slip::kInsertion);
  EXPECT_EQ(OneSlip("shippng", "shipping"), Slip::kInsertion);
  EXPECT_EQ(OneSlip("impergoza", "impergosa"), Slip::kSubstitution);
  EXPECT_EQ(OneSlip("same", "same"), Slip::kNone);
  EXPECT_EQ(OneSlip("hathaway", "halloway"), Slip::kNone);
  EXPECT_EQ(OneSlip("ab", "ba"), Slip::kTransposition);
}

TEST(Skeleton, RomanizationVariantsMeet) {
  EXPECT_EQ(Skeleton("khoury"), Skeleton("khouri"));
  EXPECT_EQ(Skeleton("levitsky"), Skeleton("levitskiy"));
  EXPECT_EQ(Skeleton("hussain"), Skeleton("husain"));
  EXPECT_EQ(Skeleton("rachamim"), Skeleton("rakhamim"));
  EXPECT_EQ(Skeleton("shamjee"), Skeleton("shamji"));
  EXPECT_EQ(Skeleton("kipkorrir"), Skeleton("kipkorir"));
  EXPECT_EQ(Skeleton("organisation"), Skeleton("organization"));
}

TEST(Skeleton, DifferentWordsStayApart) {
  EXPECT_NE(Skeleton("exports"), Skeleton("experts"));
  EXPECT_NE(Skeleton("lixing"), Skeleton("lixin"));
  EXPECT_NE(Skeleton("glory"), Skeleton("gloria"));
  EXPECT_NE(Skeleton("star"), Skeleton("stars"));
}

TEST(AbjadKey, HebrewTransliterationMeetsLatinSpelling) {
  EXPECT_EQ(AbjadKey("zpryrym"), AbjadKey("zafririm"));
  EXPECT_EQ(AbjadKey("qyrwr"), AbjadKey("kirur"));
  EXPECT_EQ(AbjadKey("zwr"), AbjadKey("tzur"));
  EXPECT_NE(AbjadKey("mzwn"), AbjadKey("mizug"));
}

TEST(WadeGiles, ReadingsOfCommonSyllables) {
  EXPECT_EQ(WadeGilesToPinyin("hsu"), std::vector<std::string>{"xu"});
  EXPECT_EQ(WadeGilesToPinyin("chiang")[0], "jiang");
  EXPECT_EQ(WadeGilesToPinyin("tsai")[0], "cai");
  EXPECT_EQ(WadeGilesToPinyin("chang")[0], "zhang");
  EXPECT_TRUE(WadeGilesToPinyin("zhang").empty());
}

TEST(Identifiers, KeysNormalize) {
  EXPECT_EQ(IdentifierKey("uscc", "9113-0102 ma0c"), "doc:91130102MA0C");
  EXPECT_EQ(IdentifierKey("passport", "E38"), "");  // too short to identify anyone
  EXPECT_EQ(IdentifierKey("email", " Sales@Example.COM "), "email:sales@example.com");
  EXPECT_EQ(IdentifierKey("email", "not-an-email"), "");
  EXPECT_EQ(IdentifierKey("website", "https://www.Example.com/about?x"), "domain:example.com");
  EXPECT_EQ(IdentifierKey("phone", "+86 131 0000 0001"),
            IdentifierKey("phone", "0086-13100000001"));
  EXPECT_EQ(IdentifierKey("phone", "123"), "");
  EXPECT_EQ(IdentifierClass("Digital Currency Address - XBT"), "crypto");
  EXPECT_EQ(IdentifierClass("National ID No."), "doc");
}

TEST(Identifiers, UsccCheckCharacter) {
  EXPECT_TRUE(ValidUscc("91350100M000100Y43"));
  EXPECT_FALSE(ValidUscc("91350100M000100Y44"));
  EXPECT_FALSE(ValidUscc("9135"));
}

}  // namespace
}  // namespace chokepoint::parties
