// All loaded rulebooks plus the indexes the engine needs: structure -> entries, formula set
// (a cheap prefilter before canonicalization), CAS and names -> identity, known fragments for
// standardization. Immutable after loading; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "chem/standardize.h"
#include "rules/rulebook.h"
#include "util/status.h"

namespace chokepoint::rules {

// What a name or CAS number resolves to.
struct NamedIdentity {
  std::string name;    //!< preferred name of the substance
  std::string smiles;  //!< structure to classify; empty for a substance with no single structure
  std::string via;     //!< id of the entry or reference substance that defines the name
  //! For a substance with no single structure (opium, coca leaf, a preparation): the entries of
  //! every jurisdiction that name it (linked through shared names and CAS numbers).
  std::vector<const Entry*> unstructured;
};

class RulebookSet {
 public:
  const std::vector<Rulebook>& rulebooks() const { return rulebooks_; }
  const Rulebook* Find(const std::string& jurisdiction) const;
  std::vector<std::string> Jurisdictions() const;
  const std::vector<Substance>& substances() const { return substances_; }
  const Entry* EntryById(const std::string& id) const;

  // Entries whose parent structure equals `smiles` (canonical, stereo kept / flat).
  const std::vector<const Entry*>& EntriesByStructure(const std::string& smiles) const;
  const std::vector<const Entry*>& EntriesByFlatStructure(const std::string& flat_smiles) const;
  // True when some entry or reference substance has this molecular formula; when false, no
  // structure lookup can succeed and canonicalization is skipped.
  bool FormulaIndexed(const std::string& formula) const { return formulas_.count(formula) > 0; }
  // Name of a known reference substance or entry with this parent structure, if any.
  const NamedIdentity* IdentityByStructure(const std::string& smiles) const;

  const NamedIdentity* ByName(const std::string& name) const;  // any spelling; see NameKey
  const NamedIdentity* ByCas(const std::string& canonical_cas) const;
  // Up to `k` known names closest to `name`, for "did you mean" messages.
  std::vector<std::string> SuggestNames(const std::string& name, size_t k = 3) const;

  const chem::KnownFragments& known_fragments() const { return known_fragments_; }
  // True when `smiles` (canonical, neutral) is a known counter-ion, e.g. "Cl" for hydrochloride.
  bool IsCounterion(const std::string& smiles) const;

 private:
  friend class RulebookLoader;
  std::vector<Rulebook> rulebooks_;
  std::vector<Substance> substances_;
  std::unordered_map<std::string, const Entry*> by_id_;
  std::unordered_map<std::string, std::vector<const Entry*>> by_structure_;
  std::unordered_map<std::string, std::vector<const Entry*>> by_flat_structure_;
  std::unordered_set<std::string> formulas_;
  std::unordered_map<std::string, NamedIdentity> by_name_key_;
  std::unordered_map<std::string, std::string> display_names_;  // name key -> as written
  std::unordered_map<std::string, NamedIdentity> by_cas_;
  std::unordered_map<std::string, NamedIdentity> by_parent_;
  chem::KnownFragments known_fragments_;
};

// Loads every *.yaml under `dir` (recursively, in sorted order; `substances.yaml` holds the
// reference identities). Validates everything and, on any problem, fails with one line per
// problem: "path:line: what is wrong".
Result<std::shared_ptr<const RulebookSet>> LoadRulebooks(const std::string& dir);

}  // namespace chokepoint::rules
