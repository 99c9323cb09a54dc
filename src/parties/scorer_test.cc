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
  EXPECT_DOUBLE_EQ(Score("HEBEI GUANLANG BIOTECHNOLOGY CO., LTD.", "HEBEI GUANLANG BIOTECHNOLOGY CO., LIMITED"), 1.0);
  EXPECT_GE(Score("Tõrva Puidutöö OÜ", "Tõrva Puidutöö Ltd"), kThreshold);
  EXPECT_GE(Score("Hebei Guanlang Biotechnology", "HEBEI GUANLANG BIOTECHNOLOGY CO., LTD."), kThreshold);
}

TEST(Scorer, IndustryWordsAreDownWeightedNotDeleted) {
  EXPECT_LT(Score("Zhejiang Yongxu Chemical Co., Ltd.", "Zhejiang Yongxu Pharmaceutical Co., Ltd."), kThreshold);
  EXPECT_LT(Score("Brevanti Trading LLC", "Brevanti Logistics LLC"), kThreshold);
}

TEST(Scorer, NationalLegalFormsOfDifferentCountriesConflict) {
  EXPECT_LT(Score("Korvessa Industrial GmbH", "Korvessa Industrial Sdn. Bhd."), kThreshold);
}

TEST(Scorer, HanMatchesPinyinWithJoinedSyllables) {
  EXPECT_DOUBLE_EQ(Score("河北冠朗生物科技有限公司", "HEBEI GUANLANG BIOTECHNOLOGY CO., LTD."), 1.0);
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
  EXPECT_LT(Score("Guangzhou Lixing Cosmetics Co., Ltd.", "Guangzhou Lixin Cosmetics Co., Ltd."), kThreshold);
  EXPECT_LT(Score("Pellmoor Timber Exports Ltd", "Pellmoor Timber Experts Ltd"), kThreshold);
  EXPECT_LT(Score("Tak Shing Trading Company Limited", "Tak Hing Trading Company Limited"), kThreshold);
}

TEST(Scorer, FormerNamesMatchButNotFormerAgainstFormer) {
  EXPECT_GE(Score("ARBEL EXPRESS (ex-SARONIC EXPRESS)", "SARONIC EXPRESS", false, true), kThreshold);
  EXPECT_LT(Score("MV Apapa Falcon (ex Warri Osprey, 2020)", "MV Onne Pelican (ex Warri Osprey, 2006)", false, true), kThreshold);
}

TEST(Scorer, GenericWordsAloneNeverMatch) {
  EXPECT_LE(Score("CORP", "CORP"), 0.5);
  EXPECT_LE(Score("Co., Ltd.", "Company Limited"), 0.5);
  EXPECT_LT(Score("Varsk Global Trading LLC", "Tollmere Global Trading LLC"), kThreshold);
  EXPECT_LT(Score("Global Trading LLC", "Varsk Global Trading LLC"), kThreshold);
  // A name made only of industry words is its own name: it matches itself, nothing else.
  EXPECT_GE(Score("TRADING & MARITIME INVESTMENTS", "Trading and Maritime Investments"), kThreshold);
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

TEST(Scorer, MyanmarTransliterationMeetsCustomaryRomanization) {
  EXPECT_GE(Score("ကောင်းမြတ်ထက် ကုမ္ပဏီလီမိတက်", "Kaung Myat Htet Company Limited"), kThreshold);
}

TEST(Scorer, HebrewByConsonants) {
  EXPECT_GE(Score("צפרירים קירור ומיזוג בע״מ", "Zafririm Kirur Umizug Ltd"), kThreshold);
}

}  // namespace
}  // namespace chokepoint::parties
