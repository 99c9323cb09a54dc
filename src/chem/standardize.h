// Standardization to the parent structure: strip counter-ions, solvents and water, neutralize,
// keep stereochemistry. Cheap by design: a single neutral component is returned untouched
// (no canonicalization), because that is what almost every input is.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "chem/molecule.h"

namespace chokepoint::chem {

// A component the caller knows by name (counter-ion, solvent, ...), keyed by the canonical
// SMILES of its neutral form. Supplied by the rulebook layer (data/rulebooks/substances.yaml).
struct KnownFragment {
  std::string name;
  std::string role;  //!< "counterion", "solvent", ...
};
using KnownFragments = std::unordered_map<std::string, KnownFragment>;

struct RemovedFragment {
  std::string smiles;  //!< canonical SMILES of the neutral fragment
  std::string name;    //!< known name, or empty
  std::string role;    //!< "counterion", "solvent", "water", "inorganic", "other component"
  int count = 1;       //!< how many copies were in the input
};

struct Standardized {
  MolPtr parent;
  std::vector<RemovedFragment> removed;       //!< in order of first appearance
  std::vector<std::string> other_components;  //!< organic components that were not the parent
  bool neutralized = false;                   //!< charges were changed on the parent
};

// Identifies this build of the standardizer (and the parser it relies on), so caches of
// standardized structures are not read by a build that would standardize differently.
std::string StandardizerStamp();

// Takes ownership of `mol`. `known` may be null.
Result<Standardized> Standardize(MolPtr mol, const KnownFragments* known);

// Neutralizes charges that acids and bases would carry in a salt ([NH+] -> N, [O-] -> OH),
// leaving genuinely charged groups (nitro, N-oxides, quaternary ammonium) alone.
// Returns true when anything changed.
bool Neutralize(RDKit::RWMol& mol);

// Turns gem-diols (ketone hydrates, as some CAS records draw 4-piperidone hydrochloride
// monohydrate) back into the ketone. Returns how many water molecules were removed.
int DehydrateGemDiols(RDKit::RWMol& mol);

}  // namespace chokepoint::chem
