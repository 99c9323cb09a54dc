#include "parties/list_set.h"

namespace chokepoint::parties {

Status ListSet::Add(LoadedList list) {
  for (const auto& l : lists_) {
    if (l.info.name == list.info.name) {
      return Status::FailedPrecondition("list '" + list.info.name + "' is loaded twice (from " +
                                            l.info.source + " and " + list.info.source + ")",
                                        "duplicate_list");
    }
  }
  lists_.push_back(std::move(list));
  return Status::OK();
}

size_t ListSet::entity_count() const {
  size_t n = 0;
  for (const auto& l : lists_) n += l.entities.size();
  return n;
}

}  // namespace chokepoint::parties
