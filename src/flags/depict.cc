#include "flags/depict.h"

#include <GraphMol/Depictor/RDDepictor.h>
#include <GraphMol/MolDraw2D/MolDraw2DSVG.h>
#include <GraphMol/MolDraw2D/MolDraw2DUtils.h>
#include <GraphMol/RDKitBase.h>

#include <algorithm>
#include <map>
#include <set>

#include "chem/standardize.h"
#include "rules/rulebook_set.h"

namespace chokepoint::flags {

using rules::Category;

Result<Depiction> Depict(const classify::Engine& engine, std::string_view input,
                         const DepictOptions& options) {
  Depiction d;
  d.record = engine.Classify(input, options.classify);
  if (!d.record.ok) return d.record.error;
  // The same resolution and standardization as Classify (both deterministic), so atom indices of
  // statuses and flags refer to this molecule.
  chem::InputType type;
  std::string name;
  std::vector<std::string> suggestions, notes;
  auto mol = engine.Resolve(input, options.classify, &type, &name, &suggestions, &notes);
  if (!mol.ok()) return mol.status();
  auto std = chem::Standardize(std::move(*mol), &engine.rules().known_fragments());
  if (!std.ok()) return std.status();
  RDKit::RWMol& parent = *std->parent;
  const unsigned n = parent.getNumAtoms();

  const classify::Record& r = d.record;
  if (!options.jurisdiction.empty() && !r.status.count(options.jurisdiction)) {
    return Status::InvalidArgument("jurisdiction '" + options.jurisdiction +
                                   "' is not among the classified ones");
  }
  if (options.flag >= static_cast<int>(r.flags.size())) {
    return Status::InvalidArgument("the record has " + std::to_string(r.flags.size()) +
                                   " flag(s); there is no flag " + std::to_string(options.flag));
  }
  const classify::JurisdictionStatus* st = nullptr;
  std::string j;
  if (options.flag < 0) {
    for (const auto& [jur, s] : r.status) {
      if (!options.jurisdiction.empty() && jur != options.jurisdiction) continue;
      if (s.category == Category::kNone) continue;
      st = &s;
      j = jur;
      break;
    }
  }
  const std::string who = r.substance.name.empty() ? r.substance.smiles : r.substance.name;
  if (st) {
    if (!st->matched_atoms.empty()) {
      d.atoms = st->matched_atoms;
      d.legend =
          who + " - " + j + " " + st->listing + " [" + st->basis + "]: matched core of " + st->rule;
    } else {
      for (unsigned i = 0; i < n; ++i) d.atoms.push_back(i);
      d.legend = who + " - " + j + " " + st->listing + " [" + st->basis + "]: " + st->rule;
    }
  } else if (!r.flags.empty()) {
    const classify::Flag* f = nullptr;
    if (options.flag >= 0) f = &r.flags[options.flag];
    for (const auto& x : r.flags) {
      if (f) break;
      bool in_j = options.jurisdiction.empty() ||
                  std::find(x.jurisdictions.begin(), x.jurisdictions.end(), options.jurisdiction) !=
                      x.jurisdictions.end();
      if (in_j) f = &x;
    }
    if (!f) f = &r.flags.front();
    d.atoms = f->atoms;
    std::string what = f->type == "masked_precursor"  ? "atoms removed on the way to "
                       : f->type == "emerging_threat" ? "watched: "
                                                      : "close to ";
    d.legend = who + " - " + f->type + ": " + what + f->target;
  } else {
    d.legend = who + " - " + r.verdict;
  }
  d.atoms.erase(std::remove_if(d.atoms.begin(), d.atoms.end(), [n](unsigned a) { return a >= n; }),
                d.atoms.end());

  std::vector<int> atoms(d.atoms.begin(), d.atoms.end()), bonds;
  std::set<int> in(atoms.begin(), atoms.end());
  for (const auto* b : parent.bonds())
    if (in.count(b->getBeginAtomIdx()) && in.count(b->getEndAtomIdx()))
      bonds.push_back(b->getIdx());
  // Legal status in red, flags in amber: the reviewer tells "is listed" from "leads to" at a
  // glance.
  const RDKit::DrawColour colour =
      st ? RDKit::DrawColour(1.0, 0.55, 0.55) : RDKit::DrawColour(1.0, 0.75, 0.3);
  std::map<int, RDKit::DrawColour> atom_colours, bond_colours;
  for (int a : atoms) atom_colours[a] = colour;
  for (int b : bonds) bond_colours[b] = colour;
  try {
    RDDepict::compute2DCoords(parent);
    RDKit::MolDraw2DSVG drawer(options.width, options.height);
    RDKit::MolDraw2DUtils::prepareAndDrawMolecule(drawer, parent, d.legend, &atoms, &bonds,
                                                  &atom_colours, &bond_colours);
    drawer.finishDrawing();
    d.svg = drawer.getDrawingText();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("depiction failed: ") + e.what(), "depiction_failed");
  }
  return d;
}

Result<std::string> DepictSvg(const classify::Engine& engine, std::string_view input,
                              const DepictOptions& options) {
  auto d = Depict(engine, input, options);
  if (!d.ok()) return d.status();
  return std::move(d->svg);
}

}  // namespace chokepoint::flags
