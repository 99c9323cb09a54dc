// A classify request may not hold a worker: past its time budget a lone substance is answered
// 422 too_complex and a batch with substances left over 503 (with Retry-After). A budget of
// one microsecond has always run out by the first check, after parsing, so the outcome does not
// depend on the machine's speed.
#include "api_fixture.h"

namespace chokepoint::server::testing {
namespace {

class TimeBudget : public ::testing::Test {
 protected:
  void SetUp() override {
    TestServer::Config cfg;
    cfg.request_budget = std::chrono::microseconds(1);
    srv_ = std::make_unique<TestServer>(cfg);
    srv_->CreateOrg("Acme");
    token_ = srv_->CreateToken("Acme", access::Role::kScreener).token;
  }
  std::unique_ptr<TestServer> srv_;
  std::string token_;
};

TEST_F(TimeBudget, ALoneSubstanceOverItsBudgetIs422TooComplex) {
  Response r = srv_->Post("/v1/classify",
                          R"({"substance": "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"})", token_);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.json().value("code", ""), "too_complex") << r.body;
}

TEST_F(TimeBudget, ABatchOutOfTimeIs503WithRetryAfter) {
  Response r = srv_->Post("/v1/classify", R"({"substances": ["CCO", "CCN", "CCC"]})", token_);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "time_budget_exceeded") << r.body;
  EXPECT_EQ(r.header("Retry-After"), "1");
}

TEST(TimeBudgetDefault, AnOrdinaryRequestIsAnswered) {
  TestServer srv;  // the default budget (2 s)
  srv.CreateOrg("Acme");
  auto t = srv.CreateToken("Acme", access::Role::kScreener);
  Response r = srv.Post("/v1/classify", R"({"substances": ["CCO", "fentanyl"]})", t.token);
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace chokepoint::server::testing
