// InChI and InChIKey through the IUPAC InChI library (Debian libinchi), since Debian's RDKit is
// built without InChI support.
#pragma once

#include <string>
#include <string_view>

#include "chem/molecule.h"

namespace chokepoint::chem {

struct InchiResult {
  std::string inchi;     //!< standard InChI, "InChI=1S/..."
  std::string inchikey;  //!< 27-character standard InChIKey
};

// Standard InChI of `mol` (stereo from 2D coordinates computed on a copy). Costs many SMILES
// parses: call only when an answer needs it.
Result<InchiResult> ToInchi(const RDKit::ROMol& mol);

// Builds a molecule from an InChI string. Connectivity, charges, isotopes and H counts are kept;
// 0D stereo parities are not transferred (the result has no stereo; callers are told so through
// `stereo_dropped`).
Result<MolPtr> ParseInchi(std::string_view inchi, bool* stereo_dropped = nullptr);

}  // namespace chokepoint::chem
