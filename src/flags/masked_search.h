// Masked-precursor search: apply the reviewed transforms to a molecule up to depth 2, classify
// every product with the engine, and flag listed products the input is not itself covered as.
//
// Contract: a product's status is never reported as the input's status; a flag names
// the whole transform path and the target's listings. Flags are raised per jurisdiction: a
// target listed in CN is flagged even when the input is itself covered in the US, but never in a
// jurisdiction where the input already has a status of its own (a salt form, acetylfentanyl's own
// Schedule I listing): there the input's status already says more than a flag could.
//
// Cost: the search runs only on molecules that contain a prefilter scaffold
// (data/transforms/scaffolds.yaml) and match at least one transform; everything else costs a few
// SMARTS matches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/engine.h"
#include "flags/transform_set.h"

namespace chokepoint::flags {

struct MaskedSearchOptions {
  int max_depth = 2;         //!< transforms applied in sequence, at most
  size_t max_sites = 4;      //!< sites per transform application (RDKit runReactants cap)
  size_t max_products = 48;  //!< distinct products examined per input, all depths
  // Work budget: products generated (before deduplication) per input. Each costs a sanitize, a
  // SMILES round trip and a standardization; a per-acetylated glycoside with a dozen esters would
  // otherwise take 100+ ms (bench/flags/throughput --slowest).
  size_t max_generated = 40;
  // Inputs larger than this are not searched: the largest target (a fentanyl analog, 30 heavy
  // atoms) plus the largest mask we model (Fmoc, 16) fits.
  unsigned max_heavy_atoms = 48;
  size_t max_flags = 6;         //!< masked_precursor flags per input (nearest first)
  double two_step_score = 0.8;  //!< score of a two-step path (one step scores 1.0)
};

// One step of a path.
struct Step {
  const Transform* transform = nullptr;
  std::string product_smiles;
};

// A listed product reached from the input.
struct MaskedFinding {
  std::vector<Step> path;
  std::string target_smiles;
  std::string target_name;  //!< entry name when the product is a named entry, else empty
  std::map<std::string, classify::JurisdictionStatus> target_status;  //!< non-none only
  std::vector<unsigned> removed_atoms;  //!< input atoms the first step removes (for depiction)
};

class MaskedPrecursorStage : public classify::FlagStage {
 public:
  // `engine` must outlive the stage (it classifies the products).
  MaskedPrecursorStage(const classify::Engine* engine,
                       std::shared_ptr<const TransformSet> transforms,
                       MaskedSearchOptions options = {});

  void AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                classify::Record& record) const override;

  // True when `mol` contains a prefilter scaffold and some transform matches it.
  bool Prefilter(const RDKit::ROMol& mol) const;
  // True when `mol` contains a prefilter scaffold (a product without one is no target, and the
  // transforms cannot give it one, so it is neither classified nor expanded).
  bool HasScaffold(const RDKit::ROMol& mol, const ElementCounts& counts) const;
  // Every listed product within max_depth, shortest paths first (breadth first, transform order).
  std::vector<MaskedFinding> Search(const RDKit::ROMol& mol, const std::string& smiles,
                                    const classify::ClassifyOptions& options) const;

  const TransformSet& transforms() const { return *transforms_; }

 private:
  const classify::Engine* engine_;
  std::shared_ptr<const TransformSet> transforms_;
  MaskedSearchOptions options_;
};

// "US: Schedule II (immediate precursor), 21 CFR 1308.12(g); UN: Table I, ..." for explanations.
std::string ListingSummary(const std::map<std::string, classify::JurisdictionStatus>& status);

}  // namespace chokepoint::flags
