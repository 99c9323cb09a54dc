// The narrow interface the order rules need from counterparty screening.
//
// Production code implements it over parties::Screener (screener_party_check.h); unit tests
// of individual red-flag rules may use a hand-written fake. Golden and end-to-end tests use
// the real lists.
#pragma once

#include <string>
#include <vector>

#include "orders/order.h"

namespace chokepoint::orders {

// One list entry a party matched.
struct PartyHit {
  std::string list;          //!< "ofac_sdn", "csl", "un", "bis_dpl" or a custom list name
  std::string entity_id;     //!< the list's own id
  std::string name;          //!< primary name on the list
  std::string matched_name;  //!< the name or alias that matched
  double score = 0;          //!< [0, 1]; 1.0 for an identifier match
  std::vector<std::string> programs;
  std::string explanation;  //!< one sentence for people
};

struct PartyCheckResult {
  std::vector<PartyHit> hits;  //!< best first
  std::string note;            //!< why the party could not be screened, if it could not
};

// Thread-safe: Check() is called from several threads at once.
class PartyChecker {
 public:
  virtual ~PartyChecker() = default;
  virtual PartyCheckResult Check(const Party& party) const = 0;
  // "ofac_sdn (2021-07-01, 8976 entities), csl (…)" for summaries and reports.
  virtual std::string Describe() const = 0;
  virtual size_t list_count() const = 0;
};

}  // namespace chokepoint::orders
