// Explains why a SMILES string does not parse, in words a user can act on.
#pragma once

#include <string>
#include <string_view>

namespace chokepoint::chem {

// Returns a description of the first syntax problem found ("unclosed ring bond 1",
// "unbalanced ')' at position 7", "character ' ' at position 4 is not valid in SMILES"), or an
// empty string when the syntax looks fine (the problem is then chemical, e.g. valence).
std::string DiagnoseSmilesSyntax(std::string_view smiles);

// Number of heavy (non-hydrogen, non-dummy) atoms written in `smiles`, counted from the text
// alone in one linear pass. Lets callers refuse an oversized input before RDKit sanitizes it:
// sanitization (ring perception, CIP ranking) grows faster than linearly with size.
// REQUIRES: DiagnoseSmilesSyntax(smiles) returned "" (brackets are balanced).
size_t CountSmilesHeavyAtoms(std::string_view smiles);

}  // namespace chokepoint::chem
