#include "orders/policy.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "util/hash.h"
#include "util/strings.h"
#include "util/yaml.h"
#include "util/yaml_reader.h"

namespace chokepoint::orders {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "info";
}

bool ParseSeverity(const std::string& s, Severity* out) {
  for (Severity v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (s == SeverityName(v)) {
      *out = v;
      return true;
    }
  }
  return false;
}

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kClear:
      return "clear";
    case Decision::kReview:
      return "review";
    case Decision::kHold:
      return "hold";
    case Decision::kBlock:
      return "block";
  }
  return "clear";
}

bool ParseDecision(const std::string& s, Decision* out) {
  for (Decision v : {Decision::kClear, Decision::kReview, Decision::kHold, Decision::kBlock}) {
    if (s == DecisionName(v)) {
      *out = v;
      return true;
    }
  }
  return false;
}

Policy Policy::Defaults() {
  Policy p;
  for (const Rule* r : AllRules()) p.rules[r->info().id].params = r->info().defaults;
  p.version = "builtin";
  return p;
}

const RulePolicy& Policy::rule(const std::string& id) const {
  static const RulePolicy kNone;
  auto it = rules.find(id);
  return it == rules.end() ? kNone : it->second;
}

double Policy::Weight(const Reason& r) const {
  const RulePolicy& rp = rule(r.rule);
  if (rp.weight) return *rp.weight;
  auto it = severity_weight.find(r.severity);
  return it == severity_weight.end() ? 0 : it->second;
}

namespace {

// Reads a policy file's settings into a Policy, collecting every problem as "file:line: what"
// (util/yaml_reader.h) so that a reviewer sees all of them at once.
class PolicyReader {
 public:
  explicit PolicyReader(const std::string& file) { reader_.SetFile(file); }

  void Read(const yaml::Node& root, Policy& p) {
    for (const auto& kv : root) {
      const std::string key = kv.first.scalar();
      const yaml::Node& v = kv.second;
      if (key == "name")
        p.name = v.scalar();
      else if (key == "description")
        continue;
      else if (key == "thresholds")
        Thresholds(v, p);
      else if (key == "severity_weights")
        SeverityWeights(v, p);
      else if (key == "rules")
        Rules(v, p);
      else
        Error(kv.first, "unknown key '" + key +
                            "' (expected name, description, thresholds, severity_weights, rules)");
    }
  }

  const std::vector<std::string>& errors() const { return reader_.errors(); }

 private:
  void Error(const yaml::Node& n, const std::string& what) { reader_.Error(n.line(), what); }

  std::optional<double> Number(const yaml::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      Error(n, what + " must be a number");
      return std::nullopt;
    }
    const std::string& t = n.scalar();
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0') {
      Error(n, what + " must be a number, got '" + t + "'");
      return std::nullopt;
    }
    return v;
  }

  void Thresholds(const yaml::Node& v, Policy& p) {
    if (!v.IsMap()) return Error(v, "thresholds must be a map of review/hold/block: score");
    for (const auto& t : v) {
      std::string k = t.first.scalar();
      double* target = k == "review"  ? &p.review
                       : k == "hold"  ? &p.hold
                       : k == "block" ? &p.block
                                      : nullptr;
      if (!target) {
        Error(t.first, "unknown threshold '" + k + "' (expected review, hold, block)");
        continue;
      }
      if (auto n = Number(t.second, "thresholds." + k)) *target = *n;
    }
    if (!(p.review <= p.hold && p.hold <= p.block))
      Error(v, "thresholds must satisfy review <= hold <= block");
  }

  void SeverityWeights(const yaml::Node& v, Policy& p) {
    if (!v.IsMap()) return Error(v, "severity_weights must be a map of severity: weight");
    for (const auto& t : v) {
      Severity s;
      if (!ParseSeverity(t.first.scalar(), &s)) {
        Error(t.first, "unknown severity '" + t.first.scalar() +
                           "' (expected info, low, medium, high, critical)");
        continue;
      }
      if (auto n = Number(t.second, "severity_weights." + t.first.scalar()))
        p.severity_weight[s] = *n;
    }
  }

  void Rules(const yaml::Node& v, Policy& p) {
    if (!v.IsMap()) return Error(v, "rules must be a map of rule id: settings");
    for (const auto& r : v) {
      const std::string id = r.first.scalar();
      auto it = p.rules.find(id);
      if (it == p.rules.end()) {
        Error(r.first, "unknown rule '" + id + "'");
        continue;
      }
      if (r.second.IsNull()) continue;
      if (!r.second.IsMap()) {
        Error(r.second, "rule '" + id + "' settings must be a map");
        continue;
      }
      for (const auto& setting : r.second)
        RuleSetting(id, setting.first, setting.second, it->second);
    }
  }

  void RuleSetting(const std::string& id, const yaml::Node& key, const yaml::Node& v,
                   RulePolicy& rp) {
    const std::string sk = key.scalar();
    if (sk == "enabled") {
      if (v.scalar() == "true" || v.scalar() == "false")
        rp.enabled = v.scalar() == "true";
      else
        Error(v, "enabled must be true or false");
    } else if (sk == "weight") {
      if (auto n = Number(v, id + ".weight")) rp.weight = *n;
    } else if (sk == "force") {
      Force(v, rp);
    } else if (sk == "params") {
      Params(id, v, rp);
    } else if (sk != "note" && sk != "description") {
      Error(key, "unknown setting '" + sk + "' for rule '" + id +
                     "' (expected enabled, weight, force, params, note)");
    }
  }

  void Params(const std::string& id, const yaml::Node& v, RulePolicy& rp) {
    if (!v.IsMap()) return Error(v, id + ".params must be a map");
    for (const auto& pr : v) {
      const std::string pk = pr.first.scalar();
      if (!rp.params.count(pk)) {
        std::string known;
        for (const auto& [k, _] : rp.params) known += (known.empty() ? "" : ", ") + k;
        Error(pr.first, "rule '" + id + "' has no parameter '" + pk + "'" +
                            (known.empty() ? " (it takes none)" : " (known: " + known + ")"));
        continue;
      }
      if (auto n = Number(pr.second, id + ".params." + pk)) rp.params[pk] = *n;
    }
  }

  void Force(const yaml::Node& n, RulePolicy& rp) {
    rp.force.clear();
    Decision d;
    if (n.IsScalar()) {
      if (!ParseDecision(n.scalar(), &d))
        return Error(
            n, "force: unknown decision '" + n.scalar() + "' (expected review, hold or block)");
      rp.force[Severity::kInfo] = d;
      return;
    }
    if (!n.IsMap()) return Error(n, "force must be a decision or a map of severity: decision");
    for (const auto& kv : n) {
      Severity s;
      if (!ParseSeverity(kv.first.scalar(), &s)) {
        Error(kv.first, "force: unknown severity '" + kv.first.scalar() +
                            "' (expected info, low, medium, high, critical)");
      } else if (!ParseDecision(kv.second.scalar(), &d)) {
        Error(kv.second, "force: unknown decision '" + kv.second.scalar() +
                             "' (expected review, hold or block)");
      } else {
        rp.force[s] = d;
      }
    }
  }

  YamlReader reader_;
};

}  // namespace

Result<Policy> Policy::Parse(const std::string& text, const std::string& file) {
  Policy p = Defaults();
  auto parsed = yaml::Node::Parse(text);
  if (!parsed.ok()) {
    // "line N: YAML syntax error: ..."
    const std::string& m = parsed.status().message();
    return Status::InvalidArgument(file + ":" + m.substr(5), "bad_policy");
  }
  if (!parsed->IsMap())
    return Status::InvalidArgument(
        file + ":1: expected a map (name, thresholds, severity_weights, rules)", "bad_policy");
  PolicyReader reader(file);
  reader.Read(*parsed, p);
  if (!reader.errors().empty())
    return Status::InvalidArgument(Join(reader.errors(), "\n"), "bad_policy");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08llx",
                static_cast<unsigned long long>(Fnv1a(text) & 0xffffffffu));
  p.version = p.name + "@" + buf;
  return p;
}

Result<Policy> Policy::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open policy file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

DecisionResult Decide(const Policy& policy, std::vector<Reason> reasons) {
  DecisionResult out;
  // Drop reasons of disabled rules.
  reasons.erase(std::remove_if(reasons.begin(), reasons.end(),
                               [&](const Reason& r) { return !policy.rule(r.rule).enabled; }),
                reasons.end());
  std::stable_sort(reasons.begin(), reasons.end(), [&](const Reason& a, const Reason& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    double wa = policy.Weight(a), wb = policy.Weight(b);
    if (wa != wb) return wa > wb;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.item != b.item) return a.item < b.item;
    if (a.party_role != b.party_role) return a.party_role < b.party_role;
    return a.explanation < b.explanation;
  });
  // Score: each rule counts once, with its heaviest reason (sorted first).
  std::map<std::string, bool> counted;
  for (const Reason& r : reasons) {
    if (counted[r.rule]) continue;
    counted[r.rule] = true;
    out.score += policy.Weight(r);
  }
  Decision d = Decision::kClear;
  if (out.score >= policy.block)
    d = Decision::kBlock;
  else if (out.score >= policy.hold)
    d = Decision::kHold;
  else if (out.score >= policy.review && out.score > 0)
    d = Decision::kReview;
  for (const Reason& r : reasons) {
    const RulePolicy& rp = policy.rule(r.rule);
    for (const auto& [sev, forced] : rp.force) {
      if (r.severity >= sev && forced > d) {
        d = forced;
        out.forced_by = r.rule;
      }
    }
  }
  out.decision = d;
  out.reasons = std::move(reasons);
  return out;
}

}  // namespace chokepoint::orders
