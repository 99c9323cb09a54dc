#include "flags/similarity.h"

#include <DataStructs/BitOps.h>
#include <DataStructs/ExplicitBitVect.h>
#include <GraphMol/Fingerprints/FingerprintUtil.h>
#include <GraphMol/Fingerprints/Fingerprints.h>
#include <GraphMol/Fingerprints/MorganFingerprints.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/Substruct/SubstructMatch.h>
#include <RDGeneral/versions.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "chem/molecule.h"
#include "rules/rulebook_set.h"
#include "util/file_cache.h"
#include "util/strings.h"

namespace chokepoint::flags {

using rules::Category;

namespace {

constexpr unsigned kBits = 2048;

// Motifs shared by the reference chemistry (fentanyl chain, opioids, nitazenes, phenethylamines,
// the P2P/PMK chain). Measured on the NCI sample and the evaluation sets (docs/flags.md): together
// they pass 5% of NCI and 67 of 70 positives. Each pattern starts at its rarest atom and avoids
// recursion where a charge test does (nitro N is [N+]): written aryl-first, the same motifs cost
// about 15x more, because every aromatic carbon seeds a failing match.
const char* const kMotifs[] = {
    "[#7;R]1-[#6;R]-[#6;R]-[#6;R]-[#6;R]-[#6;R]-1",  // piperidine (fentanyl chain, pethidine,
                                                     // prodines)
    "[NX3;+0;R0](-c)-[CX4;R]",           // N-cycloalkyl aniline (4-AP, anilidopiperidines)
    "n1c(-[#6])nc2ccccc12",              // 2-substituted benzimidazole (nitazenes)
    "[NX3;+0;!$(N-C=O)]-[CX4]-[CX4]-c",  // phenethylamine (amphetamines, morphinans, ephedrine)
    "[NX3;+0;!$(N-C=O)]-[CX4]-[CX4]-[CX4]-c",  // 3-arylpropylamine (methadone, tramadol)
    "O=[CX3](-c)-[NX3]-[CX4;R]",               // N-cycloalkyl benzamide (U-47700 type)
    "O=[CX3]-[CX4]-c",                         // arylacetyl (P2P, phenylacetic acid, MAPA)
    "N#C-[CX4]-c",                             // arylacetonitrile (benzyl cyanide, APAAN)
    "[CH3]-[CX4](-[O,N])-[CX4]-c",             // 1-aryl-2-propyl (P2P ketals, amphetamine amides)
    "O1-[CX4]-[CX4]-1-c",                      // aryl glycidate (BMK/PMK glycidates)
    "O1COc2ccccc12",                           // methylenedioxyphenyl (PMK, safrole, MDMA)
};

std::vector<uint64_t> Pack(const ExplicitBitVect& bv) {
  std::vector<uint64_t> out(kBits / 64, 0);
  std::vector<int> on;
  bv.getOnBits(on);
  for (int b : on) out[b / 64] |= uint64_t{1} << (b % 64);
  return out;
}

std::vector<uint64_t> Ecfp(const RDKit::ROMol& mol) {
  std::unique_ptr<ExplicitBitVect> bv(
      RDKit::MorganFingerprints::getFingerprintAsBitVect(mol, 2, kBits));
  return Pack(*bv);
}

std::vector<uint64_t> Fcfp(const RDKit::ROMol& mol) {
  std::vector<std::uint32_t> inv(mol.getNumAtoms());
  RDKit::MorganFingerprints::getFeatureInvariants(mol, inv);
  std::unique_ptr<ExplicitBitVect> bv(
      RDKit::MorganFingerprints::getFingerprintAsBitVect(mol, 2, kBits, &inv));
  return Pack(*bv);
}

// Fingerprints as text for the start-up cache: 32 words of 16 hex digits each.
std::string Hex(const std::vector<uint64_t>& words) {
  static const char* d = "0123456789abcdef";
  std::string out;
  out.reserve(words.size() * 16);
  for (uint64_t w : words)
    for (int sh = 60; sh >= 0; sh -= 4) out += d[(w >> sh) & 15];
  return out;
}
bool Unhex(std::string_view s, std::vector<uint64_t>* words) {
  if (s.size() != kBits / 4) return false;
  words->assign(kBits / 64, 0);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return false;
    (*words)[i / 16] = ((*words)[i / 16] << 4) | static_cast<uint64_t>(v);
  }
  return true;
}

// The CPU's popcount instruction where it has one (chosen at load time), the portable loop
// otherwise: Tanimoto against ~800 references is most of the similarity stage.
__attribute__((target_clones("popcnt", "default"))) double Tanimoto(
    const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  int both = 0, either = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    both += __builtin_popcountll(a[i] & b[i]);
    either += __builtin_popcountll(a[i] | b[i]);
  }
  return either ? static_cast<double>(both) / either : 0.0;
}

}  // namespace

SimilarityStage::SimilarityStage(const rules::RulebookSet& rules, SimilarityOptions options)
    : options_(options) {
  std::map<std::string, size_t> by_smiles;
  for (const auto& rb : rules.rulebooks()) {
    for (const auto& e : rb.entries) {
      if (!e->HasStructure() || e->excepted) continue;
      auto it = by_smiles.find(e->parent_smiles);
      if (it == by_smiles.end()) {
        Reference r;
        r.name = e->name;
        r.rule = e->id;
        r.smiles = e->parent_smiles;
        it = by_smiles.emplace(e->parent_smiles, refs_.size()).first;
        refs_.push_back(std::move(r));
      }
      Reference& r = refs_[it->second];
      r.listed.push_back(e);
      if (rules::CategoryRank(e->category) > rules::CategoryRank(r.category))
        r.category = e->category;
    }
  }
  // Fingerprints on every core, and kept across starts: ~800 references' ECFP4 and FCFP4 (feature
  // invariants match SMARTS) are most of the start-up cost.
  FileCache cache("fingerprints.tsv",
                  std::string("chokepoint fingerprints 1; ECFP4/FCFP4 2048; RDKit ") +
                      RDKit::rdkitVersion + "; " + chem::ParserStamp());
  std::vector<char> ok(refs_.size(), 0);  // not vector<bool>: threads write neighbouring elements
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < refs_.size(); i = next++) {
      Reference& r = refs_[i];
      std::string cached;
      if (!options_.pattern_fingerprints && cache.Find(r.smiles, &cached)) {
        // heavy atoms, ECFP4, FCFP4
        size_t a = cached.find(' '), b = a == std::string::npos ? a : cached.find(' ', a + 1);
        if (b != std::string::npos &&
            Unhex(std::string_view(cached).substr(a + 1, b - a - 1), &r.ecfp) &&
            Unhex(std::string_view(cached).substr(b + 1), &r.fcfp)) {
          r.heavy_atoms = std::atoi(cached.c_str());
          ok[i] = 1;
          continue;
        }
      }
      auto mol = chem::ParseSmiles(r.smiles);
      if (!mol.ok()) continue;
      r.heavy_atoms = static_cast<int>((*mol)->getNumHeavyAtoms());
      r.ecfp = Ecfp(**mol);
      r.fcfp = Fcfp(**mol);
      if (options_.pattern_fingerprints)
        r.pattern.reset(RDKit::PatternFingerprintMol(**mol, kBits));
      cache.Put(r.smiles, std::to_string(r.heavy_atoms) + " " + Hex(r.ecfp) + " " + Hex(r.fcfp));
      ok[i] = 1;
    }
  };
  std::vector<std::thread> pool;
  const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  for (size_t t = 1; t < threads && refs_.size() > 64; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  cache.Save();
  size_t kept = 0;
  for (size_t i = 0; i < refs_.size(); ++i) {
    if (!ok[i]) continue;
    if (i != kept) refs_[kept] = std::move(refs_[i]);  // a self-move would empty the vectors
    ++kept;
  }
  refs_.resize(kept);
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
  for (const char* s : kMotifs) {
    motifs_.emplace_back(RDKit::SmartsToMol(s));
    motif_floors_.emplace_back(*motifs_.back());
  }
}

bool SimilarityStage::Prefilter(const RDKit::ROMol& mol) const {
  if (refs_.empty()) return false;
  if (!options_.prefilter) return true;
  int heavy = static_cast<int>(mol.getNumHeavyAtoms());
  if (heavy < min_heavy_ - options_.heavy_margin_low ||
      heavy > max_heavy_ + options_.heavy_margin_high)
    return false;
  RDKit::MatchVectType match;
  const ElementCounts counts = ElementCounts::Of(mol);
  for (size_t i = 0; i < motifs_.size(); ++i)
    if (motif_floors_[i].MayMatch(counts) && RDKit::SubstructMatch(mol, *motifs_[i], match))
      return true;
  return false;
}

std::vector<Neighbour> SimilarityStage::Rank(const RDKit::ROMol& mol, bool with_pattern,
                                             double min_score) const {
  std::vector<Neighbour> out;
  auto ecfp = Ecfp(mol);
  std::unique_ptr<ExplicitBitVect> pattern;
  if (with_pattern && options_.pattern_fingerprints)
    pattern.reset(RDKit::PatternFingerprintMol(mol, kBits));
  out.reserve(refs_.size());
  double best_ecfp = 0;
  for (const auto& r : refs_) {
    Neighbour n;
    n.ref = &r;
    n.ecfp = Tanimoto(ecfp, r.ecfp);
    best_ecfp = std::max(best_ecfp, n.ecfp);
    out.push_back(n);
  }
  std::vector<uint64_t> fcfp;
  if (options_.metric != SimilarityMetric::kEcfp4 && best_ecfp >= options_.fcfp_gate)
    fcfp = Fcfp(mol);
  for (auto& n : out) {
    const Reference& r = *n.ref;
    n.fcfp = fcfp.empty() ? 0 : Tanimoto(fcfp, r.fcfp);
    n.mean = (n.ecfp + n.fcfp) / 2;
    if (pattern) {
      int on = r.pattern->getNumOnBits();
      n.containment = on ? static_cast<double>(NumOnBitsInCommon(*pattern, *r.pattern)) / on : 0;
    }
  }
  const SimilarityMetric m = options_.metric;
  if (min_score >= 0)
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Neighbour& n) { return n.Score(m) < min_score; }),
              out.end());
  std::stable_sort(out.begin(), out.end(),
                   [m](const Neighbour& a, const Neighbour& b) { return a.Score(m) > b.Score(m); });
  return out;
}

void SimilarityStage::AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                               classify::Record& record) const {
  if (!Prefilter(parent)) return;
  auto ranked = Rank(parent, false, options_.threshold);
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
      for (const auto& e : r.listed) {
        const std::string& j = e->jurisdiction;
        const rules::Listing* state = e->StateAt(options.at);
        if (!state || state->category != want) continue;
        if (std::find(where.begin(), where.end(), j) != where.end()) continue;
        auto it = record.status.find(j);
        if (it == record.status.end() || it->second.category != Category::kNone) continue;
        where.push_back(j);
      }
      if (where.empty()) continue;
      // A masked-precursor flag already names this target with a reviewed path.
      bool masked =
          std::any_of(record.flags.begin(), record.flags.end(), [&](const classify::Flag& f) {
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
    const char* metric = m == SimilarityMetric::kEcfp4   ? "ECFP4 Tanimoto"
                         : m == SimilarityMetric::kFcfp4 ? "FCFP4 Tanimoto"
                                                         : "mean of ECFP4 and FCFP4 Tanimoto";
    char thr[16];
    std::snprintf(thr, sizeof thr, "%.2f", options_.threshold);
    flag.explanation = std::string("not covered by any rule in ") + Join(js, ", ") +
                       ", but structurally close to " +
                       (want == Category::kPrecursor ? "listed precursor" : "controlled drug") +
                       (flag.nearest.size() > 1 ? "s " : " ") + Join(near, "; ") + " (" + metric +
                       ", threshold " + thr +
                       "). Similarity is a lead for review, not a legal status.";
    record.flags.push_back(std::move(flag));
  }
}

}  // namespace chokepoint::flags
