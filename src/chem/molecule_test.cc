#include "chem/molecule.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include "chem/inchi.h"
#include "chem/smiles_diagnosis.h"

namespace chokepoint::chem {
namespace {

constexpr const char* kFentanyl = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1";

class MoleculeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { QuietRdkitLogs(); }
};

TEST_F(MoleculeTest, ParsesSmilesAndComputesFormula) {
  auto mol = ParseSmiles(kFentanyl);
  ASSERT_TRUE(mol.ok()) << mol.status().ToString();
  EXPECT_EQ(Formula(**mol), "C22H28N2O");
  // Canonical SMILES is independent of the input atom order.
  auto other = ParseSmiles("O=C(CC)N(C1CCN(CCc2ccccc2)CC1)c1ccccc1");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(CanonicalSmiles(**mol), CanonicalSmiles(**other));
}

TEST_F(MoleculeTest, SyntaxErrorsNameTheProblem) {
  auto r = ParseSmiles("CC(=O");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "invalid_smiles");
  EXPECT_EQ(r.status().message(), "invalid SMILES 'CC(=O': 1 '(' never closed");

  r = ParseSmiles("C1CCCC");
  EXPECT_EQ(r.status().message(),
            "invalid SMILES 'C1CCCC': ring bond 1 opened at position 2 is never closed");

  r = ParseSmiles("CC O");
  EXPECT_EQ(r.status().message(),
            "invalid SMILES 'CC O': character ' ' at position 3 is not valid in SMILES");

  r = ParseSmiles(std::string("C\x01\xff", 3));
  EXPECT_EQ(r.status().message(),
            "invalid SMILES 'C?"
            "?': byte 0x01 at position 2 is not valid in SMILES");
}

TEST_F(MoleculeTest, ChemicalErrorsAreExplained) {
  auto r = ParseSmiles("CN(C)(C)(C)C");  // pentavalent neutral nitrogen
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "invalid_smiles");
  EXPECT_NE(r.status().message().find("chemically impossible valence"), std::string::npos)
      << r.status().message();

  r = ParseSmiles("c1cccc1");  // five aromatic carbons cannot be kekulized
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("kekulized"), std::string::npos) << r.status().message();
}

TEST_F(MoleculeTest, RejectsEmptyAndHugeInput) {
  EXPECT_EQ(ParseSmiles("").status().tag(), "empty_input");
  std::string huge;
  for (int i = 0; i < 600; ++i) huge += "C";
  EXPECT_EQ(ParseSmiles(huge).status().tag(), "molecule_too_large");
  EXPECT_EQ(ParseSmiles(std::string(30000, 'C')).status().tag(), "molecule_too_large");
  // A 5,000-atom chain is refused by counting, before RDKit sanitizes (which takes minutes).
  auto chain = ParseSmiles(std::string(5000, 'C'));
  EXPECT_EQ(chain.status().tag(), "molecule_too_large");
  EXPECT_NE(chain.status().message().find("5000 heavy atoms"), std::string::npos)
      << chain.status().message();
}

TEST_F(MoleculeTest, HeavyAtomCountFromTextMatchesRdkit) {
  for (const char* smi :
       {"CCO", "ClCBr", "[2H]C([2H])([2H])Cl", "[H][H]", "c1ccccc1[N+](=O)[O-]", "*CC(=O)O",
        "[Na+].[Cl-]", "OC(=O)[C@@H]1CCCN1", "[nH]1cccc1", "BrC(Br)Br", "[Hg]"}) {
    auto mol = ParseSmiles(smi);
    ASSERT_TRUE(mol.ok()) << smi;
    EXPECT_EQ(CountSmilesHeavyAtoms(smi), (*mol)->getNumHeavyAtoms()) << smi;
  }
}

TEST_F(MoleculeTest, ParsesV2000AndV3000Molfiles) {
  const std::string v2000 =
      "ethanol\n  test\n\n  3  2  0  0  0  0  0  0  0  0999 V2000\n"
      "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
      "    1.2990    0.7500    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
      "    2.5981    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
      "  1  2  1  0\n  2  3  1  0\nM  END\n";
  auto m2 = ParseMolfile(v2000);
  ASSERT_TRUE(m2.ok()) << m2.status().ToString();
  EXPECT_EQ(CanonicalSmiles(**m2), "CCO");

  const std::string v3000 =
      "ethanol\n  test\n\n  0  0  0     0  0            999 V3000\n"
      "M  V30 BEGIN CTAB\nM  V30 COUNTS 3 2 0 0 0\nM  V30 BEGIN ATOM\n"
      "M  V30 1 C 0 0 0 0\nM  V30 2 C 1.299 0.75 0 0\nM  V30 3 O 2.598 0 0 0\n"
      "M  V30 END ATOM\nM  V30 BEGIN BOND\nM  V30 1 1 1 2\nM  V30 2 1 2 3\n"
      "M  V30 END BOND\nM  V30 END CTAB\nM  END\n";
  auto m3 = ParseMolfile(v3000);
  ASSERT_TRUE(m3.ok()) << m3.status().ToString();
  EXPECT_EQ(CanonicalSmiles(**m3), "CCO");

  EXPECT_EQ(ParseMolfile("not a molfile").status().tag(), "invalid_molfile");
}

TEST_F(MoleculeTest, InchiRoundTrip) {
  auto mol = ParseSmiles(kFentanyl);
  ASSERT_TRUE(mol.ok());
  auto inchi = ToInchi(**mol);
  ASSERT_TRUE(inchi.ok()) << inchi.status().ToString();
  // Published standard InChIKey of fentanyl (PubChem CID 3345).
  EXPECT_EQ(inchi->inchikey, "PJMPHNIQZUBGLI-UHFFFAOYSA-N");
  auto back = ParseInchi(inchi->inchi);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CanonicalSmiles(**back), CanonicalSmiles(**mol));
  EXPECT_EQ(ParseInchi("InChI=1S/garbage").status().tag(), "invalid_inchi");
  EXPECT_EQ(ParseInchi("CCO").status().tag(), "invalid_inchi");
}

TEST_F(MoleculeTest, InchiKeepsStereo) {
  // L-alanine, InChIKey from PubChem CID 5950.
  auto mol = ParseSmiles("C[C@@H](C(=O)O)N");
  ASSERT_TRUE(mol.ok());
  auto inchi = ToInchi(**mol);
  ASSERT_TRUE(inchi.ok());
  EXPECT_EQ(inchi->inchikey, "QNAYBMKLOCPYGJ-REOHCLBHSA-N");
}

// Keys computed by Open Babel 3.1.1 for the shared law reference files (an independent oracle).
// A 2D layout once lost the stereo of bridged morphinans and gave an unspecified double bond a
// geometry; stereo now comes from the chiral tags alone.
TEST_F(MoleculeTest, InchiStereoOfBridgedRingsAndUnspecifiedDoubleBonds) {
  const std::pair<const char*, const char*> cases[] = {
      {"CN1CC[C@]23CCCC[C@H]2[C@H]1CC1=CC=C(O)C=C13",
       "JAQUASYNZVUNQP-USXIJHARSA-N"},  // levorphanol
      {"O=C(CN1CC[C@]23CCCC[C@H]2[C@H]1CC1=CC=C(O)C=C13)C1=CC=CC=C1",
       "RCYBMSQOSGJZLO-BGWNEDDSSA-N"},  // levophenacylmorphan
      {"COC1=CC=C2C[C@H]3N(C)CC[C@@]4(C[C@H](O)CC[C@@]34O)C2=C1OC", "LCAHPIFLPICNRW-SVYNMNNPSA-N"},
      {"O1COC2=CC(C=CC)=CC=C12", "VHVOLFRBFDOUSH-UHFFFAOYSA-N"},  // isosafrole, E/Z not given
      {"C/C=C/c1ccc2c(c1)OCO2", "VHVOLFRBFDOUSH-NSCUHMNNSA-N"},   // (E)-isosafrole
  };
  for (const auto& [smiles, key] : cases) {
    auto mol = ParseSmiles(smiles);
    ASSERT_TRUE(mol.ok()) << smiles;
    auto inchi = ToInchi(**mol);
    ASSERT_TRUE(inchi.ok()) << smiles;
    EXPECT_EQ(inchi->inchikey, key) << smiles;
  }
}

}  // namespace
}  // namespace chokepoint::chem
