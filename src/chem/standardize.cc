#include "chem/standardize.h"

#include <GraphMol/MolOps.h>
#include <GraphMol/RDKitBase.h>

#include <algorithm>
#include <map>

namespace chokepoint::chem {
namespace {

bool HasOppositeNeighbor(const RDKit::Atom& atom, int sign) {
  for (const auto* nbr : atom.getOwningMol().atomNeighbors(&atom)) {
    if (nbr->getFormalCharge() * sign > 0) return true;
  }
  return false;
}

int CountCarbons(const RDKit::ROMol& mol) {
  int n = 0;
  for (const auto* a : mol.atoms()) n += a->getAtomicNum() == 6;
  return n;
}

struct Component {
  RDKit::ROMOL_SPTR mol;
  std::string smiles;
  const KnownFragment* known = nullptr;
  int heavy = 0;
  int carbons = 0;
  bool water = false;
};

}  // namespace

bool Neutralize(RDKit::RWMol& mol) {
  bool changed = false;
  for (auto* atom : mol.atoms()) {
    int q = atom->getFormalCharge();
    if (q == 0) continue;
    if (q > 0) {
      // Protonated bases: remove the proton. Quaternary centres (no H) keep their charge.
      unsigned h = atom->getTotalNumHs();
      if (h == 0 || HasOppositeNeighbor(*atom, -1)) continue;
      atom->setFormalCharge(q - 1);
      atom->setNoImplicit(true);
      atom->setNumExplicitHs(h - 1);
      changed = true;
    } else {
      // Deprotonated acids: add the proton back, unless the charge is part of a
      // zwitterionic group such as nitro or an N-oxide.
      if (HasOppositeNeighbor(*atom, +1)) continue;
      int z = atom->getAtomicNum();
      bool halide = z == 9 || z == 17 || z == 35 || z == 53;
      if (z != 8 && z != 16 && z != 7 && z != 6 && z != 15 && !halide) continue;
      atom->setFormalCharge(q + 1);
      atom->setNoImplicit(true);
      atom->setNumExplicitHs(atom->getTotalNumHs() + 1);
      changed = true;
    }
  }
  if (changed) {
    mol.updatePropertyCache(false);
    RDKit::MolOps::sanitizeMol(mol);
  }
  return changed;
}

int DehydrateGemDiols(RDKit::RWMol& mol) {
  int removed = 0;
  bool again = true;
  while (again) {
    again = false;
    for (auto* c : mol.atoms()) {
      if (c->getAtomicNum() != 6 || c->getHybridization() != RDKit::Atom::SP3) continue;
      std::vector<unsigned> hydroxyls;
      for (const auto* n : mol.atomNeighbors(c)) {
        if (n->getAtomicNum() == 8 && n->getDegree() == 1 && n->getTotalNumHs() == 1 &&
            n->getFormalCharge() == 0)
          hydroxyls.push_back(n->getIdx());
      }
      if (hydroxyls.size() != 2) continue;
      mol.getBondBetweenAtoms(c->getIdx(), hydroxyls[0])->setBondType(RDKit::Bond::DOUBLE);
      auto* o = mol.getAtomWithIdx(hydroxyls[0]);
      o->setNoImplicit(false);
      o->setNumExplicitHs(0);
      mol.removeAtom(hydroxyls[1]);
      ++removed;
      again = true;
      break;
    }
  }
  if (removed) RDKit::MolOps::sanitizeMol(mol);
  return removed;
}

namespace {

// Applies the single-molecule steps to the chosen parent and records what they removed.
void FinishParent(RDKit::RWMol& parent, Standardized& out) {
  if (int water = DehydrateGemDiols(parent)) {
    out.removed.push_back(RemovedFragment{"O", "water", "hydrate", water});
  }
}

bool MayHaveGemDiol(const RDKit::ROMol& mol) {
  int o = 0;
  for (const auto* a : mol.atoms()) o += a->getAtomicNum() == 8 && a->getDegree() == 1;
  return o >= 2;
}

}  // namespace

std::string StandardizerStamp() {
  return std::string("standardize ") + __DATE__ + " " + __TIME__ + "; " + ParserStamp();
}

Result<Standardized> Standardize(MolPtr mol, const KnownFragments* known) {
  Standardized out;
  try {
    std::vector<int> mapping;
    unsigned nfrags = RDKit::MolOps::getMolFrags(*mol, mapping);
    if (nfrags <= 1) {
      out.neutralized = Neutralize(*mol);
      if (MayHaveGemDiol(*mol)) FinishParent(*mol, out);
      out.parent = std::move(mol);
      return out;
    }
    std::vector<Component> comps;
    // Fragments are sanitized here, not inside getMolFrags, which leaks when sanitizing throws.
    for (auto& frag : RDKit::MolOps::getMolFrags(*mol, /*sanitizeFrags=*/false)) {
      Component c;
      RDKit::RWMol neutral(*frag);
      try {
        RDKit::MolOps::sanitizeMol(neutral);
      } catch (const std::exception&) {
        neutral.updatePropertyCache(false);
        RDKit::MolOps::findSSSR(neutral);
      }
      Neutralize(neutral);
      c.mol = RDKit::ROMOL_SPTR(new RDKit::ROMol(neutral));
      c.smiles = CanonicalSmiles(*c.mol);
      c.heavy = static_cast<int>(c.mol->getNumHeavyAtoms());
      c.carbons = CountCarbons(*c.mol);
      c.water = c.smiles == "O";
      if (known) {
        auto it = known->find(c.smiles);
        if (it != known->end()) c.known = &it->second;
      }
      comps.push_back(std::move(c));
    }
    // The parent is the largest organic component that is not a known counter-ion or solvent;
    // ties break on carbon count, then on SMILES so the choice is deterministic.
    auto removable = [](const Component& c) {
      return c.water || c.carbons == 0 ||
             (c.known && (c.known->role == "counterion" || c.known->role == "solvent"));
    };
    auto better = [](const Component& a, const Component& b) {
      if (a.heavy != b.heavy) return a.heavy > b.heavy;
      if (a.carbons != b.carbons) return a.carbons > b.carbons;
      return a.smiles < b.smiles;
    };
    const Component* parent = nullptr;
    for (const auto& c : comps) {
      if (removable(c)) continue;
      if (!parent || better(c, *parent)) parent = &c;
    }
    if (!parent) {  // everything is a counter-ion or solvent: keep the largest
      for (const auto& c : comps)
        if (!parent || better(c, *parent)) parent = &c;
    }
    std::map<std::string, size_t> index;  // smiles -> position in out.removed
    for (const auto& c : comps) {
      if (c.smiles == parent->smiles) continue;
      if (!removable(c)) {
        if (std::find(out.other_components.begin(), out.other_components.end(), c.smiles) ==
            out.other_components.end())
          out.other_components.push_back(c.smiles);
      }
      auto it = index.find(c.smiles);
      if (it != index.end()) {
        ++out.removed[it->second].count;
        continue;
      }
      RemovedFragment r;
      r.smiles = c.smiles;
      if (c.known) {
        r.name = c.known->name;
        r.role = c.known->role;
      } else if (c.water) {
        r.name = "water";
        r.role = "water";
      } else {
        r.role = c.carbons == 0 ? "inorganic" : "other component";
      }
      index[c.smiles] = out.removed.size();
      out.removed.push_back(std::move(r));
    }
    out.parent = std::make_unique<RDKit::RWMol>(*parent->mol);
    out.neutralized = true;
    FinishParent(*out.parent, out);
    return out;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("standardization failed: ") + e.what(),
                                   "standardization_failed");
  }
}

}  // namespace chokepoint::chem
