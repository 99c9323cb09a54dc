#include "orders/policy.h"

#include <gtest/gtest.h>

namespace chokepoint::orders {
namespace {

Reason R(const std::string& rule, Severity s, int item = -1) {
  return Reason{rule, s, "src", "why", item, ""};
}

TEST(Policy, DefaultFileLoads) {
  auto p = Policy::Load("data/policy/default.yaml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->rules.size(), AllRules().size());
  EXPECT_EQ(p->version.substr(0, 8), "default@");
}

TEST(Policy, ScoreBandsAndForces) {
  auto p = Policy::Parse(R"(
name: t
thresholds: {review: 20, hold: 60, block: 150}
rules:
  sanctioned_party: {force: {critical: block, high: hold}}
  listed_chemical: {weight: 10}
)",
                         "t.yaml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(Decide(*p, {}).decision, Decision::kClear);
  EXPECT_EQ(Decide(*p, {R("listed_chemical", Severity::kMedium)}).decision, Decision::kClear);
  auto d =
      Decide(*p, {R("listed_chemical", Severity::kMedium), R("payment_method", Severity::kMedium)});
  EXPECT_EQ(d.score, 30);
  EXPECT_EQ(d.decision, Decision::kReview);
  d = Decide(*p, {R("listed_chemical", Severity::kMedium), R("sanctioned_party", Severity::kHigh)});
  EXPECT_EQ(d.decision, Decision::kHold);
  EXPECT_EQ(d.forced_by, "sanctioned_party");
  EXPECT_EQ(d.reasons[0].rule, "sanctioned_party");  // most severe first
  EXPECT_EQ(Decide(*p, {R("sanctioned_party", Severity::kCritical)}).decision, Decision::kBlock);
}

TEST(Policy, EachRuleCountsOnce) {
  Policy p = Policy::Defaults();
  auto d = Decide(
      p, {R("listed_chemical", Severity::kMedium, 0), R("listed_chemical", Severity::kMedium, 1)});
  EXPECT_EQ(d.score, 20);
  EXPECT_EQ(d.reasons.size(), 2u);
}

TEST(Policy, ErrorsSayFileAndLine) {
  auto bad = Policy::Parse("rules:\n  no_such_rule: {weight: 1}\n", "p.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "p.yaml:2: unknown rule 'no_such_rule'");
  bad = Policy::Parse("rules:\n  unusual_size:\n    params: {zz: 1}\n", "p.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(
      bad.status().message().find("p.yaml:3: rule 'unusual_size' has no parameter 'zz' (known: "),
      std::string::npos);
  bad = Policy::Parse("thresholds: {review: 50, hold: 10}\n", "p.yaml");
  ASSERT_FALSE(bad.ok());
  bad = Policy::Parse("rules:\n  pill_press: {force: maybe}\n", "p.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown decision 'maybe'"), std::string::npos);
}

// A reviewer fixing a policy file sees every problem at once, each with its line.
TEST(Policy, EveryProblemIsReported) {
  auto bad = Policy::Parse(
      "rules:\n  pill_press: {force: maybe, weight: q}\n  no_such_rule: {}\nextra: 1\n", "p.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "p.yaml:2: force: unknown decision 'maybe' (expected review, hold or block)\n"
            "p.yaml:2: pill_press.weight must be a number, got 'q'\n"
            "p.yaml:3: unknown rule 'no_such_rule'\n"
            "p.yaml:4: unknown key 'extra' (expected name, description, thresholds, "
            "severity_weights, rules)");
}

TEST(Policy, DisabledRulesDropOut) {
  auto p = Policy::Parse("rules:\n  listed_chemical: {enabled: false}\n", "p.yaml");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(Decide(*p, {R("listed_chemical", Severity::kMedium)}).reasons.empty());
}

}  // namespace
}  // namespace chokepoint::orders
