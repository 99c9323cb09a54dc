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
      if (z == 6) ++carbons;
      else if (z == 8) ++oxygens;
      else if (z == 7) ++nitrogens;
      else if (IsHalogen(z)) ++halogens;
      else ++others;
      if (ri->numAtomRings(i)) ring = true;
      if (a->getIsAromatic()) aromatic = true;
    }
    for (const auto* b : mol.bonds()) {
      if (!in.count(b->getBeginAtomIdx()) || !in.count(b->getEndAtomIdx())) continue;
      auto t = b->getBondType();
      int z1 = b->getBeginAtom()->getAtomicNum(), z2 = b->getEndAtom()->getAtomicNum();
      if (t == RDKit::Bond::DOUBLE && z1 == 6 && z2 == 6) double_cc = true;
      else if (t == RDKit::Bond::TRIPLE) triple = true;
      else if (t != RDKit::Bond::SINGLE) multiple_other = true;
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
  return f.OneAttachment() && f.single_attach_bonds && f.carbons == static_cast<int>(f.Size()) && !f.ring &&
         f.Saturated();
}
bool Cycloalkyl(const Facts& f) {
  return f.OneAttachment() && f.single_attach_bonds && f.carbons == static_cast<int>(f.Size()) && f.ring &&
         f.Saturated();
}
bool Alkenyl(const Facts& f) {
  return f.OneAttachment() && f.carbons == static_cast<int>(f.Size()) && !f.ring && !f.aromatic && f.double_cc &&
         !f.triple;
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
    if (n->getAtomicNum() == 8 && f.BondType(c, n->getIdx()) == RDKit::Bond::SINGLE && n->getDegree() == 2) {
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

// Most specific first: a methoxy is reported as alkoxy, not ether; Boc as alkoxycarbonyl, not acyl.
constexpr SubstituentType kSpecificity[] = {
    SubstituentType::kHydroxy,   SubstituentType::kOxo,          SubstituentType::kHalo,
    SubstituentType::kNitro,     SubstituentType::kAmino,        SubstituentType::kAlkoxy,
    SubstituentType::kAlkyl,     SubstituentType::kCycloalkyl,   SubstituentType::kAlkenyl,
    SubstituentType::kAlkynyl,   SubstituentType::kHaloalkyl,    SubstituentType::kEther,
    SubstituentType::kEster,     SubstituentType::kAlkoxycarbonyl, SubstituentType::kAcyl,
    SubstituentType::kAcetal,    SubstituentType::kAryl,         SubstituentType::kAny,
};

}  // namespace

bool PieceIs(SubstituentType type, const RDKit::ROMol& mol, const Piece& piece) {
  Facts f(mol, piece);
  switch (type) {
    case SubstituentType::kAny: return true;
    case SubstituentType::kAlkyl: return Alkyl(f);
    case SubstituentType::kCycloalkyl: return Cycloalkyl(f);
    case SubstituentType::kAlkenyl: return Alkenyl(f);
    case SubstituentType::kAlkynyl: return Alkynyl(f);
    case SubstituentType::kAlkoxy: return Alkoxy(f);
    case SubstituentType::kHydroxy: return Hydroxy(f);
    case SubstituentType::kOxo: return Oxo(f);
    case SubstituentType::kHalo: return Halo(f);
    case SubstituentType::kHaloalkyl: return Haloalkyl(f);
    case SubstituentType::kAmino: return Amino(f);
    case SubstituentType::kNitro: return Nitro(f);
    case SubstituentType::kEster: return Ester(f);
    case SubstituentType::kEther: return Ether(f);
    case SubstituentType::kAcyl: return Acyl(f);
    case SubstituentType::kAlkoxycarbonyl: return Alkoxycarbonyl(f);
    case SubstituentType::kAcetal: return Acetal(f);
    case SubstituentType::kAryl: return Aryl(f);
  }
  return false;
}

bool ClassifyPiece(const std::vector<SubstituentType>& allowed, const RDKit::ROMol& mol, const Piece& piece,
                   SubstituentType* type) {
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
