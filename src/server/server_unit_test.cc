#include <gtest/gtest.h>

#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/requests.h"

namespace chokepoint::server {
namespace {

TEST(RateLimiter, BurstThenRefill) {
  RateLimiter rl;
  auto t0 = RateLimiter::Clock::now();
  double retry = 0;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(rl.Allow(1, 5, t0, &retry));
  EXPECT_FALSE(rl.Allow(1, 5, t0, &retry));
  EXPECT_GT(retry, 0);
  EXPECT_TRUE(rl.Allow(2, 5, t0, &retry)) << "buckets are per token";
  EXPECT_TRUE(rl.Allow(1, 5, t0 + std::chrono::milliseconds(250), &retry));
  EXPECT_TRUE(rl.Allow(1, 0, t0, &retry)) << "0 means unlimited";
}

TEST(Metrics, PrometheusText) {
  Metrics m;
  m.ObserveRequest("POST", "/v1/classify", 200, 0.003);
  m.CountDecision("hold");
  std::string t = m.Render();
  EXPECT_NE(t.find("chokepoint_http_requests_total{method=\"POST\",route=\"/v1/"
                   "classify\",status=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("chokepoint_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/"
                   "classify\",le=\"0.005\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("chokepoint_decisions_total{decision=\"hold\"} 1"), std::string::npos);
  EXPECT_NE(t.find("chokepoint_decisions_total{decision=\"clear\"} 0"), std::string::npos);
}

TEST(Requests, ClassifyNamesTheBadField) {
  ClassifyRequest r;
  EXPECT_EQ(ParseClassifyRequest("{", &r)->code, "malformed_json");
  EXPECT_EQ(ParseClassifyRequest("[]", &r)->code, "bad_body");
  EXPECT_EQ(ParseClassifyRequest(R"({"substances": [1]})", &r)->field, "substances[0]");
  EXPECT_EQ(ParseClassifyRequest(R"({"substance": "x", "at": "2023-02-30"})", &r)->field, "at");
  EXPECT_EQ(ParseClassifyRequest(R"({"substance": "x", "colour": 1})", &r)->field, "colour");
  EXPECT_EQ(ParseClassifyRequest(R"({})", &r)->field, "substance");
  ClassifyRequest ok;
  EXPECT_FALSE(
      ParseClassifyRequest(R"({"substances": ["fentanyl", "CCO"], "jurisdictions": ["us"]})", &ok));
  EXPECT_EQ(ok.substances.size(), 2u);
}

TEST(Requests, ReviewNeedsANote) {
  ReviewRequest r;
  EXPECT_EQ(ParseReviewRequest(R"({"disposition": "release"})", &r)->field, "note");
  EXPECT_EQ(ParseReviewRequest(R"({"disposition": "release", "note": "  "})", &r)->field, "note");
  EXPECT_EQ(ParseReviewRequest(R"({"disposition": "approve", "note": "x"})", &r)->field,
            "disposition");
  EXPECT_FALSE(
      ParseReviewRequest(R"({"disposition": "confirm_hold", "note": "licence missing"})", &r));
}

TEST(Requests, OrderFilter) {
  OrderFilter f;
  EXPECT_EQ(ParseOrderFilter({{"decision", "maybe"}}, &f)->field, "decision");
  EXPECT_EQ(ParseOrderFilter({{"limit", "0"}}, &f)->field, "limit");
  EXPECT_EQ(ParseOrderFilter({{"from", "yesterday"}}, &f)->field, "from");
  EXPECT_EQ(ParseOrderFilter({{"sort", "x"}}, &f)->field, "sort");
  EXPECT_FALSE(ParseOrderFilter({{"status", "open"}, {"limit", "20"}}, &f));
  EXPECT_TRUE(f.open);
  EXPECT_EQ(f.limit, 20);
}

}  // namespace
}  // namespace chokepoint::server
