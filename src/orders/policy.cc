#include "orders/policy.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "util/hash.h"
#include "util/yaml.h"

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

std::string At(const std::string& file, const yaml::Node& n) {
  return file + ":" + std::to_string(n.line());
}

Status Fail(const std::string& file, const yaml::Node& n, const std::string& what) {
  return Status::InvalidArgument(At(file, n) + ": " + what, "bad_policy");
}

Result<double> Number(const std::string& file, const yaml::Node& n, const std::string& what) {
  if (!n.IsScalar()) return Fail(file, n, what + " must be a number");
  const std::string& t = n.scalar();
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0') return Fail(file, n, what + " must be a number, got '" + t + "'");
  return v;
}

Status ParseForce(const std::string& file, const yaml::Node& n, RulePolicy& rp) {
  rp.force.clear();
  if (n.IsScalar()) {
    Decision d;
    if (!ParseDecision(n.scalar(), &d))
      return Fail(file, n,
                  "force: unknown decision '" + n.scalar() + "' (expected review, hold or block)");
    rp.force[Severity::kInfo] = d;
    return Status::OK();
  }
  if (!n.IsMap()) return Fail(file, n, "force must be a decision or a map of severity: decision");
  for (const auto& kv : n) {
    Severity s;
    Decision d;
    if (!ParseSeverity(kv.first.scalar(), &s))
      return Fail(file, kv.first,
                  "force: unknown severity '" + kv.first.scalar() +
                      "' (expected info, low, medium, high, critical)");
    if (!ParseDecision(kv.second.scalar(), &d))
      return Fail(
          file, kv.second,
          "force: unknown decision '" + kv.second.scalar() + "' (expected review, hold or block)");
    rp.force[s] = d;
  }
  return Status::OK();
}

}  // namespace

Result<Policy> Policy::Parse(const std::string& text, const std::string& file) {
  Policy p = Defaults();
  auto parsed = yaml::Node::Parse(text);
  if (!parsed.ok()) {
    // "line N: YAML syntax error: ..."
    const std::string& m = parsed.status().message();
    return Status::InvalidArgument(file + ":" + m.substr(5), "bad_policy");
  }
  yaml::Node root = *parsed;
  if (!root.IsMap())
    return Status::InvalidArgument(
        file + ":1: expected a map (name, thresholds, severity_weights, rules)", "bad_policy");
  for (const auto& kv : root) {
    const std::string key = kv.first.scalar();
    const yaml::Node& v = kv.second;
    if (key == "name") {
      p.name = v.scalar();
    } else if (key == "description") {
    } else if (key == "thresholds") {
      if (!v.IsMap()) return Fail(file, v, "thresholds must be a map of review/hold/block: score");
      for (const auto& t : v) {
        auto n = Number(file, t.second, "thresholds." + t.first.scalar());
        if (!n.ok()) return n.status();
        std::string k = t.first.scalar();
        if (k == "review")
          p.review = *n;
        else if (k == "hold")
          p.hold = *n;
        else if (k == "block")
          p.block = *n;
        else
          return Fail(file, t.first,
                      "unknown threshold '" + k + "' (expected review, hold, block)");
      }
      if (!(p.review <= p.hold && p.hold <= p.block))
        return Fail(file, v, "thresholds must satisfy review <= hold <= block");
    } else if (key == "severity_weights") {
      if (!v.IsMap()) return Fail(file, v, "severity_weights must be a map of severity: weight");
      for (const auto& t : v) {
        Severity s;
        if (!ParseSeverity(t.first.scalar(), &s))
          return Fail(file, t.first,
                      "unknown severity '" + t.first.scalar() +
                          "' (expected info, low, medium, high, critical)");
        auto n = Number(file, t.second, "severity_weights." + t.first.scalar());
        if (!n.ok()) return n.status();
        p.severity_weight[s] = *n;
      }
    } else if (key == "rules") {
      if (!v.IsMap()) return Fail(file, v, "rules must be a map of rule id: settings");
      for (const auto& r : v) {
        const std::string id = r.first.scalar();
        auto it = p.rules.find(id);
        if (it == p.rules.end()) return Fail(file, r.first, "unknown rule '" + id + "'");
        RulePolicy& rp = it->second;
        if (r.second.IsNull()) continue;
        if (!r.second.IsMap())
          return Fail(file, r.second, "rule '" + id + "' settings must be a map");
        for (const auto& s : r.second) {
          const std::string sk = s.first.scalar();
          if (sk == "enabled") {
            if (s.second.scalar() == "true")
              rp.enabled = true;
            else if (s.second.scalar() == "false")
              rp.enabled = false;
            else
              return Fail(file, s.second, "enabled must be true or false");
          } else if (sk == "weight") {
            auto n = Number(file, s.second, id + ".weight");
            if (!n.ok()) return n.status();
            rp.weight = *n;
          } else if (sk == "force") {
            CP_RETURN_IF_ERROR(ParseForce(file, s.second, rp));
          } else if (sk == "params") {
            if (!s.second.IsMap()) return Fail(file, s.second, id + ".params must be a map");
            for (const auto& pr : s.second) {
              const std::string pk = pr.first.scalar();
              if (!rp.params.count(pk)) {
                std::string known;
                for (const auto& [k, _] : rp.params) known += (known.empty() ? "" : ", ") + k;
                return Fail(file, pr.first,
                            "rule '" + id + "' has no parameter '" + pk + "'" +
                                (known.empty() ? " (it takes none)" : " (known: " + known + ")"));
              }
              auto n = Number(file, pr.second, id + ".params." + pk);
              if (!n.ok()) return n.status();
              rp.params[pk] = *n;
            }
          } else if (sk == "note" || sk == "description") {
          } else {
            return Fail(file, s.first,
                        "unknown setting '" + sk + "' for rule '" + id +
                            "' (expected enabled, weight, force, params, note)");
          }
        }
      }
    } else {
      return Fail(file, kv.first,
                  "unknown key '" + key +
                      "' (expected name, description, thresholds, severity_weights, rules)");
    }
  }
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
