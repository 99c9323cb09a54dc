// Evaluates a declarative class rule (core scaffold + regions) on a molecule and says which
// modifications made the match, e.g. US (D)+(E), or why the closest core match was rejected.
#pragma once

#include <string>
#include <vector>

#include "rules/rulebook.h"

namespace RDKit {
class ROMol;
}

namespace chokepoint::classify {

struct RegionFinding {
  std::string region;                     //!< region name
  std::string modification;               //!< label reported ("(E)"), empty when unmodified
  std::vector<std::string> substituents;  //!< "*C(=O)c1ccco1 (acyl)"
  std::string ring;                       //!< ring signature when the region is a ring
};

struct ClassMatch {
  bool matched = false;
  std::vector<std::string> modifications;  //!< distinct labels in region order
  std::vector<std::string> basis_words;    //!< derivative classes: "amide", "carbamate", ...
  std::vector<RegionFinding> regions;
  std::vector<unsigned> core_atoms;  //!< for depiction
  std::string rejection;             //!< when the core matched but a region did not
};

ClassMatch MatchClass(const RDKit::ROMol& mol, const rules::ClassRule& rule);

}  // namespace chokepoint::classify
