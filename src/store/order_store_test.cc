#include "store/order_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules/rulebook_set.h"
#include "store/schema.h"

namespace chokepoint::store {
namespace {

std::string Examples() {
  std::ifstream in("data/examples/orders.jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Fixture {
  std::shared_ptr<const classify::Engine> engine;
  orders::Policy policy = orders::Policy::Defaults();
  Fixture() {
    auto rules = rules::LoadRulebooks("data/rulebooks");
    EXPECT_TRUE(rules.ok()) << rules.status().message();
    engine = std::make_shared<classify::Engine>(*rules);
  }
  std::vector<std::string> Run(Database* db, int threads, const std::string& input, size_t commit_every = 7) {
    orders::OrderScreener screener(engine, nullptr, policy);
    orders::History history;
    std::unique_ptr<OrderStore> store;
    if (db) {
      auto s = OrderStore::Create(db);
      EXPECT_TRUE(s.ok());
      store = std::move(*s);
      EXPECT_TRUE(store->LoadHistory(&history).ok());
    }
    orders::PipelineOptions po;
    po.threads = threads;
    po.chunk = 5;
    po.commit_every = commit_every;
    std::istringstream in(input);
    std::vector<std::string> out;
    auto stats = orders::RunPipeline(in, screener, history, store.get(), po, [&](const std::string& l) { out.push_back(l); });
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return out;
  }
};

TEST(OrderStore, DecisionsDoNotDependOnThreadsOrStorage) {
  Fixture f;
  std::string input = Examples();
  auto one = f.Run(nullptr, 1, input);
  auto two = f.Run(nullptr, 2, input);
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  auto stored = f.Run(db->get(), 2, input);
  ASSERT_EQ(one.size(), 36u);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, stored);
}

TEST(OrderStore, HistoryRoundTripsThroughTheDatabase) {
  Fixture f;
  std::string input = Examples();
  size_t half = 0;
  for (int k = 0; k < 18; ++k) half = input.find('\n', half) + 1;
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  auto first = f.Run(db->get(), 2, input.substr(0, half));
  auto rest = f.Run(db->get(), 2, input);  // new History loaded from the store; first half skipped
  auto all = f.Run(nullptr, 1, input);
  ASSERT_EQ(rest.size(), all.size());
  EXPECT_EQ(rest, all);
  auto s = OrderStore::Create(db->get());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*(*s)->CountDecisions(), 36);
  auto o = (*s)->Get("SO-2025-0008");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->decision, "block");
  EXPECT_EQ((*s)->Get("nope").status().code(), StatusCode::kNotFound);
}

TEST(OrderStore, UncommittedWorkIsNotVisible) {
  Fixture f;
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  auto s = OrderStore::Create(db->get());
  ASSERT_TRUE(s.ok());
  auto order = orders::ParseOrder(Examples().substr(0, Examples().find('\n')));
  ASSERT_TRUE(order.ok());
  ASSERT_TRUE((*s)->Begin().ok());
  orders::DecisionResult d;
  ASSERT_TRUE((*s)->Record("{}", *order, orders::OrderFacts{order->id, "c", 1}, d, "p", "{}").ok());
  ASSERT_TRUE((*db)->Rollback().ok());
  EXPECT_EQ(*(*s)->CountDecisions(), 0);
  std::unordered_set<std::string> ids;
  ASSERT_TRUE((*s)->LoadDecidedIds(&ids).ok());
  EXPECT_TRUE(ids.empty());
}

}  // namespace
}  // namespace chokepoint::store
