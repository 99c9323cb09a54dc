// Parsing outside chemical input into RDKit molecules, with errors a user can act on.
//
// RDKit reports problems by returning null or throwing; this adapter turns both into Status
// values tagged for machine consumers: "invalid_smiles", "invalid_molfile", "invalid_inchi",
// "molecule_too_large", "empty_input".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "util/status.h"

namespace RDKit {
class ROMol;
class RWMol;
}  // namespace RDKit

namespace chokepoint::chem {

using MolPtr = std::unique_ptr<RDKit::RWMol>;

enum class InputType { kAuto, kSmiles, kInchi, kCas, kName, kMolfile };

const char* InputTypeName(InputType type);
// Parses the value of `--as` ("smiles", "inchi", "cas", "name", "molfile").
Result<InputType> ParseInputType(std::string_view text);

struct ParseLimits {
  size_t max_chars = 20000;        //!< longer text is rejected before parsing
  unsigned max_heavy_atoms = 500;  //!< bigger molecules are rejected ("molecule_too_large")
};

Result<MolPtr> ParseSmiles(std::string_view smiles, const ParseLimits& limits = {});
// V2000 or V3000 molfile (a single record; SD data after "M  END" is ignored).
Result<MolPtr> ParseMolfile(std::string_view molblock, const ParseLimits& limits = {});

// Canonical isomeric SMILES (stereo kept) and, optionally, without stereochemistry.
std::string CanonicalSmiles(const RDKit::ROMol& mol, bool with_stereo = true);
// Hill-order molecular formula, e.g. "C22H28N2O".
std::string Formula(const RDKit::ROMol& mol);

// Identifies this build of the parser (for caches of derived structures).
std::string ParserStamp();

// Silences RDKit's own logging (we report errors ourselves). Call once at start-up.
void QuietRdkitLogs();

}  // namespace chokepoint::chem
