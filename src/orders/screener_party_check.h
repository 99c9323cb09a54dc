// PartyChecker over the real counterparty screener (parties::Screener) and its lists.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "orders/party_check.h"
#include "util/status.h"

namespace chokepoint::orders {

struct PartyListOptions {
  std::vector<std::string> lists;  //!< list files or folders (as `parties screen --list`)
  std::string store_dir;           //!< imported lists, used when `lists` is empty
  double threshold = 0.85;         //!< minimum match score reported (parties::ScreenOptions)
};

// Loads the lists and builds the screener. Returns a null checker (parties are then not
// screened, and every decision says so) when no list is given and none was imported.
// Row problems of a list are returned in *problems ("file:line: reason").
Result<std::shared_ptr<const PartyChecker>> LoadPartyChecker(const PartyListOptions& options,
                                                             std::vector<std::string>* problems);

}  // namespace chokepoint::orders
