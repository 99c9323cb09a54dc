#include "parties/screener.h"

#include <gtest/gtest.h>

#include <thread>

#include "parties/loaders.h"
#include "parties/party_json.h"

namespace chokepoint::parties {
namespace {

class ScreenerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ListSet set;
    for (const char* p : {"ofac", "csl.csv", "un.xml", "dpl.txt", "custom.csv"}) {
      auto l = LoadList(std::string("tests/parties/fixtures/") + p);
      ASSERT_TRUE(l.ok()) << l.status().ToString();
      ASSERT_TRUE(set.Add(std::move(l).value()).ok());
    }
    screener_ = Screener::Build(set).release();
  }
  static void TearDownTestSuite() { delete screener_; }
  static Result<std::vector<Match>> Screen(const std::string& name,
                                           EntityType type = EntityType::kUnknown) {
    PartyQuery q;
    q.name = name;
    q.type = type;
    return screener_->Screen(q, {});
  }
  static Screener* screener_;
};
Screener* ScreenerTest::screener_ = nullptr;

TEST_F(ScreenerTest, BothLegalFormDesignationsHit) {
  auto r = Screen("Hebei Guanlang Biotechnology Company Limited");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].entity_id, "45380");
  EXPECT_EQ((*r)[1].entity_id, "45396");
  EXPECT_DOUBLE_EQ((*r)[0].score, 1.0);
}

TEST_F(ScreenerTest, ChineseCharactersFindThePinyinDesignation) {
  auto r = Screen("河北冠朗生物科技有限公司");
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->empty());
  EXPECT_EQ((*r)[0].list, "ofac_sdn");
  auto person = Screen("沈兴标", EntityType::kIndividual);
  ASSERT_TRUE(person.ok());
  ASSERT_FALSE(person->empty());
  EXPECT_EQ((*person)[0].entity_id, "45312");
}

TEST_F(ScreenerTest, MisspeltNamesFindTheirEntity) {
  // No word of the query is spelt as listed: only the typo postings propose the entity.
  auto r = Screen("HEBIE GAUNLANG BIOTECHNOLGY CO LTD");
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->empty());
  EXPECT_EQ((*r)[0].entity_id, "45380");
  auto v = Screen("GULF SNUBIRD II", EntityType::kVessel);
  ASSERT_TRUE(v.ok());
  ASSERT_FALSE(v->empty());
  EXPECT_EQ((*v)[0].entity_id, "50002");
}

TEST_F(ScreenerTest, IndustryWordDifferenceIsNoMatch) {
  auto r = Screen("Zhejiang Yongxu Pharmaceutical Co., Ltd.");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST_F(ScreenerTest, IdentifierAloneIsAStrongHit) {
  PartyQuery q;
  q.name = "Completely Different Name Co";
  q.ids["uscc"] = "91130102MA0CEXAMPX";
  auto r = screener_->Screen(q, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_DOUBLE_EQ((*r)[0].score, 1.0);
  ASSERT_EQ((*r)[0].explanation.identifiers.size(), 1u);
  EXPECT_EQ((*r)[0].explanation.identifiers[0].kind, "uscc");
  PartyQuery p;
  p.phones = {"+86 131-0000-0001"};
  auto byphone = screener_->Screen(p, {});
  ASSERT_TRUE(byphone.ok());
  ASSERT_EQ(byphone->size(), 1u);
  EXPECT_EQ((*byphone)[0].entity_id, "45380");
}

TEST_F(ScreenerTest, EmailDomainMeetsListedWebsiteButFreeMailDoesNot) {
  PartyQuery q;
  q.name = "Purchasing Desk";
  q.emails = {"buyer@guanlang-example.com"};
  auto r = screener_->Screen(q, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].explanation.identifiers[0].key, "domain:guanlang-example.com");
  q.emails = {"someone@qq.com"};
  r = screener_->Screen(q, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST_F(ScreenerTest, CountryAndBirthYearAdjustTheScore) {
  PartyQuery q;
  q.name = "Xingbiao Shen";
  q.type = EntityType::kIndividual;
  q.date_of_birth = "1980";
  auto r = screener_->Screen(q, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());  // 1.0 × 0.8 for the wrong birth year is below the threshold
  ScreenOptions low;
  low.threshold = 0.5;
  r = screener_->Screen(q, low);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->empty());
  EXPECT_EQ((*r)[0].explanation.date_of_birth, "disagree");
}

TEST_F(ScreenerTest, BadQueriesAreClearErrorsNeverCrashes) {
  EXPECT_EQ(Screen("").status().tag(), "empty_query");
  EXPECT_EQ(Screen("CORP").status().tag(), "generic_name");
  EXPECT_EQ(Screen("Limited Liability Company").status().tag(), "generic_name");
  EXPECT_EQ(Screen(std::string("Hebei \xff Guanlang")).status().tag(), "invalid_utf8");
  EXPECT_EQ(Screen(std::string(10 * 1024, 'x')).status().tag(), "name_too_long");
  auto punct = Screen(",,,;;;...");
  EXPECT_FALSE(punct.ok());
}

TEST_F(ScreenerTest, TopKAndThreshold) {
  ScreenOptions o;
  o.top_k = 1;
  PartyQuery q;
  q.name = "Hebei Guanlang Biotechnology";
  auto r = screener_->Screen(q, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST_F(ScreenerTest, ConcurrentScreensAgree) {
  std::vector<std::string> names = {
      "河北冠朗生物科技有限公司", "Xingbiao Shen", "Ivan Examplov",
      "Example Air Cargo Ltd",    "Hsu Chih Ming", "Shanghai Example New Materials Technology"};
  std::vector<std::string> expected;
  for (const auto& n : names) {
    auto r = Screen(n);
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r->empty()) << n;
    expected.push_back((*r)[0].entity_id);
  }
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        size_t k = static_cast<size_t>(i) % names.size();
        auto r = Screen(names[k]);
        if (!r.ok() || r->empty() || (*r)[0].entity_id != expected[k]) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ScreenerTest, JsonRoundTrip) {
  auto q = PartyQueryFromJson(
      nlohmann::json::parse(R"({"name": "X", "ids": {"uscc": "1"}, "type": "vessel"})"));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->type, EntityType::kVessel);
  EXPECT_EQ(PartyQueryFromJson(nlohmann::json::parse(R"({"nam": "X"})")).status().tag(),
            "bad_query");
  EXPECT_EQ(PartyQueryFromJson(nlohmann::json::parse(R"({"type": "ship"})")).status().tag(),
            "bad_query");
  auto r = Screen("Hebei Guanlang Biotechnology Co., Ltd.");
  ASSERT_TRUE(r.ok() && !r->empty());
  auto j = MatchToJson((*r)[0]);
  EXPECT_EQ(j["entity_id"], "45380");
  EXPECT_EQ(j["explanation"]["legal_form"], "agree");
}

}  // namespace
}  // namespace chokepoint::parties
