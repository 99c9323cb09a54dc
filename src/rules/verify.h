// Checks of the legal data that are too costly for every load (InChI) or that are about the data's
// completeness rather than its validity: `chokepoint rulebooks verify|coverage` and the test suite.
#pragma once

#include <string>
#include <vector>

#include "rules/rulebook_set.h"

namespace chokepoint::rules {

// One entry's structure compared with its second, independent derivation (`check:`).
struct StructureCheck {
  const Entry* entry = nullptr;
  std::string inchikey;        //!< of the entry's structure (parent)
  std::string check_inchikey;  //!< of `check.smiles` (largest fragment, standardized the same way)
  enum class Outcome {
    kAgree,         //!< same full InChIKey
    kExplained,     //!< different, and `check.note` says why (reviewed)
    kUnexplained,   //!< different with no note: an error
    kSkeletonOnly,  //!< same first block (connectivity), stereo/charge layers differ, no note: an
                    //!< error
    kNoCheck,       //!< the entry has no second derivation
    kNoStructure,   //!< no_structure entry
    kFailed,        //!< InChI could not be computed (message in `problem`)
  } outcome = Outcome::kNoCheck;
  std::string problem;
};

// Compares every structured entry with its `check`. Costly (two InChIs per entry).
std::vector<StructureCheck> VerifyStructures(const RulebookSet& set);

// True for outcomes a reviewer must fix.
inline bool IsProblem(StructureCheck::Outcome o) {
  return o == StructureCheck::Outcome::kUnexplained ||
         o == StructureCheck::Outcome::kSkeletonOnly || o == StructureCheck::Outcome::kFailed;
}
const char* OutcomeName(StructureCheck::Outcome o);

// One line per jurisdiction for "not listed" explanations: how much of the official lists is
// encoded (filled in by the loader into Rulebook::coverage).
std::string CoverageSummary(const Rulebook& rb);

}  // namespace chokepoint::rules
