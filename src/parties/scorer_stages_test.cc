#include "parties/scorer_stages.h"

#include <gtest/gtest.h>

#include "parties/test_names.h"

namespace chokepoint::parties::scoring {
namespace {

NameVariant Variant(const std::string& raw, bool person = false) {
  NormalizedName n = NormalizedForTest(raw, person);
  return n.variants.empty() ? NameVariant{} : n.variants[0];
}

// The token of `raw` whose surface is `surface`.
Token Tok(const std::string& raw, const std::string& surface, bool person = false) {
  for (const auto& t : Variant(raw, person).tokens)
    if (t.surface == surface) return t;
  ADD_FAILURE() << "no token '" << surface << "' in '" << raw << "'";
  return Token{};
}

std::string How(const std::optional<PairMatch>& m) { return m ? m->how : "none"; }
double Credit(const std::optional<PairMatch>& m) { return m ? m->credit : 0.0; }

std::vector<std::string> Pairs(const Alignment& al) {
  std::vector<std::string> out;
  for (const auto& a : al.aligned) out.push_back(a.query + "=" + a.candidate + " " + a.how);
  return out;
}

TEST(ScorerStages, SameWordTellsAWordFromAConceptAndLeavesLegalFormsAlone) {
  EXPECT_EQ(How(SameWord(Tok("Ivan Petrov", "petrov", true), Tok("PETROV Ivan", "petrov", true))),
            "exact");
  // Two spellings of one industry concept.
  auto concept_match =
      SameWord(Tok("Guanlang Pharmaceutical", "pharmaceutical"), Tok("Guanlang Pharma", "pharma"));
  EXPECT_EQ(How(concept_match), "concept");
  EXPECT_EQ(Credit(concept_match), 1.0);
  // A vocabulary word read through a typing slip is a little less sure.
  auto slip = SameWord(Tok("Varsk General Tarding", "general tarding"),
                       Tok("Varsk General Trading", "general trading"));
  EXPECT_EQ(How(slip), "typo");
  EXPECT_EQ(Credit(slip), 0.95);
  EXPECT_EQ(How(SameWord(Tok("Korvessa Ltd", "ltd"), Tok("Varsk Ltd", "ltd"))), "none");
}

TEST(ScorerStages, ReadingsNameWadeGilesApartFromOtherReadings) {
  auto wg = SameReading(Tok("Chin Wei", "chin", true), Tok("Jin Wei", "jin", true));
  EXPECT_EQ(How(wg), "wade_giles");
  EXPECT_EQ(Credit(wg), 0.95);
  // A Han character meets the Korean reading of its family name.
  EXPECT_EQ(How(SameReading(Tok("金正恩", "jin", true), Tok("Kim Jong Un", "kim", true))),
            "reading");
  EXPECT_EQ(How(SameReading(Tok("Chin Wei", "chin", true), Tok("Chen Wei", "chen", true))), "none");
}

TEST(ScorerStages, ConsonantRulesForAbjadVowelVariantsAndInitials) {
  // ו is the consonant v here: דוד = David.
  auto david = SameConsonants(Variant("דוד", true).tokens.at(0), Tok("David", "david", true));
  EXPECT_EQ(How(david), "consonants");
  EXPECT_EQ(Credit(david), 0.9);
  auto vowels =
      SameConsonants(Tok("Ali Qureshi", "qureshi", true), Tok("Ali Quraishi", "quraishi", true));
  EXPECT_EQ(How(vowels), "vowel_variant");
  EXPECT_EQ(Credit(vowels), 0.85);
  auto initial = SameConsonants(Tok("J Smith", "j", true), Tok("John Smith", "john", true));
  EXPECT_EQ(How(initial), "initial");
  EXPECT_EQ(Credit(initial), 0.8);
  // Short Latin words with the same consonants are other names ("Omar"/"Amir").
  EXPECT_EQ(How(SameConsonants(Tok("Omar Ali", "omar", true), Tok("Amir Ali", "amir", true))),
            "none");
}

TEST(ScorerStages, TypingSlipCredits) {
  auto credit = [](const std::string& a, const std::string& b) {
    return TypoCredit(Tok("Varsk " + a, a), Tok("Varsk " + b, b));
  };
  EXPECT_EQ(credit("korvessa", "kovressa"), 0.9);     // neighbours swapped
  EXPECT_EQ(credit("korvessa", "korvesa"), 0.9);      // a letter dropped
  EXPECT_EQ(credit("impergosa", "impergoza"), 0.85);  // a letter replaced in a long name word
  EXPECT_EQ(credit("trafalgura", "trafigura"), 0.8);  // two slips in a word of nine letters or more
  EXPECT_EQ(credit("vitol", "vital"), 0.0);  // a replaced letter in a short word: another word
  EXPECT_EQ(credit("wrightstone", "rightstone"), 0.0);  // another first letter
  EXPECT_EQ(credit("lixin", "lixing"), 0.0);            // both Chinese syllables: two names
  // A plural is the same word only when the word is common in the lists.
  Token espoir = Tok("Varsk espoir", "espoir"), espoirs = Tok("Varsk espoirs", "espoirs");
  EXPECT_EQ(TypoCredit(espoir, espoirs), 0.0);
  espoir.rarity = espoirs.rarity = 0.5f;
  EXPECT_EQ(TypoCredit(espoir, espoirs), 0.9);
}

TEST(ScorerStages, CloseSpellingsOfPersonNames) {
  EXPECT_EQ(CloseSpelling(Tok("Elon Mosk", "mosk", true), Tok("Elon Musk", "musk", true)), 0.95);
  // Jaro-Winkler by hand: 6 letters match in order, (6/8 + 6/7 + 1) / 3 = 0.8690, plus the
  // common prefix "moha": 0.8690 + 4 · 0.1 · (1 − 0.8690) = 0.9214.
  EXPECT_NEAR(
      CloseSpelling(Tok("Mohammed Ali", "mohammed", true), Tok("Mohamad Ali", "mohamad", true)),
      0.9214, 1e-4);
  // A word under four letters only meets one edit away: "bey"/"beyza" is 0.907 by
  // Jaro-Winkler, and two letters apart.
  EXPECT_EQ(CloseSpelling(Tok("Ali Bey", "bey", true), Tok("Ali Beyza", "beyza", true)), 0.0);
}

TEST(ScorerStages, SurestEvidenceClaimsATokenFirst) {
  NameVariant q = Variant("Jin Chin", true), c = Variant("Chin Jin", true);
  // On its own, the readings pass would pair "jin" with the first reading it meets.
  Alignment readings_only(q, c, false);
  AlignReadings(readings_only);
  EXPECT_EQ(Pairs(readings_only),
            (std::vector<std::string>{"jin=chin wade_giles", "chin=jin wade_giles"}));
  // Same words run first, so each word keeps its exact partner.
  Alignment al(q, c, false);
  AlignSameWords(al);
  AlignReadings(al);
  EXPECT_EQ(Pairs(al), (std::vector<std::string>{"jin=jin exact", "chin=chin exact"}));
}

TEST(ScorerStages, JoinedWordsAndShiftedSpaces) {
  NameVariant xingbiao = Variant("Xingbiao Shen", true),
              xing_biao = Variant("Shen Xing Biao", true);
  Alignment joined(xingbiao, xing_biao, false);
  AlignSameWords(joined);
  AlignJoinedWords(joined);
  EXPECT_EQ(Pairs(joined),
            (std::vector<std::string>{"shen=shen exact", "xingbiao=xing biao joined"}));
  NameVariant typed = Variant("Liberatio Ntigers"), listed = Variant("Liberation Tigers");
  Alignment shifted(typed, listed, true);
  AlignShiftedSpaces(shifted);
  EXPECT_EQ(Pairs(shifted),
            (std::vector<std::string>{"liberatio ntigers=liberation tigers joined"}));
}

TEST(ScorerStages, LegalFormsRelateAsAWhole) {
  auto legal = [](const std::string& a, const std::string& b, std::vector<std::string>& penalties) {
    NameVariant q = Variant(a), c = Variant(b);
    Alignment al(q, c, true);
    AlignSameWords(al);
    Penalties p(penalties);
    LegalForms lf = AlignLegalForms(al, p);
    return std::make_pair(lf.relation + (al.aligned.size() > 1 ? " aligned" : ""), p.factor);
  };
  std::vector<std::string> names;
  EXPECT_EQ(legal("Korvessa Ltd", "Korvessa Limited", names),
            std::make_pair(std::string("agree aligned"), 1.0));
  EXPECT_EQ(legal("Torva OÜ", "Torva Ltd", names),
            std::make_pair(std::string("compatible aligned"), 1.0));
  EXPECT_EQ(legal("Korvessa Company", "Korvessa GmbH", names),
            std::make_pair(std::string("compatible aligned"), 1.0));
  EXPECT_TRUE(names.empty());
  EXPECT_EQ(legal("Korvessa Inc", "Korvessa Ltd", names),
            std::make_pair(std::string("differ aligned"), 0.92));
  EXPECT_EQ(legal("Korvessa GmbH", "Korvessa Sdn Bhd", names),
            std::make_pair(std::string("conflict"), 0.8));
  EXPECT_EQ(legal("Korvessa Ltd", "Korvessa", names), std::make_pair(std::string("one_side"), 1.0));
  EXPECT_EQ(names, (std::vector<std::string>{"legal_form_differs", "legal_form_conflict"}));
}

TEST(ScorerStages, TallyIsAWeightedDiceOfWhatAligned) {
  // korvessa (name, 1.0) aligns; trading and logistics (industry, 0.4 each) do not.
  NameVariant q = Variant("Korvessa Trading"), c = Variant("Korvessa Logistics");
  Alignment al(q, c, true);
  AlignSameWords(al);
  Tally t = TallyAlignment(al);
  EXPECT_DOUBLE_EQ(t.matched, 2.0);
  EXPECT_DOUBLE_EQ(t.query_weight, 1.4);
  EXPECT_DOUBLE_EQ(t.candidate_weight, 1.4);
  EXPECT_TRUE(t.distinct_aligned);
  EXPECT_EQ(t.unmatched_query, std::vector<std::string>{"trading"});
  EXPECT_EQ(t.unmatched_candidate, std::vector<std::string>{"logistics"});
  std::vector<std::string> names;
  Penalties p(names);
  ApplyDisagreements(t, LegalForms{}, CompareOptions{}, p);
  EXPECT_EQ(names, std::vector<std::string>{"industry_conflict"});
  EXPECT_DOUBLE_EQ(p.factor, 0.85);
}

TEST(ScorerStages, PersonWithMiddleNameLeftOutIsFloored) {
  // 2 of 3 words aligned: Dice 4 / 5 = 0.8, raised to 0.88 because every word of the shorter
  // name aligned.
  NameVariant q = Variant("Vladimir Putin", true),
              c = Variant("Vladimir Vladimirovich Putin", true);
  CompareOptions person;
  person.person = true;
  NameComparison r = CompareVariants(q, c, person);
  EXPECT_DOUBLE_EQ(r.score, 0.88);
  EXPECT_EQ(r.penalties, std::vector<std::string>{"subset_name"});
  Alignment al(q, c, false);
  AlignSameWords(al);
  EXPECT_EQ(AlignedDistinctive(al.q), 2);
  EXPECT_EQ(AlignedDistinctive(al.c), -1);
}

}  // namespace
}  // namespace chokepoint::parties::scoring
