// The red-flag rule interface. Each rule is one small class in src/orders/redflags/<id>.cc,
// registered in rules/registry.cc, with its own test beside it.
//
// A rule reads the order, its Evaluation (item statuses, party hits) and, when it declares
// `uses_history`, the customer History as it stood before this order; it appends zero or
// more Reasons. Rules are stateless and thread-safe; history rules run in input order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "orders/evaluation.h"
#include "orders/order.h"

namespace chokepoint::orders {

class History;

enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
const char* SeverityName(Severity s);
bool ParseSeverity(const std::string& s, Severity* out);

struct Reason {
  std::string rule;  //!< rule id ("sanctioned_party")
  Severity severity = Severity::kMedium;
  std::string source;       //!< the rule, regulation or advisory it implements
  std::string explanation;  //!< what in this order triggered it
  int item = -1;            //!< the item it concerns, or -1
  std::string party_role;   //!< the party it concerns, or ""
};

// Parameters of a rule: the rule's defaults overridden by the policy file.
using RuleParams = std::map<std::string, double>;

struct RuleInfo {
  std::string id;
  std::string source;   //!< citation printed in every reason
  std::string summary;  //!< one line for docs and `--help`
  bool uses_history = false;
  RuleParams defaults;  //!< every parameter the rule reads, with its default
};

struct RuleContext {
  const Order& order;
  const Evaluation& eval;
  const History* history = nullptr;  //!< non-null for rules with uses_history
  const RuleParams& params;
  int day = 0;  //!< the order's date as a day number (history.h)

  double param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? 0 : it->second;
  }
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const = 0;

 protected:
  Reason Make(Severity severity, std::string explanation, int item = -1,
              std::string role = "") const {
    return Reason{info().id, severity,       info().source, std::move(explanation),
                  item,      std::move(role)};
  }
};

// Every registered rule, in registration order (rules/registry.cc).
const std::vector<const Rule*>& AllRules();
const Rule* FindRule(const std::string& id);

}  // namespace chokepoint::orders
