#include "classify/core_prefilter.h"

#include <GraphMol/QueryAtom.h>
#include <GraphMol/QueryOps.h>
#include <GraphMol/RDKitBase.h>

namespace chokepoint::classify {
namespace {

// The element an atom query requires, or 0. Only AND-combinations and plain element/type
// primitives pin an element; anything else (OR, negation, recursion) requires nothing.
int RequiredElement(const RDKit::QueryAtom::QUERYATOM_QUERY* q) {
  if (!q || q->getNegation()) return 0;
  const std::string& d = q->getDescription();
  if (d == "AtomAtomicNum" || d == "AtomType") {
    const auto* eq = dynamic_cast<const RDKit::ATOM_EQUALS_QUERY*>(q);
    if (!eq) return 0;
    int v = eq->getVal();
    return d == "AtomType" ? RDKit::getAtomTypeAtomicNum(v) : v;
  }
  if (d == "AtomAnd") {
    for (auto it = q->beginChildren(); it != q->endChildren(); ++it) {
      if (int z = RequiredElement(it->get())) return z;
    }
  }
  return 0;
}

// True when the atom query requires an aromatic atom ('c', 'n', 'a', or an AND containing one).
bool RequiresAromatic(const RDKit::QueryAtom::QUERYATOM_QUERY* q) {
  if (!q || q->getNegation()) return false;
  const std::string& d = q->getDescription();
  if (d == "AtomIsAromatic") return true;
  if (d == "AtomType") {
    const auto* eq = dynamic_cast<const RDKit::ATOM_EQUALS_QUERY*>(q);
    return eq && RDKit::getAtomTypeIsAromatic(eq->getVal());
  }
  if (d == "AtomAnd") {
    for (auto it = q->beginChildren(); it != q->endChildren(); ++it)
      if (RequiresAromatic(it->get())) return true;
  }
  return false;
}

}  // namespace

ElementCounts ElementCounts::Of(const RDKit::ROMol& mol) {
  ElementCounts c;
  for (const auto* a : mol.atoms()) {
    unsigned z = a->getAtomicNum();
    if (z > 1 && z < c.by_element.size()) {
      ++c.by_element[z];
      ++c.heavy;
    }
    c.aromatic += a->getIsAromatic();
  }
  return c;
}

CorePrefilter::CorePrefilter(const RDKit::ROMol& core) {
  for (const auto* a : core.atoms()) {
    ++min_heavy_;
    int z = 0;
    if (a->hasQuery()) {
      const auto* q = static_cast<const RDKit::QueryAtom*>(a)->getQuery();
      z = RequiredElement(q);
      min_aromatic_ += RequiresAromatic(q);
    } else {
      z = a->getAtomicNum();
    }
    if (z > 1 && z < static_cast<int>(required_.size())) ++required_[z];
  }
}

bool CorePrefilter::MayMatch(const ElementCounts& counts) const {
  if (counts.heavy < min_heavy_ || counts.aromatic < min_aromatic_) return false;
  for (size_t z = 0; z < required_.size(); ++z) {
    if (counts.by_element[z] < required_[z]) return false;
  }
  return true;
}

}  // namespace chokepoint::classify
