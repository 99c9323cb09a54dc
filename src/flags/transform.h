// Unmasking transforms: reviewed one-step reactions (deprotection, hydrolysis, the short forward
// steps of the fentanyl routes) that turn an unlisted chemical into a listed one.
//
// A transform is data (data/transforms/*.yaml, see docs/flags.md): an RDKit reaction SMARTS with
// one reactant template and one or more product templates. Applying it enumerates every site
// where the reactant template matches; every connected product fragment that keeps at least one
// mapped atom is a product (so an amide hydrolysis yields both the amine and the acid, and the
// detached tert-butyl of a Boc group yields nothing).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chem/molecule.h"
#include "flags/element_floor.h"
#include "rules/rulebook.h"
#include "util/status.h"

namespace RDKit {
class ChemicalReaction;
class ROMol;
}  // namespace RDKit

namespace chokepoint::flags {

enum class TransformKind {
  kUnmask,   //!< removes a mask: deprotection, hydrolysis, debenzylation
  kForward,  //!< a short forward step of a synthesis route (reductive amination, acylation ...)
};
const char* TransformKindName(TransformKind kind);

// One tested example of a transform, from the data file.
struct TransformExample {
  std::string input;                   //!< SMILES
  std::vector<std::string> gives;      //!< each must be among the products (canonical comparison)
  std::vector<std::string> not_gives;  //!< none may be among the products
  bool applies = true;                 //!< false: the transform must produce nothing at all
  std::string why;                     //!< reviewer note
  rules::Location location;
};

struct Transform {
  std::string id;    //!< stable, e.g. "deprotect.boc"
  std::string name;  //!< shown in explanations: "Boc deprotection"
  TransformKind kind = TransformKind::kUnmask;
  std::string smarts;
  std::string chemistry;  //!< conditions and what happens, for reviewers
  std::string citation;   //!< literature or legal source showing the step is used / easy
  std::vector<TransformExample> examples;
  std::shared_ptr<const RDKit::ChemicalReaction> reaction;  //!< compiled, matchers initialized
  ElementFloor floor;  //!< of the reactant template: skip molecules that cannot match
  rules::Location location;
};

// A product of one application, already standardized to its parent.
struct Product {
  std::shared_ptr<RDKit::ROMol> mol;
  std::string smiles;                   //!< canonical, stereo kept
  std::vector<unsigned> removed_atoms;  //!< atoms of the reactant that are not in this product
};

// Compiles and checks a reaction SMARTS: exactly one reactant template, at least one product
// template, at least one mapped atom. Converts RDKit exceptions into an InvalidArgument.
Result<std::shared_ptr<const RDKit::ChemicalReaction>> CompileTransform(const std::string& smarts);

// Applies `t` at every matching site of `mol` (at most `max_sites` sites) and returns the
// distinct products in a deterministic order (site order, then product template order).
// Products that fail sanitization are dropped: a reaction SMARTS can describe impossible
// valences at odd sites, and such a product is not something anyone can make.
std::vector<Product> ApplyTransform(const Transform& t, const RDKit::ROMol& mol,
                                    size_t max_sites = 16);

// Cheap test: does the reactant template match `mol` at all?
bool TransformMatches(const Transform& t, const RDKit::ROMol& mol);

}  // namespace chokepoint::flags
