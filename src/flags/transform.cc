#include "flags/transform.h"

#include <GraphMol/ChemReactions/Reaction.h>
#include <GraphMol/ChemReactions/ReactionParser.h>
#include <GraphMol/MolOps.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <GraphMol/Substruct/SubstructMatch.h>

#include <set>

#include "chem/standardize.h"

namespace chokepoint::flags {

const char* TransformKindName(TransformKind kind) {
  return kind == TransformKind::kForward ? "forward" : "unmask";
}

Result<std::shared_ptr<const RDKit::ChemicalReaction>> CompileTransform(const std::string& smarts) {
  std::shared_ptr<RDKit::ChemicalReaction> rxn;
  try {
    rxn.reset(RDKit::RxnSmartsToChemicalReaction(smarts));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("invalid reaction SMARTS: ") + e.what(),
                                   "invalid_transform");
  }
  if (!rxn) return Status::InvalidArgument("invalid reaction SMARTS", "invalid_transform");
  if (rxn->getNumReactantTemplates() != 1) {
    return Status::InvalidArgument("a transform needs exactly one reactant template (got " +
                                       std::to_string(rxn->getNumReactantTemplates()) + ")",
                                   "invalid_transform");
  }
  if (rxn->getNumProductTemplates() < 1) {
    return Status::InvalidArgument("a transform needs at least one product template",
                                   "invalid_transform");
  }
  bool mapped = false;
  for (const auto* a : (*rxn->beginReactantTemplates())->atoms()) mapped |= a->getAtomMapNum() > 0;
  if (!mapped)
    return Status::InvalidArgument("no atom of the reactant template is mapped",
                                   "invalid_transform");
  try {
    // Done once here so runReactants on the shared const reaction never initializes lazily.
    rxn->initReactantMatchers(true);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("reaction does not validate: ") + e.what(),
                                   "invalid_transform");
  }
  if (!rxn->isInitialized())
    return Status::InvalidArgument("reaction does not validate", "invalid_transform");
  return std::shared_ptr<const RDKit::ChemicalReaction>(std::move(rxn));
}

bool TransformMatches(const Transform& t, const RDKit::ROMol& mol) {
  RDKit::MatchVectType match;
  return RDKit::SubstructMatch(mol, **t.reaction->beginReactantTemplates(), match);
}

namespace {

// Atoms copied from the reactant keep its explicit-hydrogen bookkeeping; an atom that lost a
// neighbour (the N of a removed Boc) must get its hydrogens back from the valence model.
// Aromatic and charged atoms keep theirs: their H count is not implied by valence.
void ResetHydrogens(RDKit::RWMol& mol) {
  for (auto* a : mol.atoms()) {
    if (a->getIsAromatic() || a->getFormalCharge() != 0) continue;
    if (!a->hasProp(RDKit::common_properties::reactantAtomIdx)) continue;
    a->setNoImplicit(false);
    a->setNumExplicitHs(0);
  }
}

}  // namespace

std::vector<Product> ApplyTransform(const Transform& t, const RDKit::ROMol& mol, size_t max_sites) {
  std::vector<Product> out;
  std::set<std::string> seen;
  RDKit::MOL_SPTR_VECT reactants{boost::make_shared<RDKit::ROMol>(mol)};
  std::vector<RDKit::MOL_SPTR_VECT> sets;
  try {
    sets = t.reaction->runReactants(reactants, static_cast<unsigned>(max_sites));
  } catch (const std::exception&) {
    return out;
  }
  const unsigned n = mol.getNumAtoms();
  for (const auto& set : sets) {
    for (const auto& p : set) {
      RDKit::RWMol rw(*p);
      ResetHydrogens(rw);
      try {
        RDKit::MolOps::sanitizeMol(rw);
      } catch (const std::exception&) {
        continue;
      }
      std::vector<std::vector<int>> frags;
      RDKit::MolOps::getMolFrags(rw, frags);
      for (const auto& frag : frags) {
        bool has_mapped = false;
        std::vector<bool> kept(n, false);
        for (int i : frag) {
          const auto* a = rw.getAtomWithIdx(i);
          has_mapped |= a->hasProp(RDKit::common_properties::reactionMapNum);
          unsigned r;
          if (a->getPropIfPresent(RDKit::common_properties::reactantAtomIdx, r) && r < n)
            kept[r] = true;
        }
        // A fragment of only unmapped atoms is debris the template cut loose (an ester's alkyl).
        if (!has_mapped) continue;
        std::string smi;
        try {
          smi = RDKit::MolFragmentToSmiles(rw, std::vector<int>(frag.begin(), frag.end()));
        } catch (const std::exception&) {
          continue;
        }
        auto parsed = chem::ParseSmiles(smi);
        if (!parsed.ok()) continue;
        auto std = chem::Standardize(std::move(*parsed), nullptr);
        if (!std.ok()) continue;
        std::string canon = chem::CanonicalSmiles(*std->parent);
        if (!seen.insert(canon).second) continue;
        Product prod;
        prod.smiles = canon;
        prod.mol = std::shared_ptr<RDKit::ROMol>(std->parent.release());
        for (unsigned i = 0; i < n; ++i)
          if (!kept[i]) prod.removed_atoms.push_back(i);
        out.push_back(std::move(prod));
      }
    }
  }
  return out;
}

}  // namespace chokepoint::flags
