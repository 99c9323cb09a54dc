// The `chokepoint exchange` commands on real databases (each backend): an air-gapped round trip
// (export on CN, import on US printing receipts, receipts imported back on CN), the outbox view,
// peers, indicators as CSV, and the errors an operator meets, word for word.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../serve_process.h"
#include "../shell.h"
#include "exchange/exchange.h"
#include "store/testing.h"

namespace chokepoint::exchange {
namespace {

using chokepoint::testing::ChokepointBin;
using chokepoint::testing::Shell;
using J = nlohmann::json;

class ExchangeCli : public store::testing::OnEachBackend {
 protected:
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    us_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    ASSERT_TRUE(us_->ok());
    Run(db_->target(), "admin create-org 'CN authority'");
    Run(us_->target(), "admin create-org 'US authority'");
    cn_key_ = J::parse(Run(db_->target(), "exchange init --authority CN 2>/dev/null"))
                  .value("public_key", "");
    us_key_ = J::parse(Run(us_->target(), "exchange init --authority US 2>/dev/null"))
                  .value("public_key", "");
    Run(db_->target(),
        "exchange peer add --authority US --url http://127.0.0.1:9 --key " + us_key_);
    Run(us_->target(),
        "exchange peer add --authority CN --url http://127.0.0.1:9 --key " + cn_key_);
  }
  // `redirect`: where standard output goes (standard error is returned with the rest).
  std::string Run(const std::string& db, const std::string& args, int want = 0,
                  const std::string& redirect = "") {
    int rc = -1;
    std::string cmd = ChokepointBin() + " " + args + " --db '" + db + "'";
    // Shell() appends 2>&1: a group keeps this command's own redirections.
    if (!redirect.empty()) cmd = "{ " + cmd + " >'" + redirect + "' 2>'" + redirect + ".err'; }";
    std::string out = Shell(cmd, &rc);
    if (!redirect.empty()) out += testing::ReadFile(redirect + ".err");
    EXPECT_EQ(rc, want) << args << ": " << out;
    return out;
  }
  std::unique_ptr<store::testing::TestDatabase> us_;
  std::string cn_key_, us_key_;
};

TEST_P(ExchangeCli, AirGappedRoundTripWithReceiptsCarriedBack) {
  {
    auto cn = Exchange::Open(db_->target());
    ASSERT_TRUE(cn.ok());
    for (int i = 0; i < 3; ++i) {
      RecordDraft d{"lead",
                    {"US"},
                    "amber",
                    nullptr,
                    {{"subjects", {{"emails", {"x" + std::to_string(i) + "@example.test"}}}},
                     {"evidence_summary", "e"}},
                    {}};
      ASSERT_TRUE((*cn)->CreateRecord(d, Json::array(), Json::array()).ok());
    }
  }
  std::string dir = db_->dir();
  Run(db_->target(), "exchange export --to US -o " + dir + "/to-us.jsonl");
  std::string outbox = Run(db_->target(), "exchange outbox --format table");
  EXPECT_NE(outbox.find("pending   US     record"), std::string::npos) << outbox;
  std::string receipts =
      Run(us_->target(), "exchange import " + dir + "/to-us.jsonl", 0, dir + "/receipts.jsonl");
  EXPECT_NE(receipts.find(
                "3 accepted, 0 already held (receipt repeated), 0 receipt(s) stored, 0 rejected"),
            std::string::npos)
      << receipts;
  // Imported twice: nothing new, the same receipts.
  std::string again =
      Run(us_->target(), "exchange import " + dir + "/to-us.jsonl", 0, dir + "/receipts2.jsonl");
  EXPECT_NE(again.find("0 accepted, 3 already held"), std::string::npos) << again;
  EXPECT_EQ(testing::ReadFile(dir + "/receipts.jsonl"),
            testing::ReadFile(dir + "/receipts2.jsonl"));
  // Back on CN: delivery confirmed, nothing left to export.
  std::string back = Run(db_->target(), "exchange import " + dir + "/receipts.jsonl");
  EXPECT_NE(back.find("3 receipt(s) stored, 0 rejected"), std::string::npos) << back;
  std::string left = Run(db_->target(), "exchange export --to US 2>&1");
  EXPECT_NE(left.find("0 envelope(s) for US"), std::string::npos) << left;
  std::string all = Run(db_->target(), "exchange outbox --all");
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 3);
  EXPECT_EQ(all.find("\"pending\""), std::string::npos) << all;
  // A receipt bundle on the wrong node is refused line by line, and nothing changes.
  std::string wrong = Run(us_->target(), "exchange import " + dir + "/receipts.jsonl");
  EXPECT_NE(
      wrong.find(
          "receipts.jsonl:1: receipt rejected (unknown_sender): a receipt from US, who is no peer"),
      std::string::npos)
      << wrong;
  // Indicators from the CLI, as CSV.
  std::string csv = Run(db_->target(), "exchange indicators --format csv");
  EXPECT_NE(csv.find("\nUS,all,sent,0,0,0,0,0,,3,3,0,0,0,0,,0,0,0,0,3,0,\n"), std::string::npos)
      << csv;
}

TEST_P(ExchangeCli, OperatorErrorsAreClear) {
  EXPECT_NE(Run(db_->target(), "exchange init --authority CN", 1)
                .find("this node is already CN (public key " + cn_key_ + ")"),
            std::string::npos);
  EXPECT_NE(
      Run(db_->target(), "exchange peer add --authority JP --url http://x --key AAAA", 2)
          .find("a public key is the standard base64 of 32 bytes (44 characters ending in '=')"),
      std::string::npos);
  EXPECT_NE(
      Run(db_->target(), "exchange peer add --authority US --url http://x --key " + cn_key_, 1)
          .find("peer US is known with another key (" + us_key_ +
                "); pass --replace-key to trust the new one"),
      std::string::npos);
  EXPECT_NE(
      Run(db_->target(), "exchange peer add --authority jp --url http://x --key " + us_key_, 2)
          .find("--authority must be 2 to 32 of A-Z, 0-9, '-', '_', starting with a letter"),
      std::string::npos);
  EXPECT_NE(Run(db_->target(), "exchange export --to JP", 1).find("no peer JP"), std::string::npos);
  std::string table = Run(db_->target(), "exchange peer list --format table");
  EXPECT_NE(table.find("US           " + us_key_ + " http://127.0.0.1:9"), std::string::npos)
      << table;
  std::ofstream(db_->dir() + "/junk.jsonl")
      << "not json\n{\"payload\":\"{}\",\"signature\":\"AAAA\"}\n";
  std::string junk = Run(us_->target(), "exchange import " + db_->dir() + "/junk.jsonl");
  EXPECT_NE(junk.find("junk.jsonl:1: rejected (malformed_envelope): the envelope is not JSON"),
            std::string::npos)
      << junk;
  EXPECT_NE(
      junk.find("0 accepted, 0 already held (receipt repeated), 0 receipt(s) stored, 2 rejected"),
      std::string::npos)
      << junk;
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeCli, store::testing::AllBackends(),
                         store::testing::BackendName);

}  // namespace
}  // namespace chokepoint::exchange
