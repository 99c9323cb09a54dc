#include "parties/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "parties/similarity.h"
#include "parties/test_names.h"

namespace chokepoint::parties {
namespace {

bool HasGroup(const QueryKeys& k, const std::vector<std::string>& g) {
  return k.groups.count(g) > 0;
}

TEST(CandidateKeys, WordsJoinedNeighboursAndIndustryConcepts) {
  NormalizedName main_pharma = NormalizedForTest("Main Pharma");
  QueryKeys k = KeysOfQuery(main_pharma);
  EXPECT_TRUE(HasGroup(k, {Skeleton("main")}));
  EXPECT_TRUE(HasGroup(k, {"i:pharma"}));  // the industry word by its concept
  // The two words joined, so "MAINPHARMA" on a list is met.
  EXPECT_TRUE(HasGroup(k, {Skeleton("main") + Skeleton("pharma")}));
  // Three neighbours joined too.
  NormalizedName xing_biao_shen = NormalizedForTest("Xing Biao Shen", true);
  QueryKeys three = KeysOfQuery(xing_biao_shen);
  EXPECT_TRUE(HasGroup(three, {Skeleton("xing") + Skeleton("biao") + Skeleton("shen")}));
}

TEST(CandidateKeys, AHanCharactersReadingsAreOneGroup) {
  // 金 reads jin in Chinese and kim/gim in Korean: one word, so one group, and its readings
  // appear in no group of their own.
  NormalizedName jin = NormalizedForTest("金", true);
  QueryKeys k = KeysOfQuery(jin);
  size_t with_jin = 0, with_kim = 0;
  for (const auto& g : k.groups) {
    bool has_jin = std::count(g.begin(), g.end(), Skeleton("jin")) > 0;
    bool has_kim = std::count(g.begin(), g.end(), Skeleton("kim")) > 0;
    with_jin += has_jin;
    with_kim += has_kim;
    if (has_kim) {
      EXPECT_TRUE(has_jin);
    }
  }
  EXPECT_EQ(with_jin, 1u);
  EXPECT_EQ(with_kim, 1u);
}

TEST(CandidateKeys, TypoProbesOnlyForLatinNameWordsOfFourLettersOrMore) {
  NormalizedName query = NormalizedForTest("Korvesa Li Ivan Trading");
  QueryKeys k = KeysOfQuery(query);
  std::vector<std::string> words;
  for (const Token* t : k.typo_words) words.push_back(t->text);
  // "li" is too short to tell a slip from another word; "trading" is an industry word.
  EXPECT_EQ(words, (std::vector<std::string>{"korvesa", "ivan"}));
  NormalizedName han = NormalizedForTest("沈兴标", true);
  EXPECT_TRUE(KeysOfQuery(han).typo_words.empty());  // Han syllables
}

class CandidatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadedList l;
    l.info.name = "test";
    int id = 0;
    auto add = [&](const std::string& name) {
      Entity e;
      e.list = "test";
      e.entity_id = std::to_string(++id);
      e.type = EntityType::kEntity;
      e.name = name;
      l.entities.push_back(e);
    };
    for (const char* n : {"Main Street Trading LLC", "MAINPHARMA LLC", "Kovrena Shipping Ltd",
                          "Korvessa Shipping Ltd", "Korvell Shipping Ltd"})
      add(n);
    // Other names, so the words above are rare and weigh what rare words weigh on real lists.
    for (int i = 0; i < 40; ++i) add("Varsk Tollmere Holding " + std::to_string(i));
    ListSet lists;
    ASSERT_TRUE(lists.Add(std::move(l)).ok());
    index_ = BuildIndex(lists);
  }

  // The printed names of the candidates for `query` with their evidence, best first.
  std::vector<std::pair<std::string, float>> Candidates(const std::string& query,
                                                        size_t limit = 48) {
    std::vector<std::pair<std::string, float>> out;
    NormalizedName q = NormalizedForTest(query);
    for (const auto& [evidence, n] : GatherCandidates(*index_, KeysOfQuery(q), limit))
      out.emplace_back(index_->names[n].raw, evidence);
    return out;
  }

  static float EvidenceOf(const std::vector<std::pair<std::string, float>>& c,
                          const std::string& name) {
    for (const auto& [n, e] : c)
      if (n == name) return e;
    return 0.0f;
  }

  std::unique_ptr<Screener::Impl> index_;
};

TEST_F(CandidatesTest, JoinedWordsFindTheNameWrittenAsOneWord) {
  // "MAINPHARMA" shares three trigrams with the query and no word; "Main Street Trading"
  // shares the same trigrams and the word "Main". The two query words joined weigh what
  // "Main" weighs, so the name written as one word is not left behind.
  auto c = Candidates("Main Pharma");
  float joined = EvidenceOf(c, "MAINPHARMA LLC"),
        shared_word = EvidenceOf(c, "Main Street Trading LLC");
  EXPECT_GT(shared_word, 0.0f);
  EXPECT_GE(joined, shared_word);
}

TEST_F(CandidatesTest, AMisspeltRareWordStillFindsItsName) {
  // "Kovressa" (two letters swapped) shares more trigrams with "Kovrena" than with
  // "Korvessa"; the typo postings meet Korvessa (both less their "r", or their "v", are the
  // same word) and put it first.
  auto c = Candidates("Kovressa Shipping");
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].first, "Korvessa Shipping Ltd");
  EXPECT_GT(c[0].second, EvidenceOf(c, "Kovrena Shipping Ltd"));
  EXPECT_GT(EvidenceOf(c, "Kovrena Shipping Ltd"), 0.0f);
  ASSERT_EQ(Candidates("Kovressa Shipping", 1).size(), 1u);
}

TEST(TopCandidates, BestFirstTiesByNameNumberAndAFloorAtAQuarterOfTheBest) {
  std::vector<Candidate> all{{10.0f, 3}, {2.4f, 1}, {2.5f, 2}, {10.0f, 0}, {7.0f, 4}};
  EXPECT_EQ(TopCandidates(all, 3), (std::vector<Candidate>{{10.0f, 0}, {10.0f, 3}, {7.0f, 4}}));
  // 2.5 is a quarter of 10 and stays; 2.4 is under it.
  EXPECT_EQ(TopCandidates(all, 10),
            (std::vector<Candidate>{{10.0f, 0}, {10.0f, 3}, {7.0f, 4}, {2.5f, 2}}));
  EXPECT_TRUE(TopCandidates({}, 5).empty());
}

}  // namespace
}  // namespace chokepoint::parties
