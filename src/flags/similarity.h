// Similarity flags: designer_precursor (close analog of a listed precursor) and analog (close
// analog of a controlled drug) for molecules that no rule covers where the neighbour is listed.
//
// References are every entry of the loaded rulebooks (deduplicated by structure). Each carries
// three fingerprints: ECFP4 (Morgan radius 2, 2048 bits), FCFP4 (the same with Gobbi-Poppinger
// feature invariants) and an RDKit pattern fingerprint. The decision score and threshold were
// chosen on the evaluation in bench/flags/ (docs/flags.md gives the figures).
//
// Cost: a fingerprint per molecule is several parses' worth of work, so molecules enter only when
// their heavy-atom count lies in the references' window and they contain one of the prefilter
// motifs (nitrogen-bearing ring or chain shared by the references).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/engine.h"

class ExplicitBitVect;

namespace chokepoint::flags {

enum class SimilarityMetric {
  kEcfp4,   //!< Tanimoto on ECFP4
  kFcfp4,   //!< Tanimoto on FCFP4
  kMean,    //!< mean of the two
};

struct SimilarityOptions {
  SimilarityMetric metric = SimilarityMetric::kEcfp4;
  double threshold = 0.55;  //!< flag at or above (chosen in bench/flags/eval, docs/flags.md)
  size_t max_nearest = 3;   //!< neighbours reported per flag
  int heavy_margin_low = 4;   //!< window: [min reference heavy atoms - low, max + high]
  int heavy_margin_high = 8;
  bool prefilter = true;      //!< false: fingerprint everything (for the evaluation)
};

struct Reference {
  std::string name;
  std::string rule;  //!< first entry id
  std::string smiles;
  int heavy_atoms = 0;
  // Listing per jurisdiction (an entry may be listed in several rulebooks).
  std::vector<std::pair<std::string, rules::Category>> listed;
  rules::Category category = rules::Category::kNone;  //!< most severe of `listed`
  std::shared_ptr<ExplicitBitVect> ecfp, fcfp, pattern;
};

struct Neighbour {
  const Reference* ref = nullptr;
  double ecfp = 0, fcfp = 0, mean = 0;
  double containment = 0;  //!< share of the reference's pattern bits set in the molecule
  double Score(SimilarityMetric m) const { return m == SimilarityMetric::kEcfp4 ? ecfp : m == SimilarityMetric::kFcfp4 ? fcfp : mean; }
};

class SimilarityStage : public classify::FlagStage {
 public:
  SimilarityStage(const rules::RulebookSet& rules, SimilarityOptions options = {});

  void AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                classify::Record& record) const override;

  bool Prefilter(const RDKit::ROMol& mol) const;
  // Every reference, best first by the configured metric (ties by name).
  std::vector<Neighbour> Rank(const RDKit::ROMol& mol, bool with_pattern = false) const;

  const std::vector<Reference>& references() const { return refs_; }
  const SimilarityOptions& options() const { return options_; }

 private:
  SimilarityOptions options_;
  std::vector<Reference> refs_;
  int min_heavy_ = 0, max_heavy_ = 0;
  std::vector<std::shared_ptr<RDKit::ROMol>> motifs_;
};

}  // namespace chokepoint::flags
