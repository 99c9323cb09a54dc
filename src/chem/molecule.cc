#include "chem/molecule.h"

#include <GraphMol/Descriptors/MolDescriptors.h>
#include <GraphMol/FileParsers/FileParsers.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <RDGeneral/RDLog.h>

#include <cctype>
#include <mutex>

#include "chem/smiles_diagnosis.h"

namespace chokepoint::chem {
namespace {

std::string Quote(std::string_view s) {
  constexpr size_t kMax = 60;
  std::string out(s.substr(0, kMax));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  if (s.size() > kMax) out += "...";
  return "'" + out + "'";
}

// RDKit's sanitization messages, rephrased for people who did not write RDKit.
std::string ExplainSanitizeError(const std::string& what) {
  if (what.find("Can't kekulize") != std::string::npos) {
    return "aromatic ring cannot be kekulized (check lowercase aromatic atoms and [nH]): " + what;
  }
  if (what.find("valence") != std::string::npos) {
    return "chemically impossible valence: " + what;
  }
  return "structure fails sanitization: " + what;
}

Status CheckSize(const RDKit::ROMol& mol, const ParseLimits& limits) {
  if (mol.getNumAtoms() == 0)
    return Status::InvalidArgument("the structure has no atoms", "empty_input");
  if (mol.getNumHeavyAtoms() > limits.max_heavy_atoms) {
    return Status::InvalidArgument("molecule has " + std::to_string(mol.getNumHeavyAtoms()) +
                                       " heavy atoms; the limit is " +
                                       std::to_string(limits.max_heavy_atoms),
                                   "molecule_too_large");
  }
  return Status::OK();
}

}  // namespace

const char* InputTypeName(InputType type) {
  switch (type) {
    case InputType::kAuto:
      return "auto";
    case InputType::kSmiles:
      return "smiles";
    case InputType::kInchi:
      return "inchi";
    case InputType::kCas:
      return "cas";
    case InputType::kName:
      return "name";
    case InputType::kMolfile:
      return "molfile";
  }
  return "auto";
}

Result<InputType> ParseInputType(std::string_view text) {
  for (InputType t : {InputType::kAuto, InputType::kSmiles, InputType::kInchi, InputType::kCas,
                      InputType::kName, InputType::kMolfile}) {
    if (text == InputTypeName(t)) return t;
  }
  return Status::InvalidArgument("unknown input type '" + std::string(text) +
                                 "' (expected smiles, inchi, cas, name or molfile)");
}

void QuietRdkitLogs() {
  static std::once_flag once;
  std::call_once(once, [] { boost::logging::disable_logs("rdApp.*"); });
}

Result<MolPtr> ParseSmiles(std::string_view smiles, const ParseLimits& limits) {
  if (smiles.empty()) return Status::InvalidArgument("empty SMILES", "empty_input");
  if (smiles.size() > limits.max_chars) {
    return Status::InvalidArgument("input is " + std::to_string(smiles.size()) +
                                       " characters long; the limit is " +
                                       std::to_string(limits.max_chars),
                                   "molecule_too_large");
  }
  // Syntax problems are found by our own scanner first: it names the position, and it keeps
  // binary garbage away from the RDKit parser.
  std::string syntax = DiagnoseSmilesSyntax(smiles);
  if (!syntax.empty()) {
    return Status::InvalidArgument("invalid SMILES " + Quote(smiles) + ": " + syntax,
                                   "invalid_smiles");
  }
  // Refuse oversized input before RDKit sees it: sanitization cost grows faster than linearly.
  if (size_t heavy = CountSmilesHeavyAtoms(smiles); heavy > limits.max_heavy_atoms) {
    return Status::InvalidArgument("molecule has " + std::to_string(heavy) +
                                       " heavy atoms; the limit is " +
                                       std::to_string(limits.max_heavy_atoms),
                                   "molecule_too_large");
  }
  RDKit::SmilesParserParams params;
  params.allowCXSMILES = true;
  params.strictCXSMILES = false;
  MolPtr mol;
  try {
    mol.reset(RDKit::SmilesToMol(std::string(smiles), params));
  } catch (const RDKit::MolSanitizeException& e) {
    return Status::InvalidArgument(
        "invalid SMILES " + Quote(smiles) + ": " + ExplainSanitizeError(e.what()),
        "invalid_smiles");
  } catch (const std::exception& e) {
    return Status::InvalidArgument("invalid SMILES " + Quote(smiles) + ": " + e.what(),
                                   "invalid_smiles");
  }
  if (!mol) {
    return Status::InvalidArgument("invalid SMILES " + Quote(smiles) + ": syntax error",
                                   "invalid_smiles");
  }
  CP_RETURN_IF_ERROR(CheckSize(*mol, limits));
  return mol;
}

Result<MolPtr> ParseMolfile(std::string_view molblock, const ParseLimits& limits) {
  if (molblock.size() > limits.max_chars * 20) {
    return Status::InvalidArgument("molfile is too long", "molecule_too_large");
  }
  MolPtr mol;
  try {
    // Size first, on the unsanitized (linear-time) parse, so an oversized molfile never reaches
    // sanitization.
    MolPtr raw(RDKit::MolBlockToMol(std::string(molblock), /*sanitize=*/false, /*removeHs=*/false,
                                    /*strictParsing=*/true));
    if (raw) CP_RETURN_IF_ERROR(CheckSize(*raw, limits));
    mol.reset(RDKit::MolBlockToMol(std::string(molblock), /*sanitize=*/true, /*removeHs=*/true,
                                   /*strictParsing=*/true));
  } catch (const RDKit::MolSanitizeException& e) {
    return Status::InvalidArgument("invalid molfile: " + ExplainSanitizeError(e.what()),
                                   "invalid_molfile");
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("invalid molfile: ") + e.what(), "invalid_molfile");
  }
  if (!mol) return Status::InvalidArgument("invalid molfile: could not be read", "invalid_molfile");
  CP_RETURN_IF_ERROR(CheckSize(*mol, limits));
  return mol;
}

std::string ParserStamp() { return std::string("parse ") + __DATE__ + " " + __TIME__; }

std::string CanonicalSmiles(const RDKit::ROMol& mol, bool with_stereo) {
  return RDKit::MolToSmiles(mol, with_stereo);
}

std::string Formula(const RDKit::ROMol& mol) { return RDKit::Descriptors::calcMolFormula(mol); }

}  // namespace chokepoint::chem
