// How one jurisdiction's status is decided, in named steps (Engine::StatusOf runs them in order
// for each jurisdiction):
//   1. FindExceptions  — an `excepted` entry naming exactly this structure (dextromethorphan)
//   2. MatchEntries    — named entries: the exact structure, then the same up to stereochemistry
//   3. MatchClasses    — structural class rules and generic listings in force
//   4. Explain*        — the status and its explanation: class exclusion, entry, class,
//                        exception, or "not listed" with the rulebook's coverage
#pragma once

#include <map>
#include <string>
#include <vector>

#include "classify/class_matcher.h"
#include "classify/core_prefilter.h"
#include "classify/engine.h"

namespace chokepoint::classify::steps {

// What every step needs about the molecule, computed once per classification.
struct Molecule {
  const RDKit::ROMol& parent;
  const std::string& smiles;  //!< canonical, stereo kept
  std::string flat_smiles;    //!< stereo-free; empty when not computed
  bool has_stereo = false;
  bool salt = false;  //!< counter-ions were stripped
  ElementCounts counts;
  const std::vector<const rules::Entry*>& exact;  //!< entries with this structure
  const std::vector<const rules::Entry*>*
      flat;  //!< entries equal up to stereo (null: none possible)
};

struct Exceptions {
  const rules::Entry* exact = nullptr;  //!< an excepted entry for exactly this structure
  const rules::Entry* flat = nullptr;  //!< the input has no stereo but could be the excepted isomer
  bool Excepts(const rules::Entry& e) const;
};
Exceptions FindExceptions(const Molecule& m, const std::string& jurisdiction, const Date& at);

struct EntryMatch {
  const rules::Entry* entry = nullptr;
  const rules::Listing* state = nullptr;  //!< the entry's state in force on the date
  bool isomer = false;                    //!< matched up to stereochemistry
  const rules::Entry* not_in_force =
      nullptr;                    //!< an entry of this structure not in force on the date
  std::vector<std::string> also;  //!< other entries that apply
};
EntryMatch MatchEntries(const Molecule& m, const std::string& jurisdiction, const Date& at,
                        const Exceptions& ex);

struct ClassResult {
  const rules::ClassRule* rule = nullptr;
  ClassMatch match;
  std::vector<std::string> also;  //!< other class rules that match (or yield to an entry)
};
ClassResult MatchClasses(const Molecule& m, const rules::Rulebook& rb, const Date& at,
                         const EntryMatch& entries,
                         const std::map<const rules::ClassRule*, CorePrefilter>& prefilters);

// A class member the class leaves to another listing ("unless listed in another schedule").
const rules::Exclusion* ClassExclusion(Molecule& m, const ClassResult& cls);

void ExplainExclusion(const rules::Exclusion& x, const rules::ClassRule& cls,
                      JurisdictionStatus& st);
void ExplainEntry(const Molecule& m, const EntryMatch& hit, const Exceptions& ex, const Date& at,
                  JurisdictionStatus& st);
void ExplainClass(const Molecule& m, const ClassResult& cls, JurisdictionStatus& st);
void ExplainException(const rules::Entry& exception, const rules::RulebookSet& rules,
                      const rules::Rulebook& rb, JurisdictionStatus& st);
void ExplainNotListed(const rules::Rulebook& rb, const Date& at, const rules::Entry* not_in_force,
                      JurisdictionStatus& st);

// Shared wording: the listing that applies, with its dates; a listing not in force on `at`.
std::string ListedText(const rules::Entry& e, const rules::Listing& st, const Date& at);
std::string NotInForceText(const rules::Entry& e, const Date& at);
void FillListing(const rules::Listing& l, JurisdictionStatus& st);

}  // namespace chokepoint::classify::steps
