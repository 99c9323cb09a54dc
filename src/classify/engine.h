// The substance control engine: any structure, name or CAS -> cited status per jurisdiction.
//
// Stateless apart from the immutable rulebooks, so one Engine serves many threads.
// Cost model (see bench/): parse once; standardize only multi-component or charged input;
// canonical SMILES once; class cores are matched directly; InChI only when asked.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/core_prefilter.h"
#include "rules/rulebook_set.h"
#include "util/date.h"
#include "util/status.h"

namespace RDKit {
class ROMol;
}

namespace chokepoint::classify {

struct ClassifyOptions {
  std::vector<std::string> jurisdictions;  //!< empty: every loaded rulebook
  Date at = Date::Today();                 //!< the law as it stood on this date
  chem::InputType as = chem::InputType::kAuto;
  bool want_inchi = false;  //!< compute InChI/InChIKey for every record (costly)
  chem::ParseLimits limits;
  //! When set, classification stops with error code "too_complex" once this moment has passed.
  //! Checked between steps, each of which has its own bound (size limit, match and product caps,
  //! InChI's time limit), so a record comes back soon after the deadline.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// Status of a substance in one jurisdiction.
struct JurisdictionStatus {
  rules::Category category = rules::Category::kNone;
  std::string listing;
  std::string basis;  //!< "entry", "class", "salt", "isomer", "amide", "carbamate+acetal", ...
  std::string rule;   //!< id of the entry or class rule
  std::string code;   //!< the list's own number for the substance (DEA code, catalogue number)
  std::string citation;
  std::string effective;    //!< first day of control; empty when not recorded (see in_force_by)
  std::string in_force_by;  //!< when `effective` is not recorded: a day the official text lists it
  std::string end;
  std::string explanation;
  std::vector<std::string> modifications;  //!< class rules: e.g. "(D)", "(E)"
  std::vector<std::string> also;  //!< other rules that apply, e.g. a class an entry overrides
  std::string rulebook_version;
  std::vector<unsigned> matched_atoms;  //!< for depiction
};

// A risk flag (masked precursor, designer precursor, analog, emerging threat).
struct Flag {
  std::string type;
  std::string target;
  std::vector<std::string> jurisdictions;
  double score = 0;
  std::string explanation;
  std::vector<std::string> path;  //!< transform ids for masked precursors
  std::string target_smiles;      //!< structure of the target (masked precursors)
  struct Neighbour {
    std::string name;  //!< entry name
    std::string rule;  //!< entry id
    std::string smiles;
    double score = 0;  //!< similarity used for the decision (see docs/flags.md)
    std::vector<std::string> jurisdictions;
  };
  std::vector<Neighbour> nearest;  //!< similarity flags: nearest listed substances, best first
  std::vector<unsigned> atoms;  //!< input atoms the flag is about, for depiction (not serialized)
};

struct Substance {
  std::string name;
  std::string smiles;
  std::string inchi;
  std::string inchikey;
  std::string formula;
  std::vector<chem::RemovedFragment> removed;
  std::vector<std::string> other_components;
  std::vector<std::string> notes;
};

struct Record {
  int line = 0;
  std::string input;
  chem::InputType input_type = chem::InputType::kAuto;
  bool ok = false;
  Status error;
  std::vector<std::string> suggestions;  //!< "did you mean" for unknown names
  Substance substance;
  std::map<std::string, JurisdictionStatus> status;
  std::vector<Flag> flags;
  std::string verdict;  //!< controlled | precursor | flagged | clear | error
};

// Extra analysis stages plugged into the engine (masked precursors, similarity, watch lists).
// Each adds flags for an already classified molecule. Implementations must be thread-safe.
class FlagStage {
 public:
  virtual ~FlagStage() = default;
  virtual void AddFlags(const RDKit::ROMol& parent, const ClassifyOptions& options,
                        Record& record) const = 0;
};

class ResultCache;  // engine.cc

class Engine {
 public:
  explicit Engine(std::shared_ptr<const rules::RulebookSet> rules);
  ~Engine();

  const rules::RulebookSet& rules() const { return *rules_; }
  std::shared_ptr<const rules::RulebookSet> rules_ptr() const { return rules_; }
  void AddStage(std::shared_ptr<const FlagStage> stage) { stages_.push_back(std::move(stage)); }

  // Classifies one input (SMILES, InChI, CAS, name or molfile). Never throws.
  Record Classify(std::string_view input, const ClassifyOptions& options) const;

  // Memoizes Classify(): a record is a pure function of the input text and the options over
  // the immutable rulebooks and stages, so repeated inputs (a shop's catalogue screened at every
  // checkout) are answered from a bounded LRU cache of `entries` records (0, the default: off).
  // Inputs longer than 1 KiB (molfiles) are never cached. Thread-safe; `chokepoint serve` turns
  // it on, the CLI does not. Records come back with line = 0 like uncached ones.
  void SetResultCacheCapacity(size_t entries) const;
  struct CacheStats {
    uint64_t hits = 0, misses = 0;
    size_t entries = 0, capacity = 0;
  };
  CacheStats ResultCacheStats() const;

  // Status of an already standardized parent structure in the requested jurisdictions
  // (used by Classify and by flag stages that classify transform products).
  std::map<std::string, JurisdictionStatus> StatusOf(const RDKit::ROMol& parent,
                                                     const std::string& smiles, bool salt_removed,
                                                     const ClassifyOptions& options) const;

  // Status of a substance with no single structure (opium, coca leaf ...), found by name or CAS.
  std::map<std::string, JurisdictionStatus> StatusOfUnstructured(
      const rules::NamedIdentity& id, const ClassifyOptions& options) const;

  // Resolves input text to a molecule (no standardization).
  Result<chem::MolPtr> Resolve(std::string_view input, const ClassifyOptions& options,
                               chem::InputType* type, std::string* name,
                               std::vector<std::string>* suggestions,
                               std::vector<std::string>* notes) const;

 private:
  std::vector<std::string> Jurisdictions(const ClassifyOptions& options) const;
  // "cocaine hydrochloride": a known name followed by counter-ion (or hydrate) names; fills the
  // base's preferred name and a SMILES with the counter-ions as separate components.
  bool SaltName(std::string_view text, std::string* name, std::string* smiles) const;
  const rules::NamedIdentity* UnstructuredIdentity(std::string_view text,
                                                   chem::InputType type) const;
  Record ClassifyUncached(std::string_view input, const ClassifyOptions& options) const;

  std::shared_ptr<const rules::RulebookSet> rules_;
  std::vector<std::shared_ptr<const FlagStage>> stages_;
  std::map<const rules::ClassRule*, CorePrefilter> prefilters_;  //!< built once per class rule
  std::shared_ptr<ResultCache> cache_;  //!< internally synchronized; never null
};

// Worst-of verdict of a record: controlled > precursor > flagged > clear.
std::string Verdict(const Record& record);

}  // namespace chokepoint::classify
