// A cheap necessary condition for a SMARTS match: the molecule must hold at least as many atoms of
// each element as the query names explicitly (N, [#7], c ...). Counting elements is a single pass
// over the atoms, against tens of microseconds for a failing SubstructMatch of a large pattern, so
// the flag stages test this first (DESIGN.md: match only what can match).
#pragma once

#include <array>
#include <cstdint>

namespace RDKit {
class ROMol;
}

namespace chokepoint::flags {

struct ElementCounts {
  std::array<uint16_t, 64> by_z{};  //!< heavy atoms by atomic number (>= 63 pooled in 63)
  unsigned heavy = 0;
  static ElementCounts Of(const RDKit::ROMol& mol);
};

class ElementFloor {
 public:
  ElementFloor() = default;
  explicit ElementFloor(const RDKit::ROMol& query);
  bool MayMatch(const ElementCounts& c) const;

 private:
  std::array<uint16_t, 64> min_{};
  unsigned min_heavy_ = 0;
};

}  // namespace chokepoint::flags
