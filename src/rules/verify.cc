#include "rules/verify.h"

#include <GraphMol/RDKitBase.h>

#include "chem/inchi.h"
#include "chem/molecule.h"
#include "chem/standardize.h"

namespace chokepoint::rules {
namespace {

Result<std::string> ParentKey(const std::string& smiles) {
  CP_ASSIGN_OR_RETURN(chem::MolPtr mol, chem::ParseSmiles(smiles));
  CP_ASSIGN_OR_RETURN(chem::Standardized std, chem::Standardize(std::move(mol), nullptr));
  CP_ASSIGN_OR_RETURN(chem::InchiResult inchi, chem::ToInchi(*std.parent));
  return inchi.inchikey;
}

}  // namespace

const char* OutcomeName(StructureCheck::Outcome o) {
  using O = StructureCheck::Outcome;
  switch (o) {
    case O::kAgree:
      return "agree";
    case O::kExplained:
      return "differ (explained)";
    case O::kUnexplained:
      return "DIFFER";
    case O::kSkeletonOnly:
      return "DIFFER (stereo/charge)";
    case O::kNoCheck:
      return "no second derivation";
    case O::kNoStructure:
      return "no structure";
    case O::kFailed:
      return "FAILED";
  }
  return "?";
}

std::vector<StructureCheck> VerifyStructures(const RulebookSet& set) {
  using O = StructureCheck::Outcome;
  std::vector<StructureCheck> out;
  for (const auto& rb : set.rulebooks()) {
    for (const auto& e : rb.entries) {
      StructureCheck c;
      c.entry = e.get();
      if (!e->HasStructure()) {
        c.outcome = O::kNoStructure;
        out.push_back(std::move(c));
        continue;
      }
      auto key = ParentKey(e->parent_smiles);
      if (!key.ok()) {
        c.outcome = O::kFailed;
        c.problem = "InChI of the entry's structure: " + key.status().message();
        out.push_back(std::move(c));
        continue;
      }
      c.inchikey = *key;
      if (e->check_smiles.empty()) {
        c.outcome = O::kNoCheck;  // a reviewed check.note (if any) says why there is none
        out.push_back(std::move(c));
        continue;
      }
      auto check = ParentKey(e->check_smiles);
      if (!check.ok()) {
        c.outcome = O::kFailed;
        c.problem = "InChI of check.smiles: " + check.status().message();
        out.push_back(std::move(c));
        continue;
      }
      c.check_inchikey = *check;
      if (c.inchikey == c.check_inchikey)
        c.outcome = O::kAgree;
      else if (!e->check_note.empty())
        c.outcome = O::kExplained;
      else if (c.inchikey.substr(0, 14) == c.check_inchikey.substr(0, 14))
        c.outcome = O::kSkeletonOnly;
      else
        c.outcome = O::kUnexplained;
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string CoverageSummary(const Rulebook& rb) {
  if (rb.list_coverage.empty()) return "";
  size_t rows = 0, encoded = 0, omitted = 0, missing = 0;
  std::string as_of;
  for (const auto& c : rb.list_coverage) {
    rows += c.list->rows.size();
    encoded += c.encoded;
    omitted += c.omitted;
    missing += c.missing.size();
    if (c.list->as_of > as_of) as_of = c.list->as_of;
  }
  std::string s = "this rulebook encodes " + std::to_string(encoded) + " of the " +
                  std::to_string(rows) + " items of " + std::to_string(rb.list_coverage.size()) +
                  " official lists" + (as_of.empty() ? "" : " (as of " + as_of + ")");
  if (omitted) s += "; " + std::to_string(omitted) + " are left out with a reviewed reason";
  if (missing)
    s += "; " + std::to_string(missing) +
         " are NOT yet encoded ('chokepoint rulebooks coverage' lists them)";
  return s + ".";
}

}  // namespace chokepoint::rules
