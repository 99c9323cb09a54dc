#include "flags/similarity.h"

#include <DataStructs/BitOps.h>
#include <DataStructs/ExplicitBitVect.h>
#include <GraphMol/Fingerprints/FingerprintUtil.h>
#include <GraphMol/Fingerprints/Fingerprints.h>
#include <GraphMol/Fingerprints/MorganFingerprints.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/Substruct/SubstructMatch.h>

#include <algorithm>
#include <map>

#include "rules/rulebook_set.h"

namespace chokepoint::flags {

using rules::Category;

namespace {

constexpr unsigned kBits = 2048;

// Motifs shared by the reference chemistry (fentanyl chain, opioids, nitazenes, phenethylamines,
// the P2P/PMK chain). A molecule with none of them is not a close neighbour of any reference at
// the thresholds we use (checked on the evaluation sets: no positive lacks all of them).
const char* const kMotifs[] = {
    "[#7]1-[#6]-[#6]-[#6]-[#6]-[#6]-1",     // piperidine (fentanyl chain, pethidine, prodines)
    "c-[NX3]",                              // aniline nitrogen (anilides, 4-AP)
    "c1nc2ccccc2n1",                        // benzimidazole (nitazenes, orphines)
    "c-[CX4]-[CX4]-[NX3]",                  // phenethylamine (amphetamines, morphinans, ephedrine)
    "c-[CX4]-[CX4]-[CX4]-[NX3]",            // 3-arylpropylamine (methadone, tramadol)
    "c-[CX3](=O)-[NX3]",                    // benzamide (U-47700 type)
    "c-[CX4]-[$([CX3]=O),$(C#N)]",          // arylacetyl (P2P, phenylacetic acid, APAAN)
    "c1cc2OCOc2cc1",                        // methylenedioxyphenyl (PMK, safrole, MDMA)
};

std::shared_ptr<ExplicitBitVect> Ecfp(const RDKit::ROMol& mol) {
  return std::shared_ptr<ExplicitBitVect>(RDKit::MorganFingerprints::getFingerprintAsBitVect(mol, 2, kBits));
}

std::shared_ptr<ExplicitBitVect> Fcfp(const RDKit::ROMol& mol) {
  std::vector<std::uint32_t> inv(mol.getNumAtoms());
  RDKit::MorganFingerprints::getFeatureInvariants(mol, inv);
  return std::shared_ptr<ExplicitBitVect>(RDKit::MorganFingerprints::getFingerprintAsBitVect(mol, 2, kBits, &inv));
}

int Severity(Category c) { return c == Category::kDrug ? 2 : c == Category::kPrecursor ? 1 : 0; }

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

}  // namespace

SimilarityStage::SimilarityStage(const rules::RulebookSet& rules, SimilarityOptions options) : options_(options) {
  std::map<std::string, size_t> by_smiles;
  for (const auto& rb : rules.rulebooks()) {
    for (const auto& e : rb.entries) {
      auto it = by_smiles.find(e->parent_smiles);
      if (it == by_smiles.end()) {
        auto mol = chem::ParseSmiles(e->parent_smiles);
        if (!mol.ok()) continue;
        Reference r;
        r.name = e->name;
        r.rule = e->id;
        r.smiles = e->parent_smiles;
        r.heavy_atoms = static_cast<int>((*mol)->getNumHeavyAtoms());
        r.ecfp = Ecfp(**mol);
        r.fcfp = Fcfp(**mol);
        r.pattern.reset(RDKit::PatternFingerprintMol(**mol, kBits));
        it = by_smiles.emplace(e->parent_smiles, refs_.size()).first;
        refs_.push_back(std::move(r));
      }
      Reference& r = refs_[it->second];
      r.listed.emplace_back(rb.jurisdiction, e->category);
      if (Severity(e->category) > Severity(r.category)) r.category = e->category;
    }
  }
  // Deterministic order whatever the rulebook order: by name, then structure.
  std::sort(refs_.begin(), refs_.end(), [](const Reference& a, const Reference& b) {
    return a.name != b.name ? a.name < b.name : a.smiles < b.smiles;
  });
  if (!refs_.empty()) {
    min_heavy_ = refs_[0].heavy_atoms;
    max_heavy_ = refs_[0].heavy_atoms;
    for (const auto& r : refs_) {
      min_heavy_ = std::min(min_heavy_, r.heavy_atoms);
      max_heavy_ = std::max(max_heavy_, r.heavy_atoms);
    }
  }
  for (const char* s : kMotifs) motifs_.emplace_back(RDKit::SmartsToMol(s));
}

bool SimilarityStage::Prefilter(const RDKit::ROMol& mol) const {
  if (refs_.empty()) return false;
  if (!options_.prefilter) return true;
  int heavy = static_cast<int>(mol.getNumHeavyAtoms());
  if (heavy < min_heavy_ - options_.heavy_margin_low || heavy > max_heavy_ + options_.heavy_margin_high) return false;
  RDKit::MatchVectType match;
  for (const auto& m : motifs_)
    if (RDKit::SubstructMatch(mol, *m, match)) return true;
  return false;
}

std::vector<Neighbour> SimilarityStage::Rank(const RDKit::ROMol& mol, bool with_pattern) const {
  std::vector<Neighbour> out;
  auto ecfp = Ecfp(mol);
  auto fcfp = Fcfp(mol);
  std::unique_ptr<ExplicitBitVect> pattern;
  if (with_pattern) pattern.reset(RDKit::PatternFingerprintMol(mol, kBits));
  out.reserve(refs_.size());
  for (const auto& r : refs_) {
    Neighbour n;
    n.ref = &r;
    n.ecfp = TanimotoSimilarity(*ecfp, *r.ecfp);
    n.fcfp = TanimotoSimilarity(*fcfp, *r.fcfp);
    n.mean = (n.ecfp + n.fcfp) / 2;
    if (pattern) {
      int on = r.pattern->getNumOnBits();
      n.containment = on ? static_cast<double>(NumOnBitsInCommon(*pattern, *r.pattern)) / on : 0;
    }
    out.push_back(n);
  }
  const SimilarityMetric m = options_.metric;
  std::stable_sort(out.begin(), out.end(), [m](const Neighbour& a, const Neighbour& b) { return a.Score(m) > b.Score(m); });
  return out;
}

void SimilarityStage::AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                               classify::Record& record) const {
  if (!Prefilter(parent)) return;
  auto ranked = Rank(parent);
  const SimilarityMetric m = options_.metric;
  // One flag per type (designer_precursor, analog), listing the nearest references of that type
  // in the jurisdictions where the input itself has no status.
  for (Category want : {Category::kPrecursor, Category::kDrug}) {
    classify::Flag flag;
    std::vector<std::string> js;
    for (const auto& n : ranked) {
      if (n.Score(m) < options_.threshold || flag.nearest.size() >= options_.max_nearest) break;
      const Reference& r = *n.ref;
      if (r.smiles == record.substance.smiles) continue;
      std::vector<std::string> where;
      for (const auto& [j, c] : r.listed) {
        if (c != want) continue;
        auto it = record.status.find(j);
        if (it == record.status.end() || it->second.category != Category::kNone) continue;
        where.push_back(j);
      }
      if (where.empty()) continue;
      // A masked-precursor flag already names this target with a reviewed path.
      bool masked = std::any_of(record.flags.begin(), record.flags.end(), [&](const classify::Flag& f) {
        return f.type == "masked_precursor" && f.target_smiles == r.smiles;
      });
      if (masked) continue;
      flag.nearest.push_back({r.name, r.rule, r.smiles, n.Score(m), where});
      for (const auto& j : where)
        if (std::find(js.begin(), js.end(), j) == js.end()) js.push_back(j);
    }
    if (flag.nearest.empty()) continue;
    std::sort(js.begin(), js.end());
    const auto& best = flag.nearest.front();
    flag.type = want == Category::kPrecursor ? "designer_precursor" : "analog";
    flag.target = best.name;
    flag.target_smiles = best.smiles;
    flag.jurisdictions = js;
    flag.score = best.score;
    std::vector<std::string> near;
    for (const auto& x : flag.nearest) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", x.score);
      near.push_back(x.name + " " + buf + " (" + Join(x.jurisdictions, ", ") + ")");
    }
    const char* metric = m == SimilarityMetric::kEcfp4 ? "ECFP4" : m == SimilarityMetric::kFcfp4 ? "FCFP4" : "ECFP4/FCFP4";
    char thr[16];
    std::snprintf(thr, sizeof thr, "%.2f", options_.threshold);
    flag.explanation = std::string("not covered by any rule in ") + Join(js, ", ") + ", but structurally close to " +
                       (want == Category::kPrecursor ? "listed precursor" : "controlled drug") +
                       (flag.nearest.size() > 1 ? "s " : " ") + Join(near, "; ") + " (" + metric +
                       " Tanimoto, threshold " + thr + "). Similarity is a lead for review, not a legal status.";
    record.flags.push_back(std::move(flag));
  }
}

}  // namespace chokepoint::flags
