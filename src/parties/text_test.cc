#include "parties/text.h"

#include <gtest/gtest.h>

namespace chokepoint::parties {
namespace {

std::string Fold(const std::string& s) {
  auto r = FoldToAscii(s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->text : "";
}

// Collapses runs of spaces (and the internal \x01/\x02 markers) for readable expectations;
// a syllable's other readings ("|kim|gim") are left out.
std::string Squash(const std::string& s) {
  std::string o;
  bool reading = false;
  for (char c : s) {
    if (c == '|') reading = true;
    if (reading && (c == ' ' || c == '\x01' || c == '\x04')) reading = false;
    if (reading) continue;
    if (c == '\x01' || c == '\x02' || c == '\x04') continue;
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

// Everything between the syllable marker and the next space: "jin|kim|gim|…".
std::string Readings(const std::string& folded, size_t syllable) {
  size_t p = 0;
  for (size_t k = 0; k <= syllable; ++k) {
    p = folded.find('\x01', p);
    if (p == std::string::npos) return "";
    ++p;
  }
  return folded.substr(p, folded.find(' ', p) - p);
}

bool HasReading(const std::string& readings, const std::string& r) {
  return ("|" + readings + "|").find("|" + r + "|") != std::string::npos;
}

TEST(FoldToAscii, HanCharactersAlsoGetJapaneseAndKoreanReadings) {
  std::string f = Fold("金正恩");
  EXPECT_EQ(Squash(f), "jin zheng en");
  EXPECT_TRUE(HasReading(Readings(f, 0), "kim"));
  EXPECT_TRUE(HasReading(Readings(f, 1), "jong"));
  EXPECT_TRUE(HasReading(Readings(f, 2), "un"));
  std::string y = Fold("山田");
  EXPECT_TRUE(HasReading(Readings(y, 0), "yama"));
  EXPECT_TRUE(HasReading(Readings(y, 1), "da"));  // voiced inside a name: Yamada
}

TEST(FoldToAscii, HangulSyllablesCarryTheirRomanizations) {
  std::string f = Fold("김정은");
  EXPECT_EQ(Squash(f), "gim jeong eun");
  EXPECT_TRUE(HasReading(Readings(f, 0), "kim"));
  EXPECT_TRUE(HasReading(Readings(f, 1), "jong"));   // DPRK spelling
  EXPECT_TRUE(HasReading(Readings(f, 1), "chong"));  // McCune-Reischauer
  EXPECT_TRUE(HasReading(Readings(f, 2), "un"));
  EXPECT_TRUE(HasReading(Readings(Fold("박지성"), 0), "park"));  // family name
  EXPECT_TRUE(HasReading(Readings(Fold("박지성"), 2), "sung"));
  EXPECT_EQ(Squash(Fold("새벽별물류 주식회사")), "sae byeok byeol logistics co ltd");
}

TEST(FoldToAscii, BusinessWordsOfOtherScriptsAreTranslated) {
  EXPECT_EQ(Squash(Fold("บริษัท สยาม จำกัด")).substr(0, 8), "company ");
  EXPECT_NE(Squash(Fold("บริษัท สยาม จำกัด")).find(" limited"), std::string::npos);
  EXPECT_EQ(Squash(Fold("شركة")), "company");
  auto r = FoldToAscii("ဟိန်းမြတ် ကုန်သွယ်ရေး ကုမ္ပဏီလီမိတက်");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(Squash(r->text).find("trading company limited"), std::string::npos);
  EXPECT_TRUE(r->steps & kFoldNativeWords);
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
