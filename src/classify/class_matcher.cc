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
    case SubstituentType::kAlkoxycarbonyl:
      return on_n ? "carbamate" : "ester";
    case SubstituentType::kAcyl:
      return on_n ? "amide" : "acyl";
    case SubstituentType::kHalo:
      return "halide";
    case SubstituentType::kAcetal:
      return "acetal";
    default:
      return rules::SubstituentTypeName(t);
  }
}

std::string TypeList(const std::vector<SubstituentType>& types) {
  if (types.empty()) return "hydrogen only";
  std::string s;
  for (size_t i = 0; i < types.size(); ++i)
    s += (i ? ", " : "") + std::string(rules::SubstituentTypeName(types[i]));
  return s;
}

// One attempt: the rule evaluated against a single core match, in stages. Each stage returns
// the reason the attempt fails ("" when it passes); the first failure is the attempt's rejection.
class Attempt {
 public:
  Attempt(const RDKit::ROMol& mol, const ClassRule& rule, const RDKit::MatchVectType& match)
      : mol_(mol),
        rule_(rule),
        match_(match),
        owner_(mol.getNumAtoms(), kUnassigned),
        ring_atoms_(rule.regions.size()),
        pieces_(rule.regions.size()) {}

  ClassMatch Run() {
    ClaimCore();
    std::string why = ClaimRings();
    if (why.empty()) why = CollectPieces();
    for (size_t r = 0; why.empty() && r < rule_.regions.size(); ++r) {
      MergeOpenAcetals(r);
      why = JudgeRegion(r);
    }
    out_.rejection = why;
    out_.matched = why.empty();
    return std::move(out_);
  }

 private:
  static constexpr int kUnassigned = -2;  //!< not (yet) part of the core or a region's ring
  static constexpr int kFixed = -1;       //!< a core atom outside every region: may not be modified

  // The core atom mapped to `map` in the rule's core.
  unsigned CoreAtom(int map) const {
    unsigned a = 0;
    for (auto [p, m] : match_)
      if (rule_.core->getAtomWithIdx(p)->getAtomMapNum() == map) a = static_cast<unsigned>(m);
    return a;
  }

  // Core atoms belong to their region (by atom-map number) or are fixed.
  void ClaimCore() {
    std::map<int, int> region_by_map;
    for (size_t r = 0; r < rule_.regions.size(); ++r)
      for (int m : rule_.regions[r].atoms) region_by_map[m] = static_cast<int>(r);
    for (auto [p, a] : match_) {
      int map = rule_.core->getAtomWithIdx(p)->getAtomMapNum();
      auto it = region_by_map.find(map);
      owner_[a] = it == region_by_map.end() ? kFixed : it->second;
      out_.core_atoms.push_back(static_cast<unsigned>(a));
    }
  }

  // A ring region owns the whole ring (or fused aromatic system) through its core atom.
  std::string ClaimRings() {
    for (size_t r = 0; r < rule_.regions.size(); ++r) {
      const Region& region = rule_.regions[r];
      if (region.ring == RingRequirement::kNone) continue;
      const unsigned a = CoreAtom(region.atoms.front());
      std::vector<unsigned> ring;
      std::string why = region.ring == RingRequirement::kAromaticSystem
                            ? AromaticSystem(region, a, &ring)
                            : Monocycle(region, a, &ring);
      if (!why.empty()) return why;
      for (unsigned x : ring) {
        if (x != a && owner_[x] != kUnassigned) return region.name + ": the ring overlaps the core";
        owner_[x] = static_cast<int>(r);
        ring_atoms_[r].push_back(x);
      }
    }
    return "";
  }

  // Grow through aromatic ring atoms: the whole (possibly fused) aromatic system.
  std::string AromaticSystem(const Region& region, unsigned a, std::vector<unsigned>* ring) const {
    if (!mol_.getAtomWithIdx(a)->getIsAromatic() || !mol_.getRingInfo()->numAtomRings(a))
      return region.name + ": not an aromatic ring";
    std::vector<unsigned> stack{a};
    std::set<unsigned> seen{a};
    while (!stack.empty()) {
      unsigned i = stack.back();
      stack.pop_back();
      ring->push_back(i);
      for (const auto* nb : mol_.atomNeighbors(mol_.getAtomWithIdx(i))) {
        unsigned j = nb->getIdx();
        const auto* b = mol_.getBondBetweenAtoms(i, j);
        if (nb->getIsAromatic() && b->getIsAromatic() && seen.insert(j).second) stack.push_back(j);
      }
    }
    return "";
  }

  // The one ring through `a`, which must not be fused (and be aromatic when required).
  std::string Monocycle(const Region& region, unsigned a, std::vector<unsigned>* ring) const {
    const auto* ri = mol_.getRingInfo();
    if (ri->numAtomRings(a) != 1)
      return region.name + ": not a monocycle (atom is in " + std::to_string(ri->numAtomRings(a)) +
             " rings)";
    for (const auto& r0 : ri->atomRings()) {
      if (std::find(r0.begin(), r0.end(), static_cast<int>(a)) == r0.end()) continue;
      for (int x : r0) {
        if (ri->numAtomRings(x) != 1)
          return region.name + ": the ring is fused to another ring, not a monocycle";
        if (region.ring == RingRequirement::kAromaticMonocycle &&
            !mol_.getAtomWithIdx(x)->getIsAromatic())
          return region.name + ": the ring is not aromatic";
        ring->push_back(static_cast<unsigned>(x));
      }
    }
    return "";
  }

  // Every atom outside the core and the rings belongs to a piece hanging off exactly one anchor
  // atom, which must belong to a region.
  std::string CollectPieces() {
    const unsigned n = mol_.getNumAtoms();
    std::vector<bool> seen(n, false);
    for (unsigned start = 0; start < n; ++start) {
      if (owner_[start] != kUnassigned || seen[start]) continue;
      Piece piece;
      std::vector<unsigned> stack{start};
      seen[start] = true;
      while (!stack.empty()) {
        unsigned i = stack.back();
        stack.pop_back();
        piece.atoms.push_back(i);
        for (const auto* nb : mol_.atomNeighbors(mol_.getAtomWithIdx(i))) {
          unsigned j = nb->getIdx();
          if (owner_[j] != kUnassigned) {
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
      if (anchors.size() != 1)
        return "a substituent (" + PieceSmiles(mol_, piece) + ") bridges two parts of the core";
      int r = owner_[piece.anchor()];
      if (r == kFixed)
        return "substituent " + PieceSmiles(mol_, piece) +
               " sits on a part of the core that may not be modified";
      pieces_[r].push_back(std::move(piece));
    }
    return "";
  }

  // Two alkoxy groups on one carbon are an open acetal: judged as one substituent where the
  // region allows acetals.
  void MergeOpenAcetals(size_t r) {
    const Region& region = rule_.regions[r];
    if (std::find(region.allow.begin(), region.allow.end(), SubstituentType::kAcetal) ==
        region.allow.end())
      return;
    auto& list = pieces_[r];
    std::map<unsigned, std::vector<size_t>> alkoxy_by_anchor;
    for (size_t i = 0; i < list.size(); ++i)
      if (PieceIs(SubstituentType::kAlkoxy, mol_, list[i]))
        alkoxy_by_anchor[list[i].anchor()].push_back(i);
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

  // The region's substituents against its count limits and allowed types; what was modified.
  std::string JudgeRegion(size_t r) {
    const Region& region = rule_.regions[r];
    const auto& list = pieces_[r];
    RegionFinding finding;
    finding.region = region.name;
    const int count = static_cast<int>(list.size());
    if (count < region.min)
      return region.name + ": needs at least " + std::to_string(region.min) +
             " substituent(s) other than hydrogen";
    if (region.max >= 0 && count > region.max)
      return region.name + ": at most " + std::to_string(region.max) + " substituent(s) allowed";
    std::vector<std::string> smiles;
    bool all_minor = true;
    std::string basis;
    for (const auto& p : list) {
      SubstituentType t;
      std::string s = PieceSmiles(mol_, p);
      if (!ClassifyPiece(region.allow, mol_, p, &t))
        return region.name + ": substituent " + s +
               " is not allowed there (allowed: " + TypeList(region.allow) + ")";
      SubstituentType minor;
      if (!ClassifyPiece(region.minor_allow, mol_, p, &minor)) all_minor = false;
      smiles.push_back(s);
      finding.substituents.push_back(s + " (" + rules::SubstituentTypeName(t) + ")");
      if (basis.empty()) basis = DerivedBasis(t, mol_, p.anchor());
    }
    std::sort(smiles.begin(), smiles.end());
    std::string label = region.modification;
    bool modified = false;
    if (region.ring != RingRequirement::kNone) {
      finding.ring = RingSignature(mol_, ring_atoms_[r]);
      const bool ring_changed = !region.reference_ring.empty() &&
                                finding.ring != ReferenceRingSignature(region.reference_ring);
      const bool subs_changed =
          region.reference.empty() ? !list.empty() : smiles != region.reference;
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
    if (modified) RecordModification(region, label, basis, finding);
    out_.regions.push_back(std::move(finding));
    return "";
  }

  void RecordModification(const Region& region, const std::string& label, const std::string& basis,
                          RegionFinding& finding) {
    finding.modification = label;
    if (!label.empty() && std::find(out_.modifications.begin(), out_.modifications.end(), label) ==
                              out_.modifications.end())
      out_.modifications.push_back(label);
    const std::string word = region.basis.empty() ? basis : region.basis;
    if (rule_.basis == "derivative" && !word.empty() &&
        std::find(out_.basis_words.begin(), out_.basis_words.end(), word) == out_.basis_words.end())
      out_.basis_words.push_back(word);
  }

  const RDKit::ROMol& mol_;
  const ClassRule& rule_;
  const RDKit::MatchVectType& match_;
  std::vector<int> owner_;  //!< per atom: region index, kFixed or kUnassigned
  std::vector<std::vector<unsigned>> ring_atoms_;  //!< per region: the ring it owns
  std::vector<std::vector<Piece>> pieces_;         //!< per region: substituents hanging off it
  ClassMatch out_;
};

ClassMatch Evaluate(const RDKit::ROMol& mol, const ClassRule& rule,
                    const RDKit::MatchVectType& match) {
  return Attempt(mol, rule, match).Run();
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
