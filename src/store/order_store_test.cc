#include "store/order_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "rules/rulebook_set.h"
#include "store/schema.h"
#include "store/testing.h"

namespace chokepoint::store {
namespace {

orders::OrderFacts Facts(const std::string& order_id, const std::string& customer, int day) {
  orders::OrderFacts f;
  f.order_id = order_id;
  f.customer = customer;
  f.day = day;
  return f;
}

std::string Examples() {
  std::ifstream in("data/examples/orders.jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::shared_ptr<const classify::Engine>& Engine() {
  static const auto engine = [] {
    auto rules = rules::LoadRulebooks("data/rulebooks");
    EXPECT_TRUE(rules.ok()) << rules.status().message();
    return std::make_shared<const classify::Engine>(*rules);
  }();
  return engine;
}

// One `screen` run over `input`, on `db` (null: no storage).
std::vector<std::string> Screen(Connection* db, int threads, const std::string& input,
                                size_t commit_every = 7) {
  orders::OrderScreener screener(Engine(), nullptr, orders::Policy::Defaults());
  orders::History history;
  std::unique_ptr<OrderStore> store;
  if (db) store = std::move(OrderStore::Create(db)).value();
  orders::PipelineOptions po;
  po.threads = threads;
  po.chunk = 5;
  po.commit_every = commit_every;
  std::istringstream in(input);
  std::vector<std::string> out;
  auto stats = orders::RunPipeline(in, screener, history, store.get(), po,
                                   [&](const std::string& l) { out.push_back(l); });
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return out;
}

// Decision records by order id, without the input line number.
std::map<std::string, std::string> ById(const std::vector<std::string>& records) {
  std::map<std::string, std::string> m;
  for (const auto& r : records) {
    auto j = nlohmann::json::parse(r);
    j.erase("line");
    m[j["id"].get<std::string>()] = j.dump();
  }
  return m;
}

class OrderStoreOn : public testing::OnEachBackend {
 protected:
  std::unique_ptr<Connection> Open() {
    auto c = OpenDatabase(db_->target());
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(*c) : nullptr;
  }
};

TEST_P(OrderStoreOn, DecisionsDoNotDependOnThreadsOrStorage) {
  std::string input = Examples();
  auto one = Screen(nullptr, 1, input);
  auto two = Screen(nullptr, 2, input);
  auto db = Open();
  ASSERT_TRUE(db);
  auto stored = Screen(db.get(), 2, input);
  ASSERT_EQ(one.size(), 36u);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, stored);
}

TEST_P(OrderStoreOn, HistoryRoundTripsThroughTheDatabase) {
  std::string input = Examples();
  size_t half = 0;
  for (int k = 0; k < 18; ++k) half = input.find('\n', half) + 1;
  auto db = Open();
  ASSERT_TRUE(db);
  auto first = Screen(db.get(), 2, input.substr(0, half));
  auto rest = Screen(db.get(), 2, input);  // new History loaded from the store; first half skipped
  auto all = Screen(nullptr, 1, input);
  ASSERT_EQ(rest.size(), all.size());
  EXPECT_EQ(rest, all);
  auto s = OrderStore::Create(db.get());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*(*s)->CountDecisions(), 36);
  auto o = (*s)->Get("SO-2025-0008");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->decision, "block");
  EXPECT_EQ((*s)->Get("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(OrderStoreOn, UncommittedWorkIsNotVisible) {
  auto db = Open();
  ASSERT_TRUE(db);
  auto s = OrderStore::Create(db.get());
  ASSERT_TRUE(s.ok());
  auto order = orders::ParseOrder(Examples().substr(0, Examples().find('\n')));
  ASSERT_TRUE(order.ok());
  ASSERT_TRUE((*s)->Begin().ok());
  orders::DecisionResult d;
  ASSERT_TRUE((*s)->Record("{}", *order, Facts(order->id, "c", 1), d, "p", "{}", false).ok());
  (*s)->Rollback();
  EXPECT_EQ(*(*s)->CountDecisions(), 0);
  std::unordered_set<std::string> ids;
  ASSERT_TRUE((*s)->Sync(nullptr, &ids).ok());
  EXPECT_TRUE(ids.empty());
}

// A second writer whose History was loaded before the first wrote anything: it catches up
// inside its transaction, so its decisions are those of one uninterrupted run.
TEST_P(OrderStoreOn, AWriterSeesWhatAnotherRecordedSinceItLoaded) {
  std::string input = Examples();
  size_t half = 0;
  for (int k = 0; k < 18; ++k) half = input.find('\n', half) + 1;
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a && b);
  auto late = OrderStore::Create(b.get());
  orders::History history;
  ASSERT_TRUE((*late)->LoadHistory(&history).ok());  // empty: nothing stored yet
  Screen(a.get(), 2, input.substr(0, half));         // the other writer decides the first half
  orders::OrderScreener screener(Engine(), nullptr, orders::Policy::Defaults());
  orders::PipelineOptions po;
  po.threads = 2;
  po.chunk = 5;
  std::istringstream in(input);
  std::vector<std::string> out;
  auto stats = orders::RunPipeline(in, screener, history, late->get(), po,
                                   [&](const std::string& l) { out.push_back(l); });
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->stored, 18u);
  EXPECT_EQ(stats->decided, 18u);
  EXPECT_EQ(out, Screen(nullptr, 1, input));
}

// Two writers screening the same file at the same time decide every order once, and each
// decision is the one a single run makes.
TEST_P(OrderStoreOn, ConcurrentWritersDecideEachOrderOnce) {
  std::string input = Examples();
  auto single = ById(Screen(nullptr, 1, input));
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a && b);
  std::vector<std::string> out_a, out_b;
  std::thread ta([&] { out_a = Screen(a.get(), 1, input, 3); });
  std::thread tb([&] { out_b = Screen(b.get(), 1, input, 3); });
  ta.join();
  tb.join();
  EXPECT_EQ(ById(out_a), single);
  EXPECT_EQ(ById(out_b), single);
  auto s = OrderStore::Create(a.get());
  EXPECT_EQ(*(*s)->CountDecisions(), 36);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderStoreOn, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace chokepoint::store
