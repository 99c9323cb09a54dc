// The decision policy: how reasons become clear / review / hold / block.
//
// A YAML file (data/policy/default.yaml, documented in docs/orders.md "Policy"):
//   score      = Σ over reasons of the rule's `weight`, or the severity weight when the rule
//                sets none (each rule counts once per order: its heaviest reason)
//   decision   = the most severe of: the score band (review / hold / block thresholds) and
//                every `force` of a rule that fired (optionally only at or above a severity)
// Deterministic: reasons are sorted most severe first, then by weight, rule id, item, text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "orders/rule.h"
#include "util/status.h"

namespace chokepoint::orders {

enum class Decision { kClear = 0, kReview = 1, kHold = 2, kBlock = 3 };
const char* DecisionName(Decision d);
bool ParseDecision(const std::string& s, Decision* out);

struct RulePolicy {
  bool enabled = true;
  std::optional<double> weight;  //!< overrides the severity weight
  // Decision forced when the rule fires with at least this severity: severity -> decision.
  // `force: hold` is stored as {kInfo: hold}.
  std::map<Severity, Decision> force;
  RuleParams params;  //!< the rule's defaults with the file's overrides
};

struct Policy {
  std::string name = "default";
  std::string version;  //!< "name@" + content hash, recorded with every stored decision
  double review = 20;   //!< score at or above: review
  double hold = 60;     //!< score at or above: hold
  double block = 150;   //!< score at or above: block
  std::map<Severity, double> severity_weight = {{Severity::kInfo, 0},
                                                {Severity::kLow, 5},
                                                {Severity::kMedium, 20},
                                                {Severity::kHigh, 40},
                                                {Severity::kCritical, 100}};
  std::map<std::string, RulePolicy> rules;  //!< every registered rule has an entry

  // Built-in defaults: every rule enabled with its default parameters, no forces.
  static Policy Defaults();
  // Loads a policy file over the defaults. Errors are "file:line: what" (unknown rule id,
  // unknown parameter, bad decision or severity name, thresholds out of order).
  static Result<Policy> Load(const std::string& path);
  static Result<Policy> Parse(const std::string& yaml_text, const std::string& file_name);

  const RulePolicy& rule(const std::string& id) const;
  double Weight(const Reason& r) const;
};

struct DecisionResult {
  Decision decision = Decision::kClear;
  double score = 0;
  std::vector<Reason> reasons;  //!< sorted, most severe first
  std::string forced_by;        //!< rule id whose force set the decision, if any
};

// Sorts `reasons` and applies the policy.
DecisionResult Decide(const Policy& policy, std::vector<Reason> reasons);

}  // namespace chokepoint::orders
