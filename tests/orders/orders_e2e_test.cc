// End-to-end tests of `chokepoint screen` and `chokepoint report` on the real binary, the
// real rulebooks and real screening lists (../shared/data/sanctions and data/examples), on
// each storage backend (a SQLite file, a PostgreSQL database).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "../../bench/orders/order_gen.h"
#include "../shell.h"
#include "golden.h"
#include "store/connection.h"
#include "store/testing.h"

namespace {

namespace fs = std::filesystem;
using chokepoint::store::Backend;
using chokepoint::store::testing::TestDatabase;
using chokepoint::testing::ExpectGolden;
using chokepoint::testing::GoldenCase;
using chokepoint::testing::ReadFile;
using chokepoint::testing::RunCommand;

const char* kLists =
    "--list ../shared/data/sanctions/ofac-sdn-2021 --list data/examples/blocklist.jsonl";

std::string Bin() {
  const char* b = std::getenv("CHOKEPOINT_BIN");
  return b ? b : "build/chokepoint";
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/cp_orders_XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool HaveSharedData() { return fs::exists("../shared/data/sanctions/ofac-sdn-2021/sdn.csv"); }

// {db}: a fresh database of the test's backend; {bin}: the binary (for a second command).
std::string Expand(std::string s, const std::string& db) {
  for (size_t p; (p = s.find("{db}")) != std::string::npos;) s.replace(p, 4, "'" + db + "'");
  for (size_t p; (p = s.find("{bin}")) != std::string::npos;) s.replace(p, 5, Bin());
  return s;
}

// Every case is a requirement a user relies on. Expected stdout and stderr are in
// tests/orders/golden/<name>.out and .err (harness: tests/support/golden.h).
const GoldenCase kCases[] = {
    // The bundled examples: one decision per order, in input order, every rule represented.
    {"screen_examples", std::string("screen data/examples/orders.jsonl --db {db} -q ") + kLists, 0},
    // The readable view the README's main command prints.
    {"screen_examples_table",
     std::string("screen data/examples/orders.jsonl --db {db} -q --format table ") + kLists, 0},
    // Malformed JSON, unknown unit, missing fields, unknown countries, a duplicate id: each
    // reported with its line number; the valid orders around them are decided.
    {"screen_bad_orders",
     std::string("screen tests/orders/bad_orders.jsonl --db {db} -q ") + kLists, 0},
    // A policy mistake stops the run with file:line (exit 1, nothing on stdout).
    {"screen_bad_policy",
     "screen data/examples/orders.jsonl --db {db} -q --policy tests/orders/bad_policy.yaml", 1},
    {"screen_bad_format", "screen data/examples/orders.jsonl --db {db} --format xml", 2},
    // The suspicious-order report of the sanctioned-seller, mislabeled 4-ANPP order.
    {"report_md",
     std::string("screen data/examples/orders.jsonl --db {db} -q ") + kLists +
         " > /dev/null && {bin} report SO-2025-0008 --db {db} --format md --aware 2025-03-19",
     0},
    {"report_json",
     std::string("screen data/examples/orders.jsonl --db {db} -q ") + kLists +
         " > /dev/null && {bin} report SO-2025-0008 --db {db} --format json --aware 2025-03-19",
     0},
    {"report_unknown",
     "screen tests/orders/bad_orders.jsonl --db {db} -q > /dev/null && {bin} report NOPE --db {db}",
     1},
};

// Each case on a SQLite file and on a PostgreSQL database, as its own test: the same outputs.
class OrdersGolden : public ::testing::TestWithParam<std::tuple<Backend, GoldenCase>> {};

TEST_P(OrdersGolden, MatchesReviewedOutput) {
  if (!HaveSharedData()) GTEST_SKIP() << "../shared/data not present";
  const auto& [backend, c] = GetParam();
  TestDatabase db(backend);
  if (!db.ok()) GTEST_SKIP() << db.skip_reason();
  ExpectGolden("tests/orders/golden", GoldenCase{c.name, Expand(c.args, db.target()), c.exit_code});
}

INSTANTIATE_TEST_SUITE_P(Backends, OrdersGolden,
                         ::testing::Combine(chokepoint::store::testing::AllBackends(),
                                            ::testing::ValuesIn(kCases)),
                         [](const ::testing::TestParamInfo<std::tuple<Backend, GoldenCase>>& info) {
                           return std::get<0>(info.param) == Backend::kSqlite
                                      ? "sqlite_" + std::get<1>(info.param).name
                                      : "postgres_" + std::get<1>(info.param).name;
                         });

// Each test on a SQLite file and on a PostgreSQL database.
class OrdersOn : public ::testing::TestWithParam<Backend> {
 protected:
  // A fresh database, or null with the test skipped (see the callers).
  std::unique_ptr<TestDatabase> NewDatabase() {
    auto db = std::make_unique<TestDatabase>(GetParam());
    if (!db->ok()) return nullptr;
    return db;
  }
  std::string SkipReason() { return TestDatabase(GetParam()).skip_reason(); }
};

// Re-running a file skips what is decided and prints the same decisions.
TEST_P(OrdersOn, RerunIsIdempotent) {
  if (!HaveSharedData()) GTEST_SKIP() << "../shared/data not present";
  auto db = NewDatabase();
  if (!db) GTEST_SKIP() << SkipReason();
  TempDir tmp;
  std::string cmd = Bin() + " screen data/examples/orders.jsonl --db '" + db->target() +
                    "' --no-progress " + kLists;
  int code = -1;
  std::string first = RunCommand(cmd + " 2>/dev/null", &code);
  ASSERT_EQ(code, 0);
  std::string second = RunCommand(cmd + " 2>" + tmp.path() + "/err", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(first, second);
  EXPECT_NE(ReadFile(tmp.path() + "/err").find("36 already decided"), std::string::npos)
      << ReadFile(tmp.path() + "/err");
  std::string again = RunCommand(cmd + " --rescreen 2>/dev/null", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(first, again);  // history excludes the order itself and its future
}

int64_t CountDecisions(const std::string& db) {
  auto c = chokepoint::store::Connection::Open(db);
  if (!c.ok()) return -1;
  auto st = (*c)->Prepare("SELECT COUNT(*) FROM decisions");
  if (!st.ok()) return -1;  // not created yet
  auto row = st->Step();
  return row.ok() && *row ? st->Int(0) : -1;
}

std::string DumpDecisions(const std::string& db) {
  auto c = chokepoint::store::Connection::Open(db);
  if (!c.ok()) return "cannot open " + db + ": " + c.status().message();
  auto st = (*c)->Prepare(
      "SELECT d.order_id, d.decision, d.score, d.output, o.seq FROM decisions d JOIN orders o "
      "ON o.org = d.org AND o.id = d.order_id ORDER BY o.seq");
  std::string out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status().message();
    if (!*row) break;
    for (int col = 0; col < 5; ++col) out += st->Text(col) + '\t';
    out += '\n';
  }
  return out;
}

pid_t Spawn(const std::string& cmd) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// kill -9 after some commits, re-run: the result equals an uninterrupted run, with nothing
// lost or duplicated. The kill point is chosen by polling the committed row count, never by
// sleeping for a fixed time.
TEST_P(OrdersOn, CrashConsistency) {
  auto ref_db = NewDatabase();
  auto crash = NewDatabase();
  if (!ref_db || !crash) GTEST_SKIP() << SkipReason();
  TempDir tmp;
  const size_t kOrders = 12000;
  {
    std::ofstream f(tmp.path() + "/orders.jsonl");
    chokepoint::bench::OrderGenOptions g;
    g.orders = kOrders;
    g.seed = 7;
    chokepoint::bench::GenerateOrders(g, f);
  }
  std::string common = Bin() + " screen " + tmp.path() +
                       "/orders.jsonl -q --commit-every 100 --threads 2 " +
                       "--list data/examples/blocklist.jsonl --db ";
  // Reference: uninterrupted.
  int code = -1;
  RunCommand(common + "'" + ref_db->target() + "' > " + tmp.path() + "/ref.out", &code);
  ASSERT_EQ(code, 0);

  // Interrupted run.
  std::string crash_db = crash->target();
  pid_t pid = Spawn(common + "'" + crash_db + "' > " + tmp.path() + "/crash1.out");
  ASSERT_GT(pid, 0);
  int64_t seen = 0;
  bool exited = false;
  for (;;) {
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    seen = CountDecisions(crash_db);
    if (seen >= 300) break;
    std::this_thread::sleep_for(
        std::chrono::milliseconds(2));  // polling interval, not a timing assertion
  }
  ASSERT_FALSE(exited) << "the run finished before it could be killed; raise kOrders";
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  int64_t committed = CountDecisions(crash_db);
  ASSERT_GE(committed, 300);
  ASSERT_LT(committed, static_cast<int64_t>(kOrders)) << "killed too late to test anything";
  // What the killed run printed is a prefix of the reference: only committed decisions are emitted.
  std::string partial = ReadFile(tmp.path() + "/crash1.out");
  std::string ref = ReadFile(tmp.path() + "/ref.out");
  size_t cut = partial.rfind('\n');
  partial = cut == std::string::npos ? "" : partial.substr(0, cut + 1);
  EXPECT_EQ(ref.compare(0, partial.size(), partial), 0);
  EXPECT_LE(std::count(partial.begin(), partial.end(), '\n'), committed);

  // Re-run finishes the rest.
  RunCommand(common + "'" + crash_db + "' > " + tmp.path() + "/crash2.out", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(CountDecisions(crash_db), static_cast<int64_t>(kOrders));
  EXPECT_TRUE(ReadFile(tmp.path() + "/crash2.out") == ref)
      << "re-run output differs from the uninterrupted run";
  EXPECT_TRUE(DumpDecisions(crash_db) == DumpDecisions(ref_db->target()))
      << "stored decisions differ from the uninterrupted run";
}

INSTANTIATE_TEST_SUITE_P(Backends, OrdersOn, chokepoint::store::testing::AllBackends(),
                         chokepoint::store::testing::BackendName);

}  // namespace
