#include "flags/element_floor.h"

#include <GraphMol/QueryAtom.h>
#include <GraphMol/QueryOps.h>
#include <GraphMol/RDKitBase.h>

#include <algorithm>

namespace chokepoint::flags {

ElementCounts ElementCounts::Of(const RDKit::ROMol& mol) {
  ElementCounts c;
  for (const auto* a : mol.atoms()) {
    unsigned z = a->getAtomicNum();
    if (z <= 1) continue;
    ++c.by_z[std::min(z, 63u)];
    ++c.heavy;
  }
  return c;
}

namespace {

// The element a query atom requires, or 0 when it allows several (or any). Only the plain forms
// count: an atomic-number query, possibly AND-ed with other conditions ([#7;R], [NX3;H1], c).
int RequiredElement(const RDKit::Atom* atom) {
  if (!atom->hasQuery()) return atom->getAtomicNum();
  const auto* q = static_cast<const RDKit::QueryAtom*>(atom)->getQuery();
  std::vector<const RDKit::QueryAtom::QUERYATOM_QUERY*> stack{q};
  while (!stack.empty()) {
    const auto* n = stack.back();
    stack.pop_back();
    const std::string& d = n->getDescription();
    if (n->getNegation()) continue;
    if (d == "AtomAtomicNum" || d == "AtomType") {
      int v = static_cast<const RDKit::ATOM_EQUALS_QUERY*>(n)->getVal();
      // AtomType encodes aromatic atoms as atomic number + 1000.
      return v >= 1000 ? v - 1000 : v;
    }
    if (d == "AtomAnd") {
      for (auto it = n->beginChildren(); it != n->endChildren(); ++it) stack.push_back(it->get());
    }
  }
  return 0;
}

}  // namespace

ElementFloor::ElementFloor(const RDKit::ROMol& query) {
  for (const auto* a : query.atoms()) {
    int z = RequiredElement(a);
    if (z == 1) continue;
    ++min_heavy_;
    if (z > 1) ++min_[std::min(z, 63)];
  }
}

bool ElementFloor::MayMatch(const ElementCounts& c) const {
  if (c.heavy < min_heavy_) return false;
  for (size_t z = 2; z < min_.size(); ++z)
    if (c.by_z[z] < min_[z]) return false;
  return true;
}

}  // namespace chokepoint::flags
