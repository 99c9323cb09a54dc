#include "parties/text.h"

#include <gtest/gtest.h>

namespace chokepoint::parties {
namespace {

std::string Fold(const std::string& s) {
  auto r = FoldToAscii(s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->text : "";
}

// Collapses runs of spaces (and the internal \x01/\x02 markers) for readable expectations.
std::string Squash(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '\x01' || c == '\x02') continue;
    if (c == ' ' && (o.empty() || o.back() == ' ')) continue;
    o += c;
  }
  while (!o.empty() && o.back() == ' ') o.pop_back();
  return o;
}

TEST(FoldToAscii, AsciiIsLowerCasedAndKeepsTokenPunctuation) {
  EXPECT_EQ(Fold("HEBEI GUANLANG CO., LTD."), "hebei guanlang co., ltd.");
  EXPECT_EQ(Fold("A#B"), "a b");
}

TEST(FoldToAscii, NfkcFoldsFullWidthAndCompatibilityForms) {
  EXPECT_EQ(Squash(Fold("ＡＢＣ　Ｃｏ．")), "abc co.");
  EXPECT_EQ(Squash(Fold("ﬁne")), "fine");
}

TEST(FoldToAscii, DiacriticsAndSpecialLetters) {
  EXPECT_EQ(Fold("Société Négoce"), "societe negoce");
  EXPECT_EQ(Fold("Łączyńska Wytwórnia"), "laczynska wytwornia");
  EXPECT_EQ(Fold("Straße Øresund"), "strasse oresund");
  auto r = FoldToAscii("Škerlj");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->steps & kFoldDiacritics);
}

TEST(FoldToAscii, HanToTonelessPinyinOneSyllablePerCharacter) {
  EXPECT_EQ(Squash(Fold("沈兴标")), "shen xing biao");
  auto r = FoldToAscii("冠朗");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->steps & kFoldHanPinyin);
}

TEST(FoldToAscii, TraditionalBecomesSimplifiedFirst) {
  auto r = FoldToAscii("習近平");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Squash(r->text), "xi jin ping");
  EXPECT_TRUE(r->steps & kFoldTradSimp);
}

TEST(FoldToAscii, HanBusinessWordsAreTranslated) {
  EXPECT_EQ(Squash(Fold("河北冠朗生物科技有限公司")), "he bei guan lang biotechnology co ltd");
  EXPECT_EQ(Squash(Fold("醫藥貿易")), "pharmaceutical trading");
  EXPECT_EQ(Squash(Fold("進出口")), "import export");
}

TEST(FoldToAscii, HanOrdinalsBecomeNumbers) {
  EXPECT_EQ(Squash(Fold("第十八星風丸")), "18 xing feng wan");
  EXPECT_EQ(Squash(Fold("第八星風丸")), "8 xing feng wan");
}

TEST(FoldToAscii, OtherScriptsAreTransliterated) {
  EXPECT_EQ(Squash(Fold("Владимир Путин")), "vladimir putin");
  // Hebrew is written without most vowels: the transliteration is a consonant skeleton.
  EXPECT_EQ(Squash(Fold("ארבל")), "rbl");
}

TEST(FoldToAscii, NonAsciiDigits) {
  EXPECT_EQ(Squash(Fold("ရွှေနဒီ ၅")).back(), '5');
  EXPECT_EQ(Fold("١٢٣"), "123");
}

TEST(FoldToAscii, InvalidUtf8IsAnError) {
  auto r = FoldToAscii(std::string("ab\xff\xfe", 4));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "invalid_utf8");
  EXPECT_FALSE(FoldToAscii(std::string("\xe6\xb2", 2)).ok());  // truncated sequence
}

TEST(FoldToAscii, StepNames) {
  EXPECT_EQ(FoldStepNames(kFoldCase | kFoldHanPinyin), "case_fold,han_to_pinyin");
  EXPECT_EQ(FoldStepNames(0), "");
}

}  // namespace
}  // namespace chokepoint::parties
