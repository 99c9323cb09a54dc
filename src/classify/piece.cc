#include "classify/piece.h"

#include <GraphMol/MolOps.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace chokepoint::classify {

using rules::SubstituentType;

namespace {

bool IsHalogen(int z) { return z == 9 || z == 17 || z == 35 || z == 53; }

// Facts about a piece computed once and shared by the type predicates.
struct Facts {
  const RDKit::ROMol& mol;
  const Piece& piece;
  std::set<unsigned> in;
  int carbons = 0, oxygens = 0, nitrogens = 0, halogens = 0, others = 0;
  bool ring = false, aromatic = false, double_cc = false, triple = false, multiple_other = false;
  bool single_attach_bonds = true;
  std::set<unsigned> attach_atoms;

  Facts(const RDKit::ROMol& m, const Piece& p) : mol(m), piece(p) {
    in.insert(p.atoms.begin(), p.atoms.end());
    const auto* ri = mol.getRingInfo();
    for (unsigned i : p.atoms) {
      const auto* a = mol.getAtomWithIdx(i);
      int z = a->getAtomicNum();
      if (z == 6)
        ++carbons;
      else if (z == 8)
        ++oxygens;
      else if (z == 7)
        ++nitrogens;
      else if (IsHalogen(z))
        ++halogens;
      else
        ++others;
      if (ri->numAtomRings(i)) ring = true;
      if (a->getIsAromatic()) aromatic = true;
    }
    for (const auto* b : mol.bonds()) {
      if (!in.count(b->getBeginAtomIdx()) || !in.count(b->getEndAtomIdx())) continue;
      auto t = b->getBondType();
      int z1 = b->getBeginAtom()->getAtomicNum(), z2 = b->getEndAtom()->getAtomicNum();
      if (t == RDKit::Bond::DOUBLE && z1 == 6 && z2 == 6)
        double_cc = true;
      else if (t == RDKit::Bond::TRIPLE)
        triple = true;
      else if (t != RDKit::Bond::SINGLE)
        multiple_other = true;
    }
    for (auto [pa, anchor] : p.attachments) {
      attach_atoms.insert(pa);
      const auto* b = mol.getBondBetweenAtoms(pa, anchor);
      if (b->getBondType() != RDKit::Bond::SINGLE) single_attach_bonds = false;
    }
  }

  const RDKit::Atom* Atom(unsigned i) const { return mol.getAtomWithIdx(i); }
  unsigned Size() const { return static_cast<unsigned>(piece.atoms.size()); }
  unsigned Attach() const { return piece.attachments.front().first; }
  bool OneAttachment() const { return piece.attachments.size() == 1; }
  bool Saturated() const { return !double_cc && !triple && !multiple_other && !aromatic; }

  // The piece atoms other than `skip` are an alkyl group (acyclic saturated carbons).
  bool RestIsAlkyl(unsigned skip) const {
    for (unsigned i : piece.atoms) {
      if (i == skip) continue;
      if (Atom(i)->getAtomicNum() != 6) return false;
    }
    return !ring && Saturated();
  }
  // Neighbours of `i` inside the piece.
  std::vector<const RDKit::Atom*> Inside(unsigned i) const {
    std::vector<const RDKit::Atom*> out;
    for (const auto* n : mol.atomNeighbors(Atom(i)))
      if (in.count(n->getIdx())) out.push_back(n);
    return out;
  }
  RDKit::Bond::BondType BondType(unsigned a, unsigned b) const {
    return mol.getBondBetweenAtoms(a, b)->getBondType();
  }
  // `c` is a carbonyl carbon (C=O with the O inside the piece).
  bool IsCarbonyl(unsigned c) const {
    if (Atom(c)->getAtomicNum() != 6) return false;
    for (const auto* n : Inside(c))
      if (n->getAtomicNum() == 8 && BondType(c, n->getIdx()) == RDKit::Bond::DOUBLE) return true;
    return false;
  }
};

bool Alkyl(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.carbons == static_cast<int>(f.Size()) &&
         !f.ring && f.Saturated();
}
bool Cycloalkyl(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.carbons == static_cast<int>(f.Size()) &&
         f.ring && f.Saturated();
}
bool Alkenyl(const Facts& f) {
  return f.OneAttachment() && f.carbons == static_cast<int>(f.Size()) && !f.ring && !f.aromatic &&
         f.double_cc && !f.triple;
}
bool Alkynyl(const Facts& f) {
  return f.OneAttachment() && f.carbons == static_cast<int>(f.Size()) && !f.ring && f.triple;
}
bool Hydroxy(const Facts& f) {
  return f.Size() == 1 && f.oxygens == 1 && f.single_attach_bonds && f.OneAttachment();
}
bool Oxo(const Facts& f) {
  return f.Size() == 1 && f.oxygens == 1 && f.OneAttachment() &&
         f.BondType(f.Attach(), f.piece.anchor()) == RDKit::Bond::DOUBLE;
}
bool Halo(const Facts& f) { return f.Size() == 1 && f.halogens == 1 && f.OneAttachment(); }
bool Haloalkyl(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.halogens > 0 && f.carbons > 0 &&
         f.carbons + f.halogens == static_cast<int>(f.Size()) && !f.ring && f.Saturated() &&
         f.Atom(f.Attach())->getAtomicNum() == 6;
}
bool Alkoxy(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.Size() >= 2 &&
         f.Atom(f.Attach())->getAtomicNum() == 8 && f.RestIsAlkyl(f.Attach());
}
bool Amino(const Facts& f) {
  if (!f.OneAttachment() || !f.single_attach_bonds) return false;
  unsigned n = f.Attach();
  if (f.Atom(n)->getAtomicNum() != 7 || f.Atom(n)->getIsAromatic()) return false;
  return f.RestIsAlkyl(n);
}
bool Nitro(const Facts& f) {
  if (f.Size() != 3 || f.nitrogens != 1 || f.oxygens != 2 || !f.OneAttachment()) return false;
  return f.Atom(f.Attach())->getAtomicNum() == 7;
}
bool Ether(const Facts& f) {
  if (!f.OneAttachment() || !f.single_attach_bonds || f.oxygens == 0 || f.ring) return false;
  if (f.carbons + f.oxygens != static_cast<int>(f.Size()) || !f.Saturated()) return false;
  for (unsigned i : f.piece.atoms) {
    if (f.Atom(i)->getAtomicNum() != 8) continue;
    unsigned heavy = f.Atom(i)->getDegree();
    if (heavy != 2) return false;  // hydroxyls are not ethers
  }
  return true;
}
bool Ester(const Facts& f) {
  if (!f.OneAttachment() || !f.single_attach_bonds || f.ring || f.aromatic) return false;
  if (f.carbons + f.oxygens != static_cast<int>(f.Size()) || f.oxygens != 2) return false;
  // Exactly one C(=O)-O-C linkage; everything else saturated carbon.
  for (unsigned c : f.piece.atoms) {
    if (!f.IsCarbonyl(c)) continue;
    for (const auto* n : f.mol.atomNeighbors(f.Atom(c))) {
      if (n->getAtomicNum() != 8 || f.BondType(c, n->getIdx()) != RDKit::Bond::SINGLE) continue;
      if (n->getDegree() == 2) return !f.double_cc && !f.triple;
    }
  }
  return false;
}
bool Acyl(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.IsCarbonyl(f.Attach());
}
bool Alkoxycarbonyl(const Facts& f) {
  if (!Acyl(f)) return false;
  unsigned c = f.Attach();
  for (const auto* n : f.Inside(c)) {
    if (n->getAtomicNum() == 8 && f.BondType(c, n->getIdx()) == RDKit::Bond::SINGLE &&
        n->getDegree() == 2) {
      for (const auto* m : f.Inside(n->getIdx()))
        if (m->getIdx() != c && m->getAtomicNum() == 6) return true;
    }
  }
  return false;
}
// Two single-bonded oxygens on one carbon, each bound to an sp3 carbon: a cyclic acetal
// (one piece, two attachments) or an open one (merged from two alkoxy pieces by the matcher).
bool Acetal(const Facts& f) {
  if (f.piece.attachments.size() != 2 || !f.single_attach_bonds) return false;
  if (f.piece.attachments[0].second != f.piece.attachments[1].second) return false;
  for (auto [pa, anchor] : f.piece.attachments) {
    if (f.Atom(pa)->getAtomicNum() != 8 || f.Atom(pa)->getDegree() != 2) return false;
  }
  for (unsigned i : f.piece.atoms) {
    int z = f.Atom(i)->getAtomicNum();
    if (z != 6 && z != 8) return false;
  }
  return f.Saturated() && f.oxygens == 2;
}
bool Aryl(const Facts& f) { return f.OneAttachment() && f.Atom(f.Attach())->getIsAromatic(); }

// ---- R-groups of general formulae: "取代或未取代" (substituted or not) groups whose defining part
// is checked and whose further substituents are free.

bool IsHetero(const RDKit::Atom* a) { return a->getAtomicNum() != 6 && a->getAtomicNum() != 1; }

// The ring system (rings sharing atoms, transitively) containing `start`, restricted to `in`.
std::set<unsigned> RingSystem(const RDKit::ROMol& mol, unsigned start,
                              const std::set<unsigned>& in) {
  const auto* ri = mol.getRingInfo();
  std::set<unsigned> sys;
  if (!ri->numAtomRings(start)) return sys;
  std::vector<std::vector<int>> rings;
  for (const auto& r : ri->atomRings()) {
    bool inside = std::all_of(r.begin(), r.end(),
                              [&](int x) { return in.count(static_cast<unsigned>(x)) > 0; });
    if (inside) rings.push_back(r);
  }
  sys.insert(start);
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& r : rings) {
      bool touches = std::any_of(r.begin(), r.end(),
                                 [&](int x) { return sys.count(static_cast<unsigned>(x)) > 0; });
      if (!touches) continue;
      for (int x : r) grew |= sys.insert(static_cast<unsigned>(x)).second;
    }
  }
  return sys.size() > 1 ? sys : std::set<unsigned>{};
}

int HeteroCount(const RDKit::ROMol& mol, const std::set<unsigned>& atoms) {
  int n = 0;
  for (unsigned i : atoms) n += IsHetero(mol.getAtomWithIdx(i));
  return n;
}

// A carbon doubly or triply bonded to a heteroatom belongs to a functional group (C=O, C#N), not
// to the hydrocarbyl skeleton it hangs on.
bool FunctionalCarbon(const RDKit::ROMol& mol, unsigned c) {
  for (const auto* b : mol.atomBonds(mol.getAtomWithIdx(c))) {
    const auto* o = b->getOtherAtom(mol.getAtomWithIdx(c));
    if (IsHetero(o) &&
        (b->getBondType() == RDKit::Bond::DOUBLE || b->getBondType() == RDKit::Bond::TRIPLE))
      return true;
  }
  return false;
}

bool InHeteroRing(const RDKit::ROMol& mol, unsigned a, const std::set<unsigned>& in) {
  auto sys = RingSystem(mol, a, in);
  return !sys.empty() && HeteroCount(mol, sys) > 0;
}

// A group attached through `a` (inside `in`).
struct Group {
  const RDKit::ROMol& mol;
  std::set<unsigned> in;
  unsigned a;
  const RDKit::Atom* Atom(unsigned i) const { return mol.getAtomWithIdx(i); }

  // Carbons reachable from `a` through carbon-carbon bonds, leaving out functional-group carbons
  // and carbons of rings that contain heteroatoms.
  int SkeletonCarbons() const {
    if (Atom(a)->getAtomicNum() != 6 || FunctionalCarbon(mol, a) || InHeteroRing(mol, a, in))
      return 0;
    std::set<unsigned> seen{a};
    std::vector<unsigned> stack{a};
    while (!stack.empty()) {
      unsigned i = stack.back();
      stack.pop_back();
      for (const auto* n : mol.atomNeighbors(Atom(i))) {
        unsigned j = n->getIdx();
        if (!in.count(j) || seen.count(j) || n->getAtomicNum() != 6) continue;
        if (FunctionalCarbon(mol, j) || InHeteroRing(mol, j, in)) continue;
        seen.insert(j);
        stack.push_back(j);
      }
    }
    return static_cast<int>(seen.size());
  }
  bool Hydrocarbyl(int lo, int hi) const {
    int n = SkeletonCarbons();
    return n >= lo && n <= hi;
  }
  bool ArylC6C10() const {
    if (!Atom(a)->getIsAromatic() || Atom(a)->getAtomicNum() != 6) return false;
    auto sys = RingSystem(mol, a, in);
    if (sys.empty() || HeteroCount(mol, sys) != 0) return false;
    for (unsigned i : sys)
      if (!Atom(i)->getIsAromatic()) return false;
    return sys.size() >= 6 && sys.size() <= 10;
  }
  bool Heterocyclyl() const {
    auto sys = RingSystem(mol, a, in);
    if (sys.empty()) return false;
    int h = HeteroCount(mol, sys);
    return h >= 1 && h <= 3;
  }
  // Methyl or ethyl (the linker: acyclic sp3 carbons bearing only H) carrying one heterocyclyl.
  bool HeterocyclylMethylEthyl() const {
    if (Atom(a)->getAtomicNum() != 6 || Atom(a)->getIsAromatic() ||
        mol.getRingInfo()->numAtomRings(a))
      return false;
    std::set<unsigned> linker{a};
    std::vector<unsigned> ring_atoms;
    std::vector<unsigned> stack{a};
    while (!stack.empty()) {
      unsigned i = stack.back();
      stack.pop_back();
      for (const auto* b : mol.atomBonds(Atom(i))) {
        unsigned j = b->getOtherAtomIdx(i);
        if (!in.count(j) || linker.count(j)) continue;
        if (b->getBondType() != RDKit::Bond::SINGLE) return false;
        if (mol.getRingInfo()->numAtomRings(j)) {
          ring_atoms.push_back(j);
        } else if (Atom(j)->getAtomicNum() == 6) {
          linker.insert(j);
          stack.push_back(j);
        } else {
          return false;  // a heteroatom on the methyl/ethyl itself
        }
      }
    }
    if (linker.size() > 2 || ring_atoms.size() != 1) return false;
    Group ring{mol, in, ring_atoms.front()};
    return ring.Heterocyclyl();
  }
  bool Phenyl() const {
    if (!Atom(a)->getIsAromatic()) return false;
    auto sys = RingSystem(mol, a, in);
    return sys.size() == 6 && HeteroCount(mol, sys) == 0;
  }
  bool Benzyl() const {
    if (Atom(a)->getAtomicNum() != 6 || Atom(a)->getTotalNumHs() != 2) return false;
    for (const auto* n : mol.atomNeighbors(Atom(a))) {
      unsigned j = n->getIdx();
      if (in.count(j) && n->getIsAromatic()) return Group{mol, in, j}.Phenyl();
    }
    return false;
  }
  bool R3() const {
    return ArylC6C10() || Hydrocarbyl(3, 10) || Heterocyclyl() || HeterocyclylMethylEthyl();
  }
};

Group GroupOf(const Facts& f) { return Group{f.mol, f.in, f.Attach()}; }

bool Methyl(const Facts& f) {
  return f.Size() == 1 && f.carbons == 1 && f.OneAttachment() && f.single_attach_bonds;
}

bool ZR3(const Facts& f) {
  if (!f.OneAttachment() || !f.single_attach_bonds) return false;
  const unsigned z = f.Attach();
  const auto* za = f.Atom(z);
  const bool o = za->getAtomicNum() == 8 && za->getDegree() == 2;
  const bool nh = za->getAtomicNum() == 7 && !za->getIsAromatic() && za->getDegree() == 2 &&
                  za->getTotalNumHs() == 1;
  if ((o || nh) && !f.mol.getRingInfo()->numAtomRings(z)) {
    for (const auto* n : f.mol.atomNeighbors(za)) {
      if (!f.in.count(n->getIdx())) continue;
      std::set<unsigned> rest = f.in;
      rest.erase(z);
      return Group{f.mol, rest, n->getIdx()}.R3();
    }
    return false;
  }
  return GroupOf(f).R3();
}

// Most specific first: a methoxy is reported as alkoxy, not ether; Boc as alkoxycarbonyl, not acyl.
constexpr SubstituentType kSpecificity[] = {
    SubstituentType::kHydroxy,
    SubstituentType::kOxo,
    SubstituentType::kHalo,
    SubstituentType::kNitro,
    SubstituentType::kAmino,
    SubstituentType::kAlkoxy,
    SubstituentType::kAlkyl,
    SubstituentType::kCycloalkyl,
    SubstituentType::kAlkenyl,
    SubstituentType::kAlkynyl,
    SubstituentType::kHaloalkyl,
    SubstituentType::kEther,
    SubstituentType::kEster,
    SubstituentType::kAlkoxycarbonyl,
    SubstituentType::kAcyl,
    SubstituentType::kAcetal,
    SubstituentType::kMethyl,
    SubstituentType::kPhenyl,
    SubstituentType::kBenzyl,
    SubstituentType::kArylC6C10,
    SubstituentType::kHeterocyclylMethylEthyl,
    SubstituentType::kHeterocyclyl,
    SubstituentType::kHydrocarbylC3C8,
    SubstituentType::kHydrocarbylC3C10,
    SubstituentType::kZR3,
    SubstituentType::kAryl,
    SubstituentType::kAny,
};

}  // namespace

bool PieceIs(SubstituentType type, const RDKit::ROMol& mol, const Piece& piece) {
  Facts f(mol, piece);
  switch (type) {
    case SubstituentType::kAny:
      return true;
    case SubstituentType::kAlkyl:
      return Alkyl(f);
    case SubstituentType::kCycloalkyl:
      return Cycloalkyl(f);
    case SubstituentType::kAlkenyl:
      return Alkenyl(f);
    case SubstituentType::kAlkynyl:
      return Alkynyl(f);
    case SubstituentType::kAlkoxy:
      return Alkoxy(f);
    case SubstituentType::kHydroxy:
      return Hydroxy(f);
    case SubstituentType::kOxo:
      return Oxo(f);
    case SubstituentType::kHalo:
      return Halo(f);
    case SubstituentType::kHaloalkyl:
      return Haloalkyl(f);
    case SubstituentType::kAmino:
      return Amino(f);
    case SubstituentType::kNitro:
      return Nitro(f);
    case SubstituentType::kEster:
      return Ester(f);
    case SubstituentType::kEther:
      return Ether(f);
    case SubstituentType::kAcyl:
      return Acyl(f);
    case SubstituentType::kAlkoxycarbonyl:
      return Alkoxycarbonyl(f);
    case SubstituentType::kAcetal:
      return Acetal(f);
    case SubstituentType::kAryl:
      return Aryl(f);
    case SubstituentType::kMethyl:
      return Methyl(f);
    case SubstituentType::kHydrocarbylC3C8:
      return f.OneAttachment() && f.single_attach_bonds && GroupOf(f).Hydrocarbyl(3, 8);
    case SubstituentType::kHydrocarbylC3C10:
      return f.OneAttachment() && f.single_attach_bonds && GroupOf(f).Hydrocarbyl(3, 10);
    case SubstituentType::kArylC6C10:
      return f.OneAttachment() && GroupOf(f).ArylC6C10();
    case SubstituentType::kHeterocyclyl:
      return f.OneAttachment() && f.single_attach_bonds && GroupOf(f).Heterocyclyl();
    case SubstituentType::kHeterocyclylMethylEthyl:
      return f.OneAttachment() && GroupOf(f).HeterocyclylMethylEthyl();
    case SubstituentType::kPhenyl:
      return f.OneAttachment() && GroupOf(f).Phenyl();
    case SubstituentType::kBenzyl:
      return f.OneAttachment() && GroupOf(f).Benzyl();
    case SubstituentType::kZR3:
      return ZR3(f);
  }
  return false;
}

bool ClassifyPiece(const std::vector<SubstituentType>& allowed, const RDKit::ROMol& mol,
                   const Piece& piece, SubstituentType* type) {
  for (SubstituentType t : kSpecificity) {
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) continue;
    if (PieceIs(t, mol, piece)) {
      *type = t;
      return true;
    }
  }
  return false;
}

namespace {

// Builds a standalone molecule from `atoms`, adding a dummy atom for each bond to `anchors`.
std::string SubgraphSmiles(const RDKit::ROMol& mol, const std::vector<unsigned>& atoms,
                           const std::vector<std::pair<unsigned, unsigned>>& attachments) {
  RDKit::RWMol out;
  std::map<unsigned, unsigned> index;
  for (unsigned i : atoms) {
    const auto* src = mol.getAtomWithIdx(i);
    auto* a = new RDKit::Atom(*src);
    a->setNoImplicit(true);
    a->setNumExplicitHs(src->getTotalNumHs());
    index[i] = out.addAtom(a, false, true);
  }
  for (const auto* b : mol.bonds()) {
    auto i = index.find(b->getBeginAtomIdx()), j = index.find(b->getEndAtomIdx());
    if (i == index.end() || j == index.end()) continue;
    out.addBond(i->second, j->second, b->getBondType());
    out.getBondBetweenAtoms(i->second, j->second)->setIsAromatic(b->getIsAromatic());
  }
  for (auto [pa, anchor] : attachments) {
    unsigned d = out.addAtom(new RDKit::Atom(0), false, true);
    out.addBond(index[pa], d, mol.getBondBetweenAtoms(pa, anchor)->getBondType());
  }
  out.updatePropertyCache(false);
  RDKit::MolOps::findSSSR(out);
  return RDKit::MolToSmiles(out, true);
}

}  // namespace

std::string PieceSmiles(const RDKit::ROMol& mol, const Piece& piece) {
  return SubgraphSmiles(mol, piece.atoms, piece.attachments);
}

std::string RingSignature(const RDKit::ROMol& mol, const std::vector<unsigned>& atoms) {
  std::vector<std::string> parts;
  for (unsigned i : atoms) {
    const auto* a = mol.getAtomWithIdx(i);
    std::string sym = a->getSymbol();
    if (a->getIsAromatic()) sym[0] = static_cast<char>(std::tolower(sym[0]));
    parts.push_back(sym);
  }
  std::sort(parts.begin(), parts.end());
  std::string out = std::to_string(atoms.size()) + ":";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

}  // namespace chokepoint::classify
