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
#include "flags/element_floor.h"

class ExplicitBitVect;

namespace chokepoint::flags {

enum class SimilarityMetric {
  kEcfp4,  //!< Tanimoto on ECFP4
  kFcfp4,  //!< Tanimoto on FCFP4
  kMean,   //!< mean of the two
};

struct SimilarityOptions {
  // Chosen on bench/flags/eval_flags (docs/flags.md): the mean of ECFP4 and FCFP4 Tanimoto at 0.50
  // had the best recall at a false-positive rate near 6% on scaffold-matched approved medicines.
  SimilarityMetric metric = SimilarityMetric::kMean;
  double threshold = 0.50;   //!< flag at or above
  size_t max_nearest = 3;    //!< neighbours reported per flag
  int heavy_margin_low = 4;  //!< window: [min reference heavy atoms - low, max + high]
  int heavy_margin_high = 8;
  bool prefilter = true;  //!< false: fingerprint everything (for the evaluation)
  // FCFP4 (feature invariants cost ~3x ECFP4) is computed only when some reference reaches this
  // ECFP4 Tanimoto; below it the mean cannot plausibly reach the threshold (eval_flags reports
  // the figures with this gate in place).
  double fcfp_gate = 0.25;
  // RDKit pattern fingerprints of the references, for Rank(with_pattern) (the evaluation's
  // containment figures); they cost several parses per reference at start-up.
  bool pattern_fingerprints = false;
};

struct Reference {
  std::string name;
  std::string rule;  //!< first entry id
  std::string smiles;
  int heavy_atoms = 0;
  // The entries with this structure, one per listing (an entry may be listed in several
  // rulebooks); a neighbour counts only where its entry is in force on the classification date.
  std::vector<std::shared_ptr<const rules::Entry>> listed;
  rules::Category category = rules::Category::kNone;  //!< most severe of `listed`
  std::shared_ptr<ExplicitBitVect> pattern;
  std::vector<uint64_t> ecfp,
      fcfp;  //!< 2048 bits packed: Tanimoto by popcount (~30x ExplicitBitVect)
};

struct Neighbour {
  const Reference* ref = nullptr;
  double ecfp = 0, fcfp = 0, mean = 0;
  double containment = 0;  //!< share of the reference's pattern bits set in the molecule
  double Score(SimilarityMetric m) const {
    return m == SimilarityMetric::kEcfp4 ? ecfp : m == SimilarityMetric::kFcfp4 ? fcfp : mean;
  }
};

class SimilarityStage : public classify::FlagStage {
 public:
  SimilarityStage(const rules::RulebookSet& rules, SimilarityOptions options = {});

  void AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                classify::Record& record) const override;

  bool Prefilter(const RDKit::ROMol& mol) const;
  // The references scoring at least `min_score` (every one by default), best first by the
  // configured metric (ties by name). with_pattern needs options.pattern_fingerprints.
  std::vector<Neighbour> Rank(const RDKit::ROMol& mol, bool with_pattern = false,
                              double min_score = -1) const;

  const std::vector<Reference>& references() const { return refs_; }
  const SimilarityOptions& options() const { return options_; }

 private:
  SimilarityOptions options_;
  std::vector<Reference> refs_;
  int min_heavy_ = 0, max_heavy_ = 0;
  std::vector<std::shared_ptr<RDKit::ROMol>> motifs_;
  std::vector<ElementFloor> motif_floors_;
};

}  // namespace chokepoint::flags
