#include "parties/name.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "parties/name_stages.h"
#include "parties/test_names.h"

namespace chokepoint::parties {
namespace {

NormalizedName Norm(const std::string& s, bool person = false) {
  return NormalizedForTest(s, person);
}

std::string Main(const std::string& s, bool person = false) {
  auto n = Norm(s, person);
  return n.variants.empty() ? "" : JoinTokens(n.variants[0]);
}

bool HasStep(const NormalizedName& n, const std::string& step) {
  return std::find(n.steps.begin(), n.steps.end(), step) != n.steps.end();
}

TEST(NormalizeName, LegalFormsMapToOneConceptAcrossSpellings) {
  EXPECT_EQ(Main("HEBEI GUANLANG BIOTECHNOLOGY CO., LTD."), "hebei guanlang biotech ltd");
  EXPECT_EQ(Main("HEBEI GUANLANG BIOTECHNOLOGY CO., LIMITED"), "hebei guanlang biotech ltd");
  EXPECT_EQ(Main("Hebei Guanlang Biotechnology Company Limited"), "hebei guanlang biotech ltd");
  EXPECT_EQ(Main("Rancho Vercel Importadora S.A. de C.V."), "rancho vercel importadora sa_de_cv");
  EXPECT_EQ(Main("Fabjan Prevozi d. o. o."), "fabjan prevozi doo");
  EXPECT_EQ(Main("Kaszubska Wytwornia Sp. z o.o."), "kaszubska wytwornia sp_zoo");
  EXPECT_TRUE(HasStep(Norm("X Y GmbH"), "legal_form"));
}

TEST(NormalizeName, MisspeltVocabularyWordsAreReadAsTheWord) {
  auto n = Norm("ATLAS SHIP MNAAGEMENT");
  const auto& t = n.variants[0].tokens;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[2].cls, TokenClass::kIndustry);
  EXPECT_EQ(t[2].text, "management");
  EXPECT_EQ(t[2].surface, "mnaagement");
  EXPECT_TRUE(t[2].typo);
  EXPECT_TRUE(HasStep(n, "typo"));
  EXPECT_EQ(Main("Kingly Won Internatonal Co Ltd"), "kingly won international ltd");
  // A replaced letter is another word, not a slip; persons' names are never corrected.
  EXPECT_EQ(Norm("Pellmoor Timber Experts").variants[0].tokens[2].cls, TokenClass::kName);
  EXPECT_EQ(Norm("Marin Petrov", true).variants[0].tokens[0].cls, TokenClass::kName);
}

TEST(NormalizeName, LegalFormPhrasesLeaveNoWordUnexplained) {
  EXPECT_EQ(Main("Sovfracht Managing Company Limited Liability Company"),
            "sovfracht managing co llc");
  EXPECT_EQ(Main("Consorcio Rirfus Sociedad Anonima de Capital Variable"),
            "consorcio rirfus sa_de_cv");
  EXPECT_EQ(Main("11th Ocean Administration GmbH"), Main("Eleventh Ocean Administration GmbH"));
}

// The phrase choice over words given as "text/group" (group 0 when omitted), shown as each
// resulting token: a plain word as itself, a phrase as its concept and its length in words.
std::string Phrases(const std::vector<std::string>& spec, bool han_last = false) {
  std::vector<RawToken> toks;
  std::vector<std::string> words;
  for (const auto& w : spec) {
    size_t slash = w.find('/');
    RawToken t;
    t.text = w.substr(0, slash);
    t.group = slash == std::string::npos ? 0 : std::stoi(w.substr(slash + 1));
    toks.push_back(t);
    words.push_back(t.text);
  }
  if (han_last) toks.back().from_han = true;
  std::string out;
  size_t i = 0;
  for (const VocabHit& hit : ChoosePhrases(toks, words)) {
    if (!out.empty()) out += ' ';
    out += hit.length ? hit.canon + "/" + std::to_string(hit.length) : words[i];
    i += hit.length ? hit.length : 1;
  }
  EXPECT_EQ(i, words.size()) << "the pieces must cover every word once";
  return out;
}

TEST(ChoosePhrases, FewestUnexplainedWordsThenFewestPieces) {
  // company + limited liability company explains every word; company limited + "liability"
  // + company would leave "liability" unexplained.
  EXPECT_EQ(Phrases({"sovfracht", "managing", "company", "limited", "liability", "company"}),
            "sovfracht managing co/1 llc/3");
  // One phrase beats two words that each explain themselves.
  EXPECT_EQ(Phrases({"korvessa", "company", "limited"}), "korvessa ltd/2");
}

TEST(ChoosePhrases, APhraseStaysInItsGroupExceptALegalForm) {
  EXPECT_EQ(Phrases({"korvessa", "trade", "and", "commerce"}), "korvessa trading/3");
  EXPECT_EQ(Phrases({"korvessa", "trade", "and/1", "commerce/1"}),
            "korvessa trading/1 and/1 trading/1");
  EXPECT_EQ(Phrases({"korvessa", "co", "ltd/1"}), "korvessa ltd/2");  // "Co., Ltd."
}

TEST(ChoosePhrases, AmbiguousShortLegalFormsAndHanSyllables) {
  EXPECT_EQ(Phrases({"varsk", "sa", "korvessa"}), "varsk sa korvessa");  // "sa" inside a name
  EXPECT_EQ(Phrases({"varsk", "korvessa", "sa"}), "varsk korvessa sa/1");
  EXPECT_EQ(Phrases({"varsk", "korvessa", "sa"}, /*han_last=*/true),
            "varsk korvessa sa");  // the syllable 萨
}

TEST(NormalizeName, HanLegalFormsAndIndustryWordsMeetTheirEnglish) {
  EXPECT_EQ(Main("河北冠朗生物科技有限公司"), "he bei guan lang biotech ltd");
  EXPECT_EQ(Main("浙江永旭化工股份有限公司"), "zhe jiang yong xu chemical ltd");
}

TEST(NormalizeName, IndustryWordsAreKeptAndClassified) {
  auto n = Norm("Zhejiang Yongxu Chemical Co., Ltd.");
  const auto& t = n.variants[0].tokens;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].cls, TokenClass::kPlace);
  EXPECT_EQ(t[1].cls, TokenClass::kName);
  EXPECT_EQ(t[2].cls, TokenClass::kIndustry);
  EXPECT_EQ(t[2].text, "chemical");
  EXPECT_EQ(t[3].cls, TokenClass::kLegal);
  EXPECT_EQ(Main("Guanlang Pharmaceuticals"), "guanlang pharma");
  EXPECT_EQ(Main("Jiangsu Bangdeya New Material Technology"),
            "jiangsu bangdeya new_material technology");
  EXPECT_EQ(Main("Guanlang Import & Export"), "guanlang import_export");
}

TEST(NormalizeName, AmbiguousShortLegalFormsOnlyAtTheEdges) {
  EXPECT_EQ(Main("PT Sinar Kenari Abadi"), "pt sinar kenari abadi");
  EXPECT_EQ(Norm("PT Sinar Kenari Abadi").variants[0].tokens[0].cls, TokenClass::kLegal);
  // "as" inside a name is a word, not the Norwegian legal form.
  EXPECT_EQ(Norm("Orion As Tanager Ltd").variants[0].tokens[1].cls, TokenClass::kName);
}

TEST(NormalizeName, DotsJoinLettersAndSingleLettersJoin) {
  EXPECT_EQ(Main("N.K. Bansal & Co."), "nk bansal and co");
  EXPECT_EQ(Main("N K Bansal and Co"), "nk bansal and co");
  EXPECT_EQ(Main("M/V Pelgarra Glory"), "mv pelgarra glory");
}

TEST(NormalizeName, NumbersAreCanonical) {
  EXPECT_EQ(Main("Thong Nawa No.3"), "thong nawa 3");
  EXPECT_EQ(Main("Brasskey Shipping Three Inc."), "brasskey shipping 3 inc");
  EXPECT_EQ(Main("Sino Iron II"), "sino iron 2");
  EXPECT_EQ(Main("Seraphine Navigation IX S.A."), "seraphine shipping 9 sa");
  // A syllable that spells a roman numeral stays a syllable when it is not last.
  EXPECT_EQ(Main("Xi Jinping"), "xi jinping");
  EXPECT_EQ(Main("Vessel 007"), "vessel 7");
}

TEST(NormalizeName, AbbreviationsExpand) {
  EXPECT_EQ(Main("Delancourt Bros. Mfg. Co."), "delancourt brothers manufacturing co");
  EXPECT_TRUE(HasStep(Norm("Harrowvane Intl Freight Svcs"), "abbreviations"));
}

TEST(NormalizeName, VesselPrefixIsAStopWord) {
  auto n = Norm("MV Salaam Dar");
  EXPECT_EQ(n.variants[0].tokens[0].cls, TokenClass::kStop);
  EXPECT_TRUE(HasStep(n, "vessel_prefix"));
}

TEST(NormalizeName, FormerNamesBecomeVariants) {
  auto n = Norm("ARBEL EXPRESS (ex-SARONIC EXPRESS)");
  ASSERT_EQ(n.variants.size(), 2u);
  EXPECT_EQ(JoinTokens(n.variants[0]), "arbel express");
  EXPECT_EQ(n.variants[1].kind, "former_name");
  EXPECT_EQ(JoinTokens(n.variants[1]), "saronic express");
  auto f =
      Norm("Kenari Food Distribution Sdn. Bhd. (formerly known as Kenari Frozen Foods Sdn. Bhd.)");
  ASSERT_EQ(f.variants.size(), 2u);
  EXPECT_EQ(JoinTokens(f.variants[1]), "kenari frozen foods sdn_bhd");
  auto g = Norm("Olmsbury Grain Corporation f/k/a Olmsbury Milling Corporation");
  ASSERT_EQ(g.variants.size(), 2u);
  EXPECT_EQ(JoinTokens(g.variants[1]), "olmsbury milling inc");
}

TEST(NormalizeName, AnnotationsAndLabelsDrop) {
  EXPECT_EQ(Main("Kisumu Lakeside Motors Ltd (Kakamega Branch)"), "kisumu lakeside motors ltd");
  EXPECT_EQ(Main("HALVERSTONE SPIRIT V.214W (Marshall Islands flag)"), "halverstone spirit");
  EXPECT_EQ(Main("SHIPPER: TRANSPORTES DEL SURESTE SA DE CV"),
            Main("TRANSPORTES DEL SURESTE SA DE CV"));
  EXPECT_TRUE(HasStep(Norm("BENEFICIARY: Sarikaya Hububat"), "label_removed"));
}

TEST(NormalizeName, HeadBeforeCommaForNonPersons) {
  auto n = Norm("MV SIAM ORCHID 7, Bangkok");
  ASSERT_EQ(n.variants.size(), 2u);
  EXPECT_EQ(n.variants[1].kind, "head");
  EXPECT_EQ(JoinTokens(n.variants[1]), "mv siam orchid 7");
  // Not for persons, and not when the tail is a legal form.
  EXPECT_EQ(Norm("SHEN, Xingbiao", true).variants.size(), 1u);
  EXPECT_EQ(Norm("Pellbrook Cold Storage, Limited Liability Company").variants.size(), 1u);
}

TEST(NormalizeName, WadeGilesSyllablesCarryPinyinReadings) {
  auto n = Norm("Hsu Chih-ming", true);
  const auto& t = n.variants[0].tokens;
  ASSERT_EQ(t.size(), 3u);
  ASSERT_FALSE(t[0].alts.empty());
  EXPECT_EQ(t[0].alts[0], "xu");
  EXPECT_EQ(t[1].alts[0], "ji");  // readings are kept as skeletons: zhi → ji
}

TEST(NormalizeName, HanSyllablesAreMarked) {
  auto n = Norm("沈兴标", true);
  ASSERT_EQ(n.variants[0].tokens.size(), 3u);
  EXPECT_TRUE(n.variants[0].tokens[0].from_han);
  EXPECT_TRUE(HasStep(n, "han_to_pinyin"));
}

TEST(NormalizeName, GenericOnlyNamesHaveNoDistinctiveToken) {
  EXPECT_FALSE(Norm("CORP").variants[0].HasDistinctive());
  EXPECT_FALSE(Norm("Co., Ltd.").variants[0].HasDistinctive());
  // Industry words alone are the name.
  EXPECT_TRUE(Norm("Global Trading Co., Ltd.").variants[0].HasDistinctive());
  EXPECT_FALSE(Norm("").variants[0].HasDistinctive());
  EXPECT_TRUE(Norm("Guanlang Co").variants[0].HasDistinctive());
}

TEST(NormalizeName, Errors) {
  EXPECT_EQ(NormalizeName(std::string(10240, 'a')).status().tag(), "name_too_long");
  EXPECT_EQ(NormalizeName(std::string("\xc3\x28")).status().tag(), "invalid_utf8");
}

}  // namespace
}  // namespace chokepoint::parties
