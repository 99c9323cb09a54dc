// End-to-end tests of `chokepoint screen` and `chokepoint report` on the real binary, the
// real rulebooks and real screening lists (../shared/data/sanctions and data/examples).
//
// Golden files live in tests/orders/golden/. To regenerate after an intended change:
//   CHOKEPOINT_UPDATE_GOLDEN=1 ctest -R orders_e2e
// then review `git diff tests/orders/golden` line by line before committing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
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

namespace {

namespace fs = std::filesystem;

const char* kLists = "--list ../shared/data/sanctions/ofac-sdn-2021 --list data/examples/blocklist.jsonl";

std::string Bin() {
  const char* b = std::getenv("CHOKEPOINT_BIN");
  return b ? b : "build/chokepoint";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string RunCommand(const std::string& cmd, int* exit_code) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
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

void ExpectGolden(const std::string& name, const std::string& actual) {
  std::string path = "tests/orders/golden/" + name + ".out";
  if (std::getenv("CHOKEPOINT_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " missing; run with CHOKEPOINT_UPDATE_GOLDEN=1";
  EXPECT_EQ(Slurp(path), actual) << "golden " << path << " differs";
}

struct Case {
  const char* name;
  std::string args;  // {tmp} is replaced by a fresh temporary folder
  int exit_code;
};

// Every case is an issue requirement a user relies on.
const Case kCases[] = {
    // The bundled examples: one decision per order, in input order, every rule represented.
    {"screen_examples", std::string("screen data/examples/orders.jsonl --db {tmp}/a.db -q ") + kLists, 0},
    // The readable view the README's main command prints.
    {"screen_examples_table", std::string("screen data/examples/orders.jsonl --db {tmp}/a.db -q --format table ") + kLists, 0},
    // Malformed JSON, unknown unit, missing fields, unknown countries, a duplicate id: each
    // reported with its line number; the valid orders around them are decided.
    {"screen_bad_orders", std::string("screen tests/orders/bad_orders.jsonl --db {tmp}/a.db -q ") + kLists, 0},
    // A policy mistake stops the run with file:line (exit 1, nothing on stdout).
    {"screen_bad_policy", "screen data/examples/orders.jsonl --db {tmp}/a.db -q --policy tests/orders/bad_policy.yaml 2>&1", 1},
    {"screen_bad_format", "screen data/examples/orders.jsonl --db {tmp}/a.db --format xml 2>&1", 2},
    // The suspicious-order report of the sanctioned-seller, mislabeled 4-ANPP order.
    {"report_md", std::string("screen data/examples/orders.jsonl --db {tmp}/a.db -q ") + kLists +
                      " > /dev/null && {bin} report SO-2025-0008 --db {tmp}/a.db --format md --aware 2025-03-19",
     0},
    {"report_json", std::string("screen data/examples/orders.jsonl --db {tmp}/a.db -q ") + kLists +
                        " > /dev/null && {bin} report SO-2025-0008 --db {tmp}/a.db --format json --aware 2025-03-19",
     0},
    {"report_unknown", "screen tests/orders/bad_orders.jsonl --db {tmp}/a.db -q > /dev/null && {bin} report NOPE --db {tmp}/a.db 2>&1", 1},
};

std::string Expand(std::string s, const std::string& tmp) {
  for (size_t p; (p = s.find("{tmp}")) != std::string::npos;) s.replace(p, 5, tmp);
  for (size_t p; (p = s.find("{bin}")) != std::string::npos;) s.replace(p, 5, Bin());
  return s;
}

TEST(OrdersGolden, Cases) {
  if (!HaveSharedData()) GTEST_SKIP() << "../shared/data not present";
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    TempDir tmp;
    int code = -1;
    std::string out = RunCommand(Bin() + " " + Expand(c.args, tmp.path()), &code);
    // Paths of temporary folders are not part of the contract.
    for (size_t p; (p = out.find(tmp.path())) != std::string::npos;) out.replace(p, tmp.path().size(), "TMP");
    EXPECT_EQ(code, c.exit_code);
    ExpectGolden(c.name, out);
  }
}

// Re-running a file skips what is decided and prints the same decisions.
TEST(OrdersScreen, RerunIsIdempotent) {
  if (!HaveSharedData()) GTEST_SKIP() << "../shared/data not present";
  TempDir tmp;
  std::string cmd = Bin() + " screen data/examples/orders.jsonl --db " + tmp.path() + "/a.db --no-progress " + kLists;
  int code = -1;
  std::string first = RunCommand(cmd + " 2>/dev/null", &code);
  ASSERT_EQ(code, 0);
  std::string second = RunCommand(cmd + " 2>" + tmp.path() + "/err", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(first, second);
  EXPECT_NE(Slurp(tmp.path() + "/err").find("36 already decided"), std::string::npos) << Slurp(tmp.path() + "/err");
  std::string again = RunCommand(cmd + " --rescreen 2>/dev/null", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(first, again);  // history excludes the order itself and its future
}

int64_t CountDecisions(const std::string& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return -1;
  }
  sqlite3_busy_timeout(h, 1000);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(h, "SELECT COUNT(*) FROM decisions", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

std::string DumpDecisions(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out;
  sqlite3_prepare_v2(h,
                     "SELECT d.order_id, d.decision, d.score, d.output, o.seq FROM decisions d JOIN orders o "
                     "ON o.org = d.org AND o.id = d.order_id ORDER BY o.seq",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int c = 0; c < 5; ++c) {
      const unsigned char* t = sqlite3_column_text(st, c);
      out += t ? reinterpret_cast<const char*>(t) : "";
      out += '\t';
    }
    out += '\n';
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
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
TEST(OrdersScreen, CrashConsistency) {
  TempDir tmp;
  const size_t kOrders = 12000;
  {
    std::ofstream f(tmp.path() + "/orders.jsonl");
    chokepoint::bench::OrderGenOptions g;
    g.orders = kOrders;
    g.seed = 7;
    chokepoint::bench::GenerateOrders(g, f);
  }
  std::string common = Bin() + " screen " + tmp.path() + "/orders.jsonl -q --commit-every 100 --threads 2 " +
                       "--list data/examples/blocklist.jsonl --db ";
  // Reference: uninterrupted.
  int code = -1;
  RunCommand(common + tmp.path() + "/ref.db > " + tmp.path() + "/ref.out", &code);
  ASSERT_EQ(code, 0);

  // Interrupted run.
  std::string crash_db = tmp.path() + "/crash.db";
  pid_t pid = Spawn(common + crash_db + " > " + tmp.path() + "/crash1.out");
  ASSERT_GT(pid, 0);
  int64_t seen = 0;
  bool exited = false;
  for (;;) {
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    seen = fs::exists(crash_db) ? CountDecisions(crash_db) : 0;
    if (seen >= 300) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polling interval, not a timing assertion
  }
  ASSERT_FALSE(exited) << "the run finished before it could be killed; raise kOrders";
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  int64_t committed = CountDecisions(crash_db);
  ASSERT_GE(committed, 300);
  ASSERT_LT(committed, static_cast<int64_t>(kOrders)) << "killed too late to test anything";
  // What the killed run printed is a prefix of the reference: only committed decisions are emitted.
  std::string partial = Slurp(tmp.path() + "/crash1.out");
  std::string ref = Slurp(tmp.path() + "/ref.out");
  size_t cut = partial.rfind('\n');
  partial = cut == std::string::npos ? "" : partial.substr(0, cut + 1);
  EXPECT_EQ(ref.compare(0, partial.size(), partial), 0);
  EXPECT_LE(std::count(partial.begin(), partial.end(), '\n'), committed);

  // Re-run finishes the rest.
  RunCommand(common + crash_db + " > " + tmp.path() + "/crash2.out", &code);
  ASSERT_EQ(code, 0);
  EXPECT_EQ(CountDecisions(crash_db), static_cast<int64_t>(kOrders));
  EXPECT_TRUE(Slurp(tmp.path() + "/crash2.out") == ref) << "re-run output differs from the uninterrupted run";
  EXPECT_TRUE(DumpDecisions(crash_db) == DumpDecisions(tmp.path() + "/ref.db"))
      << "stored decisions differ from the uninterrupted run";
}

}  // namespace
