#include "chem/inchi.h"

#include <GraphMol/RDKitBase.h>
#include <inchi_api.h>

#include <cstring>
#include <mutex>
#include <vector>

namespace chokepoint::chem {
namespace {

// The InChI library keeps global state in places; serialize calls into it.
std::mutex& InchiMutex() {
  static std::mutex m;
  return m;
}

S_CHAR ToInchiBond(RDKit::Bond::BondType t) {
  switch (t) {
    case RDKit::Bond::SINGLE:
      return INCHI_BOND_TYPE_SINGLE;
    case RDKit::Bond::DOUBLE:
      return INCHI_BOND_TYPE_DOUBLE;
    case RDKit::Bond::TRIPLE:
      return INCHI_BOND_TYPE_TRIPLE;
    case RDKit::Bond::AROMATIC:
      return INCHI_BOND_TYPE_ALTERN;
    default:
      return INCHI_BOND_TYPE_SINGLE;
  }
}

// InChI 0D stereo from RDKit's chiral tags and double-bond stereo, so no 2D layout is needed:
// a layout can mis-draw bridged ring systems (morphinans) and lose or invent stereo, and it gives
// double bonds the caller left unspecified a geometry InChI would read as E or Z.
//
// RDKit: a tetrahedral tag is relative to the atom's bond order; CW means that, seen from the first
// neighbour, the others turn clockwise, with an implicit H (or lone pair) taken as the last
// neighbour. InChI: with four neighbours {W,X,Y,Z}, parity 'e' when X,Y,Z turn clockwise seen from
// W; with three, the central atom is listed first and stands for the H, seen from which X,Y,Z
// turning clockwise is 'e'. Moving the H from last to first is an odd permutation, hence the flip.
std::vector<inchi_Stereo0D> Stereo0D(const RDKit::ROMol& mol) {
  std::vector<inchi_Stereo0D> out;
  for (const auto* a : mol.atoms()) {
    auto tag = a->getChiralTag();
    if (tag != RDKit::Atom::CHI_TETRAHEDRAL_CW && tag != RDKit::Atom::CHI_TETRAHEDRAL_CCW) continue;
    std::vector<AT_NUM> nbrs;
    for (const auto* b : mol.atomBonds(a))
      nbrs.push_back(static_cast<AT_NUM>(b->getOtherAtomIdx(a->getIdx())));
    const bool cw = tag == RDKit::Atom::CHI_TETRAHEDRAL_CW;
    inchi_Stereo0D st{};
    st.central_atom = static_cast<AT_NUM>(a->getIdx());
    st.type = INCHI_StereoType_Tetrahedral;
    if (nbrs.size() == 4) {
      for (int i = 0; i < 4; ++i) st.neighbor[i] = nbrs[i];
      st.parity = cw ? INCHI_PARITY_EVEN : INCHI_PARITY_ODD;
    } else if (nbrs.size() == 3) {
      st.neighbor[0] = st.central_atom;
      for (int i = 0; i < 3; ++i) st.neighbor[i + 1] = nbrs[i];
      st.parity = cw ? INCHI_PARITY_ODD : INCHI_PARITY_EVEN;
    } else {
      continue;
    }
    out.push_back(st);
  }
  for (const auto* b : mol.bonds()) {
    if (b->getBondType() != RDKit::Bond::DOUBLE) continue;
    auto s = b->getStereo();
    bool trans = s == RDKit::Bond::STEREOE || s == RDKit::Bond::STEREOTRANS;
    bool cis = s == RDKit::Bond::STEREOZ || s == RDKit::Bond::STEREOCIS;
    if ((!trans && !cis) || b->getStereoAtoms().size() != 2) continue;
    int x = b->getStereoAtoms()[0], y = b->getStereoAtoms()[1];
    unsigned a1 = b->getBeginAtomIdx(), a2 = b->getEndAtomIdx();
    if (!mol.getBondBetweenAtoms(x, a1)) std::swap(a1, a2);
    if (!mol.getBondBetweenAtoms(x, a1) || !mol.getBondBetweenAtoms(y, a2)) continue;
    inchi_Stereo0D st{};
    st.central_atom = NO_ATOM;
    st.type = INCHI_StereoType_DoubleBond;
    st.neighbor[0] = static_cast<AT_NUM>(x);
    st.neighbor[1] = static_cast<AT_NUM>(a1);
    st.neighbor[2] = static_cast<AT_NUM>(a2);
    st.neighbor[3] = static_cast<AT_NUM>(y);
    st.parity = trans ? INCHI_PARITY_EVEN : INCHI_PARITY_ODD;
    out.push_back(st);
  }
  return out;
}

}  // namespace

Result<InchiResult> ToInchi(const RDKit::ROMol& input) {
  RDKit::RWMol mol(input);
  try {
    RDKit::MolOps::Kekulize(mol, /*markAtomsBonds=*/true);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("cannot prepare structure for InChI: ") + e.what(),
                                   "inchi_failed");
  }
  const unsigned n = mol.getNumAtoms();
  if (n >= 1024) return Status::InvalidArgument("too many atoms for InChI", "molecule_too_large");
  std::vector<inchi_Atom> atoms(n);
  std::memset(atoms.data(), 0, sizeof(inchi_Atom) * n);
  for (const auto* a : mol.atoms()) {
    inchi_Atom& ia = atoms[a->getIdx()];  // coordinates stay zero: stereo comes from 0D parities
    std::strncpy(ia.elname, a->getSymbol().c_str(), ATOM_EL_LEN - 1);
    ia.num_iso_H[0] = static_cast<S_CHAR>(a->getTotalNumHs());
    ia.charge = static_cast<S_CHAR>(a->getFormalCharge());
    ia.radical = a->getNumRadicalElectrons() ? INCHI_RADICAL_DOUBLET : INCHI_RADICAL_NONE;
    if (a->getIsotope()) ia.isotopic_mass = static_cast<AT_NUM>(a->getIsotope());
  }
  for (const auto* b : mol.bonds()) {
    unsigned i = b->getBeginAtomIdx();
    inchi_Atom& ia = atoms[i];
    if (ia.num_bonds >= MAXVAL)
      return Status::InvalidArgument("atom with too many bonds", "inchi_failed");
    ia.neighbor[ia.num_bonds] = static_cast<AT_NUM>(b->getEndAtomIdx());
    ia.bond_type[ia.num_bonds] = ToInchiBond(b->getBondType());
    ia.bond_stereo[ia.num_bonds] = INCHI_BOND_STEREO_NONE;
    ++ia.num_bonds;
  }
  std::vector<inchi_Stereo0D> stereo = Stereo0D(mol);
  inchi_Input in{};
  in.atom = atoms.data();
  in.num_atoms = static_cast<AT_NUM>(n);
  in.stereo0D = stereo.empty() ? nullptr : stereo.data();
  in.num_stereo0D = static_cast<AT_NUM>(stereo.size());
  // -W: InChI's own time limit per structure (seconds), so one pathological input cannot hold a
  // worker however the caller budgets its time.
  char options[] = "-AuxNone -W2";
  in.szOptions = options;
  inchi_Output out{};
  std::lock_guard<std::mutex> lock(InchiMutex());
  int rc = GetStdINCHI(&in, &out);
  InchiResult result;
  if ((rc == inchi_Ret_OKAY || rc == inchi_Ret_WARNING) && out.szInChI) {
    result.inchi = out.szInChI;
  }
  std::string message = out.szMessage ? out.szMessage : "";
  FreeStdINCHI(&out);
  if (result.inchi.empty()) {
    return Status::InvalidArgument("InChI generation failed: " + message, "inchi_failed");
  }
  char key[32] = {0}, x1[72] = {0}, x2[72] = {0};
  if (GetINCHIKeyFromINCHI(result.inchi.c_str(), 0, 0, key, x1, x2) != INCHIKEY_OK) {
    return Status::Internal("InChIKey generation failed for " + result.inchi, "inchi_failed");
  }
  result.inchikey = key;
  return result;
}

Result<MolPtr> ParseInchi(std::string_view text, bool* stereo_dropped) {
  if (text.substr(0, 6) != "InChI=") {
    return Status::InvalidArgument("InChI must start with 'InChI='", "invalid_inchi");
  }
  if (text.size() > 20000)
    return Status::InvalidArgument("InChI is too long", "molecule_too_large");
  std::string copy(text);
  char options[] = "";
  inchi_InputINCHI in{copy.data(), options};
  inchi_OutputStruct out{};
  std::unique_lock<std::mutex> lock(InchiMutex());
  int rc = GetStructFromINCHI(&in, &out);
  if (!(rc == inchi_Ret_OKAY || rc == inchi_Ret_WARNING) || out.num_atoms == 0) {
    std::string message = out.szMessage ? out.szMessage : "not a valid InChI";
    FreeStructFromINCHI(&out);
    return Status::InvalidArgument("invalid InChI: " + message, "invalid_inchi");
  }
  auto mol = std::make_unique<RDKit::RWMol>();
  for (int i = 0; i < out.num_atoms; ++i) {
    const inchi_Atom& ia = out.atom[i];
    auto* atom = new RDKit::Atom(0);
    try {
      atom->setAtomicNum(RDKit::PeriodicTable::getTable()->getAtomicNumber(ia.elname));
    } catch (const std::exception&) {
      delete atom;
      FreeStructFromINCHI(&out);
      return Status::InvalidArgument(std::string("invalid InChI: unknown element ") + ia.elname,
                                     "invalid_inchi");
    }
    atom->setFormalCharge(ia.charge);
    int h = ia.num_iso_H[0] + ia.num_iso_H[1] + ia.num_iso_H[2] + ia.num_iso_H[3];
    atom->setNumExplicitHs(h < 0 ? 0 : h);
    atom->setNoImplicit(true);
    if (ia.radical == INCHI_RADICAL_DOUBLET) atom->setNumRadicalElectrons(1);
    mol->addAtom(atom, false, true);
  }
  for (int i = 0; i < out.num_atoms; ++i) {
    const inchi_Atom& ia = out.atom[i];
    for (int j = 0; j < ia.num_bonds; ++j) {
      int k = ia.neighbor[j];
      if (k <= i) continue;  // each bond is listed from both ends
      RDKit::Bond::BondType t = RDKit::Bond::SINGLE;
      if (ia.bond_type[j] == INCHI_BOND_TYPE_DOUBLE) t = RDKit::Bond::DOUBLE;
      if (ia.bond_type[j] == INCHI_BOND_TYPE_TRIPLE) t = RDKit::Bond::TRIPLE;
      if (ia.bond_type[j] == INCHI_BOND_TYPE_ALTERN) t = RDKit::Bond::AROMATIC;
      mol->addBond(static_cast<unsigned>(i), static_cast<unsigned>(k), t);
    }
  }
  if (stereo_dropped) *stereo_dropped = out.num_stereo0D > 0;
  FreeStructFromINCHI(&out);
  lock.unlock();
  try {
    RDKit::MolOps::sanitizeMol(*mol);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(
        std::string("invalid InChI: structure fails sanitization: ") + e.what(), "invalid_inchi");
  }
  return mol;
}

}  // namespace chokepoint::chem
