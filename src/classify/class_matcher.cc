#include "classify/class_matcher.h"

#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/Substruct/SubstructMatch.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "classify/piece.h"

namespace chokepoint::classify {

using rules::ClassRule;
using rules::Region;
using rules::RingRequirement;
using rules::SubstituentType;

namespace {

std::string ReferenceRingSignature(const std::string& smiles) {
  std::unique_ptr<RDKit::RWMol> m(RDKit::SmilesToMol(smiles));
  if (!m) return "";
  std::vector<unsigned> atoms;
  for (const auto* a : m->atoms()) atoms.push_back(a->getIdx());
  return RingSignature(*m, atoms);
}

std::string DerivedBasis(SubstituentType t, const RDKit::ROMol& mol, unsigned anchor) {
  bool on_n = mol.getAtomWithIdx(anchor)->getAtomicNum() == 7;
  switch (t) {
    case SubstituentType::kAlkoxycarbonyl: return on_n ? "carbamate" : "ester";
    case SubstituentType::kAcyl: return on_n ? "amide" : "acyl";
    case SubstituentType::kHalo: return "halide";
    case SubstituentType::kAcetal: return "acetal";
    default: return rules::SubstituentTypeName(t);
  }
}

std::string TypeList(const std::vector<SubstituentType>& types) {
  if (types.empty()) return "hydrogen only";
  std::string s;
  for (size_t i = 0; i < types.size(); ++i) s += (i ? ", " : "") + std::string(rules::SubstituentTypeName(types[i]));
  return s;
}

// One attempt: the rule evaluated against a single core match.
ClassMatch Evaluate(const RDKit::ROMol& mol, const ClassRule& rule, const RDKit::MatchVectType& match) {
  ClassMatch out;
  const unsigned n = mol.getNumAtoms();
  std::map<int, int> region_by_map;
  for (size_t r = 0; r < rule.regions.size(); ++r)
    for (int m : rule.regions[r].atoms) region_by_map[m] = static_cast<int>(r);

  constexpr int kUnassigned = -2, kFixed = -1;
  std::vector<int> owner(n, kUnassigned);
  std::vector<std::vector<unsigned>> ring_atoms(rule.regions.size());
  for (auto [p, a] : match) {
    int map = rule.core->getAtomWithIdx(p)->getAtomMapNum();
    auto it = region_by_map.find(map);
    owner[a] = it == region_by_map.end() ? kFixed : it->second;
    out.core_atoms.push_back(static_cast<unsigned>(a));
  }
  const auto* ri = mol.getRingInfo();
  for (size_t r = 0; r < rule.regions.size(); ++r) {
    const Region& region = rule.regions[r];
    if (region.ring == RingRequirement::kNone) continue;
    unsigned a = 0;
    for (auto [p, m] : match)
      if (rule.core->getAtomWithIdx(p)->getAtomMapNum() == region.atoms.front()) a = static_cast<unsigned>(m);
    std::vector<unsigned> ring;
    if (region.ring == RingRequirement::kAromaticSystem) {
      // Grow through aromatic ring atoms: the whole (possibly fused) aromatic system.
      if (!mol.getAtomWithIdx(a)->getIsAromatic() || !ri->numAtomRings(a)) {
        out.rejection = region.name + ": not an aromatic ring";
        return out;
      }
      std::vector<unsigned> stack{a};
      std::set<unsigned> seen{a};
      while (!stack.empty()) {
        unsigned i = stack.back();
        stack.pop_back();
        ring.push_back(i);
        for (const auto* nb : mol.atomNeighbors(mol.getAtomWithIdx(i))) {
          unsigned j = nb->getIdx();
          const auto* b = mol.getBondBetweenAtoms(i, j);
          if (nb->getIsAromatic() && b->getIsAromatic() && seen.insert(j).second) stack.push_back(j);
        }
      }
    } else {
      if (ri->numAtomRings(a) != 1) {
        out.rejection = region.name + ": not a monocycle (atom is in " + std::to_string(ri->numAtomRings(a)) + " rings)";
        return out;
      }
      for (const auto& r0 : ri->atomRings()) {
        if (std::find(r0.begin(), r0.end(), static_cast<int>(a)) == r0.end()) continue;
        for (int x : r0) {
          if (ri->numAtomRings(x) != 1) {
            out.rejection = region.name + ": the ring is fused to another ring, not a monocycle";
            return out;
          }
          if (region.ring == RingRequirement::kAromaticMonocycle && !mol.getAtomWithIdx(x)->getIsAromatic()) {
            out.rejection = region.name + ": the ring is not aromatic";
            return out;
          }
          ring.push_back(static_cast<unsigned>(x));
        }
      }
    }
    for (unsigned x : ring) {
      if (x != a && owner[x] != kUnassigned) {
        out.rejection = region.name + ": the ring overlaps the core";
        return out;
      }
      owner[x] = static_cast<int>(r);
      ring_atoms[r].push_back(x);
    }
  }

  // Every unassigned atom belongs to a piece hanging off exactly one anchor atom.
  std::vector<std::vector<Piece>> pieces(rule.regions.size());
  std::vector<bool> seen(n, false);
  for (unsigned start = 0; start < n; ++start) {
    if (owner[start] != kUnassigned || seen[start]) continue;
    Piece piece;
    std::vector<unsigned> stack{start};
    seen[start] = true;
    while (!stack.empty()) {
      unsigned i = stack.back();
      stack.pop_back();
      piece.atoms.push_back(i);
      for (const auto* nb : mol.atomNeighbors(mol.getAtomWithIdx(i))) {
        unsigned j = nb->getIdx();
        if (owner[j] != kUnassigned) {
          piece.attachments.emplace_back(i, j);
        } else if (!seen[j]) {
          seen[j] = true;
          stack.push_back(j);
        }
      }
    }
    std::sort(piece.atoms.begin(), piece.atoms.end());
    std::sort(piece.attachments.begin(), piece.attachments.end());
    std::set<unsigned> anchors;
    for (auto [pa, anchor] : piece.attachments) anchors.insert(anchor);
    if (anchors.size() != 1) {
      out.rejection = "a substituent (" + PieceSmiles(mol, piece) + ") bridges two parts of the core";
      return out;
    }
    int r = owner[piece.anchor()];
    if (r == kFixed) {
      out.rejection = "substituent " + PieceSmiles(mol, piece) + " sits on a part of the core that may not be modified";
      return out;
    }
    pieces[r].push_back(std::move(piece));
  }

  for (size_t r = 0; r < rule.regions.size(); ++r) {
    const Region& region = rule.regions[r];
    auto& list = pieces[r];
    // Two alkoxy groups on one carbon are an open acetal; judge them as one substituent.
    bool acetal_allowed = std::find(region.allow.begin(), region.allow.end(), SubstituentType::kAcetal) != region.allow.end();
    if (acetal_allowed) {
      std::map<unsigned, std::vector<size_t>> alkoxy_by_anchor;
      for (size_t i = 0; i < list.size(); ++i)
        if (PieceIs(SubstituentType::kAlkoxy, mol, list[i])) alkoxy_by_anchor[list[i].anchor()].push_back(i);
      std::vector<size_t> drop;
      for (auto& [anchor, idx] : alkoxy_by_anchor) {
        if (idx.size() != 2) continue;
        Piece& a = list[idx[0]];
        const Piece& b = list[idx[1]];
        a.atoms.insert(a.atoms.end(), b.atoms.begin(), b.atoms.end());
        a.attachments.insert(a.attachments.end(), b.attachments.begin(), b.attachments.end());
        drop.push_back(idx[1]);
      }
      std::sort(drop.rbegin(), drop.rend());
      for (size_t i : drop) list.erase(list.begin() + static_cast<long>(i));
    }
    RegionFinding finding;
    finding.region = region.name;
    int count = static_cast<int>(list.size());
    if (count < region.min) {
      out.rejection = region.name + ": needs at least " + std::to_string(region.min) + " substituent(s) other than hydrogen";
      return out;
    }
    if (region.max >= 0 && count > region.max) {
      out.rejection = region.name + ": at most " + std::to_string(region.max) + " substituent(s) allowed";
      return out;
    }
    std::vector<std::string> smiles;
    bool all_minor = true;
    std::string basis;
    for (const auto& p : list) {
      SubstituentType t;
      std::string s = PieceSmiles(mol, p);
      if (!ClassifyPiece(region.allow, mol, p, &t)) {
        out.rejection = region.name + ": substituent " + s + " is not allowed there (allowed: " + TypeList(region.allow) + ")";
        return out;
      }
      SubstituentType minor;
      if (!ClassifyPiece(region.minor_allow, mol, p, &minor)) all_minor = false;
      smiles.push_back(s);
      finding.substituents.push_back(s + " (" + rules::SubstituentTypeName(t) + ")");
      if (basis.empty()) basis = DerivedBasis(t, mol, p.anchor());
    }
    std::sort(smiles.begin(), smiles.end());
    bool modified = false;
    std::string label = region.modification;
    if (region.ring != RingRequirement::kNone) {
      finding.ring = RingSignature(mol, ring_atoms[r]);
      bool ring_changed = !region.reference_ring.empty() && finding.ring != ReferenceRingSignature(region.reference_ring);
      bool subs_changed = region.reference.empty() ? !list.empty() : smiles != region.reference;
      if (ring_changed) {
        modified = true;
      } else if (subs_changed) {
        modified = true;
        if (all_minor && !region.minor_modification.empty()) label = region.minor_modification;
      }
    } else {
      modified = smiles != region.reference;
    }
    if (region.always) modified = true;
    if (modified) {
      finding.modification = label;
      if (!label.empty() && std::find(out.modifications.begin(), out.modifications.end(), label) == out.modifications.end())
        out.modifications.push_back(label);
      std::string word = region.basis.empty() ? basis : region.basis;
      if (rule.basis == "derivative" && !word.empty() &&
          std::find(out.basis_words.begin(), out.basis_words.end(), word) == out.basis_words.end())
        out.basis_words.push_back(word);
    }
    out.regions.push_back(std::move(finding));
  }
  out.matched = true;
  out.rejection.clear();
  return out;
}

}  // namespace

ClassMatch MatchClass(const RDKit::ROMol& mol, const ClassRule& rule) {
  ClassMatch best;
  if (!rule.core) return best;
  RDKit::SubstructMatchParameters params;
  params.uniquify = false;
  params.maxMatches = 256;
  params.useChirality = false;
  auto matches = RDKit::SubstructMatch(mol, *rule.core, params);
  bool have = false;
  for (const auto& m : matches) {
    ClassMatch r = Evaluate(mol, rule, m);
    if (r.matched) {
      if (!have || !best.matched || r.modifications.size() < best.modifications.size()) {
        best = std::move(r);
        have = true;
      }
    } else if (!have) {
      best = std::move(r);  // keep the first rejection as the explanation
      have = true;
    }
  }
  return best;
}

}  // namespace chokepoint::classify
