// A set of loaded screening lists: what a Screener is built from.
#pragma once

#include <string>
#include <vector>

#include "parties/entity.h"
#include "util/status.h"

namespace chokepoint::parties {

class ListSet {
 public:
  // Adds a list; fails (FailedPrecondition) when a list with the same name is already present.
  Status Add(LoadedList list);
  const std::vector<LoadedList>& lists() const { return lists_; }
  size_t entity_count() const;

 private:
  std::vector<LoadedList> lists_;
};

}  // namespace chokepoint::parties
