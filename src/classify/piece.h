// Pieces: the parts of a molecule that hang off a class rule's core, and the substituent
// vocabulary ("alkyl", "ester", "acyl", ...) they are judged by. See docs/rulebook-format.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rules/rulebook.h"

namespace RDKit {
class ROMol;
}

namespace chokepoint::classify {

struct Piece {
  std::vector<unsigned> atoms;  //!< molecule atom indices of the piece
  // (piece atom, anchor atom) for every bond that joins the piece to the matched core/region.
  std::vector<std::pair<unsigned, unsigned>> attachments;
  unsigned anchor() const { return attachments.front().second; }
};

// True when `piece` is of type `type`.
bool PieceIs(rules::SubstituentType type, const RDKit::ROMol& mol, const Piece& piece);

// The most specific type in `allowed` that `piece` satisfies, or false.
bool ClassifyPiece(const std::vector<rules::SubstituentType>& allowed, const RDKit::ROMol& mol,
                   const Piece& piece, rules::SubstituentType* type);

// Canonical SMILES of the piece with '*' at each attachment ("*C(=O)CC" for propionyl).
std::string PieceSmiles(const RDKit::ROMol& mol, const Piece& piece);

// Identity of a ring for "is this the reference ring" questions: size plus the sorted element
// and aromaticity of its atoms ("6:c,c,c,c,c,c" for benzene).
std::string RingSignature(const RDKit::ROMol& mol, const std::vector<unsigned>& atoms);

}  // namespace chokepoint::classify
