#include "server/depict.h"

#include <GraphMol/Depictor/RDDepictor.h>
#include <GraphMol/GraphMol.h>
#include <GraphMol/MolDraw2D/MolDraw2DSVG.h>
#include <GraphMol/MolDraw2D/MolDraw2DUtils.h>

#include <set>

#include "chem/standardize.h"

namespace chokepoint::server {

Result<Depiction> DepictSubstance(const classify::Engine& engine, std::string_view input,
                                  const classify::ClassifyOptions& options, int width, int height) {
  chem::InputType type;
  std::string name;
  std::vector<std::string> suggestions, notes;
  CP_ASSIGN_OR_RETURN(chem::MolPtr mol,
                      engine.Resolve(input, options, &type, &name, &suggestions, &notes));
  CP_ASSIGN_OR_RETURN(chem::Standardized std,
                      chem::Standardize(std::move(mol), &engine.rules().known_fragments()));
  const RDKit::ROMol& parent = *std.parent;
  Depiction out;
  out.smiles = chem::CanonicalSmiles(parent);
  auto status = engine.StatusOf(parent, out.smiles, !std.removed.empty(), options);
  std::set<unsigned> atoms;
  for (const auto& [j, st] : status)
    for (unsigned a : st.matched_atoms)
      if (a < parent.getNumAtoms()) atoms.insert(a);
  out.highlight.assign(atoms.begin(), atoms.end());
  try {
    RDKit::RWMol draw(parent);
    RDKit::MolDraw2DUtils::prepareMolForDrawing(draw);
    RDKit::MolDraw2DSVG drawer(width, height);
    drawer.drawOptions().clearBackground = true;
    std::vector<int> hl(out.highlight.begin(), out.highlight.end());
    std::vector<int> bonds;
    for (const auto* b : draw.bonds())
      if (atoms.count(b->getBeginAtomIdx()) && atoms.count(b->getEndAtomIdx()))
        bonds.push_back(static_cast<int>(b->getIdx()));
    drawer.drawMolecule(draw, "", &hl, &bonds);
    drawer.finishDrawing();
    out.svg = drawer.getDrawingText();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("cannot draw this structure: ") + e.what(),
                                   "depiction_failed");
  }
  return out;
}

}  // namespace chokepoint::server
