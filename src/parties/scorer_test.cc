#include "parties/scorer.h"

#include <gtest/gtest.h>

#include "parties/screener.h"

namespace chokepoint::parties {
namespace {

double Score(const std::string& a, const std::string& b, bool person = false, bool vessel = false) {
  NormalizeOptions no;
  no.person = person;
  auto x = NormalizeName(a, no), y = NormalizeName(b, no);
  EXPECT_TRUE(x.ok() && y.ok());
  CompareOptions o;
  o.person = person;
  o.vessel = vessel;
  return CompareNames(*x, *y, o).score;
}

const double kThreshold = ScreenOptions{}.threshold;

TEST(Scorer, LegalFormOnlyDifferenceMatches) {
  EXPECT_DOUBLE_EQ(
      Score("HEBEI GUANLANG BIOTECHNOLOGY CO., LTD.", "HEBEI GUANLANG BIOTECHNOLOGY CO., LIMITED"),
      1.0);
  EXPECT_GE(Score("Tõrva Puidutöö OÜ", "Tõrva Puidutöö Ltd"), kThreshold);
  EXPECT_GE(Score("Hebei Guanlang Biotechnology", "HEBEI GUANLANG BIOTECHNOLOGY CO., LTD."),
            kThreshold);
}

TEST(Scorer, IndustryWordsAreDownWeightedNotDeleted) {
  EXPECT_LT(Score("Zhejiang Yongxu Chemical Co., Ltd.", "Zhejiang Yongxu Pharmaceutical Co., Ltd."),
            kThreshold);
  EXPECT_LT(Score("Brevanti Trading LLC", "Brevanti Logistics LLC"), kThreshold);
}

TEST(Scorer, NationalLegalFormsOfDifferentCountriesConflict) {
  EXPECT_LT(Score("Korvessa Industrial GmbH", "Korvessa Industrial Sdn. Bhd."), kThreshold);
}

TEST(Scorer, HanMatchesPinyinWithJoinedSyllables) {
  EXPECT_DOUBLE_EQ(Score("河北冠朗生物科技有限公司", "HEBEI GUANLANG BIOTECHNOLOGY CO., LTD."),
                   1.0);
  EXPECT_DOUBLE_EQ(Score("沈兴标", "SHEN, Xingbiao", true), 1.0);
  EXPECT_GE(Score("沧澜远洋航运有限公司", "Canglan Ocean Shipping Co., Ltd."), kThreshold);
  EXPECT_GE(Score("Xing-biao Shen", "SHEN, Xingbiao", true), kThreshold);
  EXPECT_GE(Score("Xing Biao Shen", "SHEN, Xingbiao", true), kThreshold);
}

TEST(Scorer, TraditionalCharactersMatchToo) {
  EXPECT_GE(Score("河北冠朗生物科技有限公司", "河北冠朗生物科技有限公司"), kThreshold);
  EXPECT_GE(Score("冠朗醫藥", "Guanlang Pharmaceutical"), kThreshold);
}

TEST(Scorer, WadeGilesMeetsPinyin) {
  EXPECT_GE(Score("Hsi Chin-ping", "Xi Jinping", true), kThreshold);
  EXPECT_GE(Score("Chiang Tsai", "Jiang Cai", true), kThreshold);
}

TEST(Scorer, PersonNameOrderDoesNotMatter) {
  EXPECT_DOUBLE_EQ(Score("SHEN, Xingbiao", "Xingbiao Shen", true), 1.0);
}

TEST(Scorer, NumbersMustAgree) {
  EXPECT_LT(Score("Hoshikaze Maru No. 8", "Hoshikaze Maru No. 6", false, true), kThreshold);
  EXPECT_LT(Score("第八星風丸", "第十八星風丸", false, true), kThreshold);
  EXPECT_GE(Score("M.T. THONG NAWA 3", "THONG NAWA NO.3", false, true), kThreshold);
}

TEST(Scorer, NearStringsOfCompaniesDoNotMatch) {
  EXPECT_LT(Score("Guangzhou Lixing Cosmetics Co., Ltd.", "Guangzhou Lixin Cosmetics Co., Ltd."),
            kThreshold);
  EXPECT_LT(Score("Pellmoor Timber Exports Ltd", "Pellmoor Timber Experts Ltd"), kThreshold);
  EXPECT_LT(Score("Tak Shing Trading Company Limited", "Tak Hing Trading Company Limited"),
            kThreshold);
}

TEST(Scorer, OneTypingSlipInACompanyWordStillMatches) {
  EXPECT_GE(Score("SAKAN EXCHAGNE", "SAKAN EXCHANGE"), kThreshold);  // neighbours swapped
  EXPECT_GE(Score("QINSEHNG PHARMA CO LTD", "QINSHENG PHARMA CO., LTD."), kThreshold);
  EXPECT_GE(Score("Korvessa Shippng Ltd", "Korvessa Shipping Ltd"),
            kThreshold);  // a letter dropped
  EXPECT_GE(Score("GRUPO IMPERGOSA SA DE CV", "GRUPO IMPERGOZA, S.A. DE C.V."), kThreshold);
  EXPECT_GE(Score("LIBERATIO NTIGERS OF TAMIL EELAM", "LIBERATION TIGERS OF TAMIL EELAM"),
            kThreshold);
  // The slip is named in the explanation.
  auto a = NormalizeName("SAKAN EXCHAGNE"), b = NormalizeName("SAKAN EXCHANGE");
  auto c = CompareNames(*a, *b, {});
  ASSERT_EQ(c.aligned.size(), 2u);
  EXPECT_EQ(c.aligned[1].how, "typo");
}

TEST(Scorer, NearWordsThatAreOtherNamesAreNotSlips) {
  // Both spellings are Chinese syllables, a plural of a rare word, another first letter.
  EXPECT_LT(Score("Guangzhou Lixing Cosmetics Co., Ltd.", "Guangzhou Lixin Cosmetics Co., Ltd."),
            kThreshold);
  EXPECT_LT(Score("MV Espoir d'Abidjan", "MV Espoirs d'Abidjan", false, true), kThreshold);
  EXPECT_LT(Score("Wrightstone Freight Inc.", "Rightstone Freight Inc."), kThreshold);
  // A replaced letter in a short word makes another word.
  EXPECT_LT(Score("Vital Holding S.A.", "Vitol Holding S.A."), kThreshold);
}

TEST(Scorer, MisspeltVocabularyWordCountsAsTheWord) {
  // "Tarding" is read as "trading": an industry word, so it neither makes nor breaks a match.
  EXPECT_GE(Score("GRANDEUR GENERAL TARDING FZE", "GRANDEUR GENERAL TRADING FZE"), kThreshold);
  EXPECT_LT(Score("Varsk General Tarding LLC", "Tollmere General Trading LLC"), kThreshold);
}

TEST(Scorer, LegalFormsWrittenOutMeetTheirAbbreviations) {
  EXPECT_DOUBLE_EQ(Score("EXCHANGE CENTER LIMITADA", "EXCHANGE CENTER LTDA"), 1.0);
  EXPECT_DOUBLE_EQ(
      Score("Inversiones Trol Panama Sociedad Anonima", "INVERSIONES TROL PANAMA S.A."), 1.0);
  EXPECT_DOUBLE_EQ(Score("Art House Gesellschaft mit beschränkter Haftung", "ART HOUSE GMBH"), 1.0);
  EXPECT_DOUBLE_EQ(Score("Art House Gesellschaft mit beschraenkter Haftung", "ART HOUSE GMBH"),
                   1.0);
  EXPECT_DOUBLE_EQ(Score("Sovfracht Managing Company Limited Liability Company",
                         "SOVFRACHT MANAGING COMPANY LLC"),
                   1.0);
  EXPECT_GE(Score("Velmur Management Private Limited", "VELMUR MANAGEMENT PTE LTD"), kThreshold);
  EXPECT_GE(Score("City Pharma Société à responsabilité limitée", "CITY PHARMA SARL"), kThreshold);
}

TEST(Scorer, FormerNamesMatchButNotFormerAgainstFormer) {
  EXPECT_GE(Score("ARBEL EXPRESS (ex-SARONIC EXPRESS)", "SARONIC EXPRESS", false, true),
            kThreshold);
  EXPECT_LT(Score("MV Apapa Falcon (ex Warri Osprey, 2020)",
                  "MV Onne Pelican (ex Warri Osprey, 2006)", false, true),
            kThreshold);
}

TEST(Scorer, GenericWordsAloneNeverMatch) {
  EXPECT_LE(Score("CORP", "CORP"), 0.5);
  EXPECT_LE(Score("Co., Ltd.", "Company Limited"), 0.5);
  EXPECT_LT(Score("Varsk Global Trading LLC", "Tollmere Global Trading LLC"), kThreshold);
  EXPECT_LT(Score("Global Trading LLC", "Varsk Global Trading LLC"), kThreshold);
  // A name made only of industry words is its own name: it matches itself, nothing else.
  EXPECT_GE(Score("TRADING & MARITIME INVESTMENTS", "Trading and Maritime Investments"),
            kThreshold);
}

TEST(Scorer, ExplanationListsAlignmentAndPenalties) {
  auto a = NormalizeName("Zhejiang Yongxu Chemical Co., Ltd.");
  auto b = NormalizeName("Zhejiang Yongxu Pharmaceutical Company Limited");
  auto c = CompareNames(*a, *b, {});
  EXPECT_EQ(c.legal_form, "agree");
  ASSERT_EQ(c.unmatched_query.size(), 1u);
  EXPECT_EQ(c.unmatched_query[0], "chemical");
  ASSERT_EQ(c.unmatched_candidate.size(), 1u);
  EXPECT_EQ(c.unmatched_candidate[0], "pharmaceutical");
  EXPECT_EQ(c.penalties, std::vector<std::string>{"industry_conflict"});
}

TEST(Scorer, HangulMeetsEveryRomanization) {
  EXPECT_GE(Score("김정은", "Kim Jong Un", true), kThreshold);    // DPRK spelling
  EXPECT_GE(Score("김정은", "KIM Jong-un", true), kThreshold);    // syllables joined
  EXPECT_GE(Score("김정은", "Gim Jeong-eun", true), kThreshold);  // Revised Romanization
  EXPECT_GE(Score("박지성", "Park Ji Sung", true), kThreshold);   // family name, customary
  EXPECT_GE(Score("이민호", "Lee Min Ho", true), kThreshold);
  EXPECT_LT(Score("김정은", "Kim Yong Chol", true), kThreshold);
  EXPECT_GE(Score("새벽별물류 주식회사", "Saebyeokbyeol Logistics Co., Ltd."), kThreshold);
}

TEST(Scorer, HanCharactersMeetJapaneseAndKoreanReadings) {
  EXPECT_GE(Score("山田太郎", "Yamada Taro", true), kThreshold);
  EXPECT_GE(Score("田中花子", "Tanaka Hanako", true), kThreshold);
  EXPECT_GE(Score("金正恩", "Kim Jong Un", true), kThreshold);
  EXPECT_GE(Score("株式会社霜月水産", "Shimotsuki Suisan Co., Ltd."), kThreshold);
  // Pinyin stays the main reading.
  EXPECT_DOUBLE_EQ(Score("沈兴标", "SHEN, Xingbiao", true), 1.0);
  EXPECT_LT(Score("山田太郎", "Yamamoto Taro", true), kThreshold);
}

TEST(Scorer, CyrillicMeetsEnglishFrenchAndGermanSpellings) {
  EXPECT_GE(Score("Щукин Сергей", "Sergey Shchukin", true), kThreshold);
  EXPECT_GE(Score("Щукин Сергей", "Serguei Chtchoukine", true), kThreshold);
  EXPECT_GE(Score("Щукин Сергей", "Sergej Schtschukin", true), kThreshold);
  EXPECT_GE(Score("Хрущёв", "Chruschtschow", true), kThreshold);
  EXPECT_GE(Score("ООО Ромашка", "Romashka LLC"), kThreshold);
}

TEST(Scorer, AbjadWordsJoinAndVavIsAConsonant) {
  EXPECT_GE(Score("عبد الله", "Abdullah", true), kThreshold);
  EXPECT_GE(Score("דוד", "David", true), kThreshold);
  EXPECT_GE(Score("«Ծատուրյան Շին» ՍՊԸ", "Tsaturyan Shin LLC"),
            kThreshold);  // Armenian BGN, ՍՊԸ = LLC
}

TEST(Scorer, MyanmarTransliterationMeetsCustomaryRomanization) {
  EXPECT_GE(Score("ကောင်းမြတ်ထက် ကုမ္ပဏီလီမိတက်", "Kaung Myat Htet Company Limited"), kThreshold);
}

TEST(Scorer, HebrewByConsonants) {
  EXPECT_GE(Score("צפרירים קירור ומיזוג בע״מ", "Zafririm Kirur Umizug Ltd"), kThreshold);
}

}  // namespace
}  // namespace chokepoint::parties
