// A cheap, exact necessary condition for a class core to match: the molecule must hold at
// least as many atoms of each element as the core names explicitly (e.g. 2 N and 1 O for the
// fentanyl core), and at least as many aromatic atoms as the core requires (19 for a
// naphthoylindole). Element counts cost one pass over the atoms; the substructure search they
// avoid costs about half a SMILES parse per molecule on the NCI set (docs/benchmarks.md).
#pragma once

#include <array>
#include <cstdint>

namespace RDKit {
class ROMol;
}

namespace chokepoint::classify {

struct ElementCounts {
  std::array<uint16_t, 128> by_element{};
  unsigned heavy = 0;
  unsigned aromatic = 0;
  static ElementCounts Of(const RDKit::ROMol& mol);
};

class CorePrefilter {
 public:
  CorePrefilter() = default;
  // Derives the requirements from the query atoms of a SMARTS core. Atoms whose query does
  // not pin an element ([a], [*], [C,N], negations) only count toward the heavy-atom minimum.
  explicit CorePrefilter(const RDKit::ROMol& core);

  bool MayMatch(const ElementCounts& counts) const;

 private:
  std::array<uint16_t, 128> required_{};
  unsigned min_heavy_ = 0;
  unsigned min_aromatic_ = 0;
};

}  // namespace chokepoint::classify
