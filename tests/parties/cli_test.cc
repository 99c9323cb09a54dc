// Golden tests of `chokepoint parties screen` (exit code, stdout and stderr against reviewed
// files in tests/parties/golden/; harness: tests/support/golden.h) and `chokepoint lists`
// against a temporary store and a loopback HTTP server.
#include <gtest/gtest.h>
#include <httplib.h>
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

#include "../shell.h"
#include "golden.h"

namespace fs = std::filesystem;

namespace {

const std::string kLists =
    " --list tests/parties/fixtures/ofac --list tests/parties/fixtures/csl.csv --list "
    "tests/parties/fixtures/un.xml"
    " --list tests/parties/fixtures/dpl.txt --list tests/parties/fixtures/custom.csv";

using chokepoint::testing::GoldenCase;

const GoldenCase kCases[] = {
    // Name variants: legal forms, Han characters, pinyin joins, name order, industry
    // words, identifiers (USCC, email, website), generic names, bad JSON, in input order.
    {"screen_fixtures", "parties screen tests/parties/fixtures/queries.jsonl -q --top 2" + kLists,
     0},
    // The same for people.
    {"screen_fixtures_table",
     "parties screen tests/parties/fixtures/queries.jsonl -q --top 2 --format table" + kLists, 0},
    // Plain names on stdin, a lower threshold.
    {"screen_stdin_threshold",
     "parties screen -q --threshold 0.6 --list tests/parties/fixtures/ofac < "
     "tests/parties/fixtures/names.txt",
     0},
    // List-loading errors: every malformed row as file:line: reason on stderr, the rest loads.
    {"screen_list_errors",
     "parties screen --list tests/parties/fixtures/custom.csv --list "
     "tests/parties/fixtures/csl.csv < /dev/null",
     0},
    // A list that does not exist fails the run (exit 1).
    {"screen_missing_list", "parties screen -q --list tests/parties/fixtures/nope.csv < /dev/null",
     1},
    // Bad usage exits 2.
    {"screen_bad_format",
     "parties screen -q --format xml --list tests/parties/fixtures/ofac < /dev/null", 2},
    {"screen_bad_threshold",
     "parties screen -q --threshold 1.5 --list tests/parties/fixtures/ofac < /dev/null", 2},
};

std::string Bin() { return chokepoint::testing::ChokepointBin(); }

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesReviewedOutput) {
  chokepoint::testing::ExpectGolden("tests/parties/golden", GetParam());
}

INSTANTIATE_TEST_SUITE_P(Parties, Golden, ::testing::ValuesIn(kCases),
                         chokepoint::testing::GoldenCaseName);

// `lists import|list|update` against a temporary store and a loopback HTTP server.
class ListsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = fs::temp_directory_path() / ("cp_lists_test_" + std::to_string(::getpid()));
    fs::remove_all(store_);
    std::string un = chokepoint::testing::ReadFile("tests/parties/fixtures/un.xml");
    // A newer UN list: new date, one more entity.
    std::string newer = un;
    newer.replace(newer.find("2026-02-27"), 10, "2026-03-15");
    newer.replace(newer.find("  </ENTITIES>"), 0,
                  "    <ENTITY>\n      <DATAID>900003</DATAID>\n      <FIRST_NAME>NEW EXAMPLE "
                  "TRADING</FIRST_NAME>\n    </ENTITY>\n");
    server_.Get("/un/consolidated.xml", [newer](const httplib::Request&, httplib::Response& r) {
      r.set_content(newer, "application/xml");
    });
    server_.Get("/garbage.xml", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("<html>maintenance</html>", "text/html");
    });
    server_.Get("/empty.xml", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(
          "<CONSOLIDATED_LIST dateGenerated=\"2026-04-01\"><INDIVIDUALS/></CONSOLIDATED_LIST>",
          "application/xml");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");  // loopback only
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
    fs::remove_all(store_);
  }
  std::string Cmd(const std::string& args) {
    return Bin() + " lists " + args + " --lists-dir " + store_.string() + " 2>&1";
  }
  std::string Url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  fs::path store_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
};

TEST_F(ListsCommand, ImportListUpdate) {
  int code = -1;
  std::string out =
      chokepoint::testing::RunCommand(Cmd("import tests/parties/fixtures/un.xml"), &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out,
            "tests/parties/fixtures/un.xml:16: <INDIVIDUAL> without DATAID\n"
            "imported un (un_xml, version 2026-02-27): 2 entities, 5 names, 1 addresses, 1 "
            "identifiers, 1 rows skipped\n");
  out = chokepoint::testing::RunCommand(Cmd("list"), &code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("un             un_xml       2026-02-27          2         5      1        1  "
                     "tests/parties/fixtures/un.xml"),
            std::string::npos)
      << out;

  // A good download replaces the list.
  out =
      chokepoint::testing::RunCommand(Cmd("update un --url " + Url("/un/consolidated.xml")), &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "updated un: version 2026-02-27 -> 2026-03-15, 2 -> 3 entities\n");

  // A page that is not the list is rejected; the stored version stays.
  out = chokepoint::testing::RunCommand(Cmd("update un --url " + Url("/garbage.xml")), &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("not a UN consolidated list (root <html>)"), std::string::npos) << out;
  // An HTTP error keeps the stored version.
  out = chokepoint::testing::RunCommand(Cmd("update un --url " + Url("/missing.xml")), &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("HTTP 404; kept version 2026-03-15"), std::string::npos) << out;
  // A list that shrank below the sanity floor is rejected.
  out = chokepoint::testing::RunCommand(Cmd("update un --url " + Url("/empty.xml")), &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("has 0 entities, below the sanity floor of 1"), std::string::npos) << out;

  out = chokepoint::testing::RunCommand(Cmd("list --format json"), &code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("\"version\": \"2026-03-15\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"entities\": 3"), std::string::npos) << out;
  // Exactly one list folder is left: failed downloads were cleaned up.
  int folders = 0;
  for (const auto& e : fs::directory_iterator(store_)) folders += e.is_directory();
  EXPECT_EQ(folders, 1);

  // Screening without --list uses the store.
  out = chokepoint::testing::RunCommand("printf 'New Example Trading\\n' | " + Bin() +
                                            " parties screen -q --lists-dir " + store_.string() +
                                            " 2>&1",
                                        &code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("\"entity_id\":\"900003\""), std::string::npos) << out;
}

TEST_F(ListsCommand, ScreenWithoutListsSaysWhatToDo) {
  int code = -1;
  std::string out = chokepoint::testing::RunCommand(
      Bin() + " parties screen -q --lists-dir " + store_.string() + " < /dev/null 2>&1", &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("no lists to screen against: import one with `chokepoint lists import PATH`"),
            std::string::npos)
      << out;
}

}  // namespace
