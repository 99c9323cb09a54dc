// Class rules of data/rulebooks evaluated on real class members and near misses.
// Expected answers were reasoned by hand from the legal texts (SOURCES.md §1, 21 CFR 1310.02).
#include "classify/class_matcher.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "chem/molecule.h"
#include "rules/rulebook_set.h"

namespace chokepoint::classify {
namespace {

namespace fs = std::filesystem;

// Loads only the class files, so these tests do not depend on the entry lists.
const rules::RulebookSet& Classes() {
  static std::shared_ptr<const rules::RulebookSet> set = [] {
    fs::path dir = fs::temp_directory_path() / ("cp_classes_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    for (const char* j : {"us", "cn"}) {
      fs::create_directories(dir / j);
      fs::copy_file(fs::path("data/rulebooks") / j / "classes.yaml", dir / j / "classes.yaml");
    }
    auto r = rules::LoadRulebooks(dir.string());
    fs::remove_all(dir);
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return *r;
  }();
  return *set;
}

const rules::ClassRule& Rule(const std::string& id) {
  for (const auto& rb : Classes().rulebooks())
    for (const auto& c : rb.classes)
      if (c->id == id) return *c;
  throw std::runtime_error("no rule " + id);
}

// Returns "no" or the modifications joined with "+" ("" when matched unmodified).
std::string Mods(const std::string& rule, const std::string& smiles) {
  auto mol = chem::ParseSmiles(smiles);
  EXPECT_TRUE(mol.ok()) << smiles;
  ClassMatch m = MatchClass(**mol, Rule(rule));
  if (!m.matched) return "no";
  std::string s;
  for (const auto& x : m.modifications) s += (s.empty() ? "" : "+") + x;
  return s;
}

std::string Basis(const std::string& rule, const std::string& smiles) {
  auto mol = chem::ParseSmiles(smiles);
  ClassMatch m = MatchClass(**mol, Rule(rule));
  if (!m.matched) return "no";
  std::string s;
  for (const auto& x : m.basis_words) s += (s.empty() ? "" : "+") + x;
  return s;
}

constexpr const char* kUs = "us.csa.fentanyl_related_substances";
constexpr const char* kCn = "cn.supp.fentanyl_class";

TEST(FentanylClassTest, ReferenceItselfIsUnmodified) {
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "");
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "");
}

TEST(FentanylClassTest, UsModificationsAreNamed) {
  EXPECT_EQ(Mods(kUs, "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "(E)");        // acetylfentanyl
  EXPECT_EQ(Mods(kUs, "O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "(E)");  // furanylfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1"), "(D)");  // para-fluorofentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccn1)C1CCN(CCc2ccccc2)CC1"), "(D)");     // pyridyl aniline
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1C"), "(C)");    // 3-methylfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCc2ccccc2)CC1"),
            "(C)");                                                          // carfentanil: ester
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(C(C)Cc2ccccc2)CC1"), "(B)");  // alpha-methylfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CC(O)c2ccccc2)CC1"), "(B)");  // beta-hydroxyfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccc(F)cc2)CC1"),
            "(B)");  // halo on the phenethyl phenyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCc2cccs2)CC1"), "(A)");           // thiofentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCC2CCCCC2)CC1"), "(A)");          // any monocycle
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1(COC)CCN(CCc2cccs2)CC1"), "(C)+(A)");  // sufentanil
  EXPECT_EQ(Mods(kUs, "O=C(C1CC1)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1"), "(E)+(D)");
}

TEST(FentanylClassTest, UsRejectsNearMisses) {
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(Cc2ccccc2)CC1"), "no");    // benzylfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCNCC1"), "no");               // norfentanyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCCN(CCc2ccccc2)CC1"), "no");  // azepane ring expansion
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccc2ccccc2c1)C1CCN(CCc2ccccc2)CC1"),
            "no");  // naphthyl: not a monocycle
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCCc2ccccc2)CC1"), "no");       // phenylpropyl
  EXPECT_EQ(Mods(kUs, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccc3ccccc3c2)CC1"), "no");  // naphthylethyl
  EXPECT_EQ(Mods(kUs, "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1"), "no");               // 4-ANPP: no acyl
  EXPECT_EQ(Mods(kUs, "CCCCN1CCCCC1C(=O)Nc1c(C)cccc1C"), "no");                // bupivacaine
  EXPECT_EQ(Mods(kUs, "COc1ccc(CCN2CCC(CC2)Nc2nc3ccccc3n2Cc2ccc(F)cc2)cc1"), "no");  // astemizole
  EXPECT_EQ(Mods(kUs, "COC1CN(CCCOc2ccc(F)cc2)CCC1NC(=O)c1cc(Cl)c(N)cc1OC"), "no");  // cisapride
  EXPECT_EQ(Mods(kUs, "CN(C)C(=O)C(CCN1CCC(O)(CC1)c1ccc(Cl)cc1)(c1ccccc1)c1ccccc1"),
            "no");  // loperamide
}

TEST(FentanylClassTest, ChinaCoversAnyNSubstituentButHydrogen) {
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCN(Cc2ccccc2)CC1"), "(四)");  // benzylfentanyl
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCN(C)CC1"), "(四)");          // N-methyl norfentanyl
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCN(C(=O)OC(C)(C)C)CC1"), "(四)");  // Boc-norfentanyl
  EXPECT_EQ(Mods(kCn, "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "(一)");
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1"), "(二)");
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1C"), "(三)");
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCNCC1"), "no");               // norfentanyl: N-H
  EXPECT_EQ(Mods(kCn, "CCC(=O)N(c1ccccc1)C1CCCN(CCc2ccccc2)CC1"), "no");  // azepane
  EXPECT_EQ(Mods(kCn, "CCCCN1CCCCC1C(=O)Nc1c(C)cccc1C"), "no");           // bupivacaine
}

constexpr const char* kNit = "cn.supp.nitazene_class";
constexpr const char* kNit2 = "cn.supp.nitazene_class_c2";

TEST(NitazeneClassTest, ModificationsAndNearMisses) {
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"), "");  // etonitazene
  EXPECT_EQ(Mods(kNit, "CC(C)Oc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"),
            "(三)");                                                      // isotonitazene
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3ccccc3n2CCN(CC)CC)cc1"), "(一)");  // etodesnitazene
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN2CCCC2)cc1"),
            "(四)");                                                                // etonitazepyne
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCNCC)cc1"), "(四)");  // N-desethyl
  EXPECT_EQ(Mods(kNit, "CCOc1ccc2ccccc2c1Cc1nc2cc([N+](=O)[O-])ccc2n1CCN(CC)CC"),
            "(三)");  // naphthyl: any aromatic
  EXPECT_EQ(Mods(kNit2, "CCOc1ccc(CCc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"),
            "(二)");  // C2 linker
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCCN(CC)CC)cc1"),
            "no");  // propyl linker: fixed
  EXPECT_EQ(Mods(kNit, "CC(c1ccc(Br)cc1)N1CCC(CC1)n1c(=O)[nH]c2ccccc21"), "no");  // brorphine
  EXPECT_EQ(Mods(kNit, "Clc1ccc(Cn2c(CN3CCCC3)nc3ccccc32)cc1"), "no");            // clemizole
  EXPECT_EQ(Mods(kNit, "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)C(C)=O)cc1"),
            "no");  // amide, not amine
}

TEST(GenericListingTest, FourApAmidesCarbamatesHalides) {
  const char* amides = "us.chem.4ap_amides_carbamates";
  const char* halides = "us.chem.4ap_halides";
  EXPECT_EQ(Basis(amides, "c1ccc(NC2CCNCC2)cc1"), "");                          // 4-AP itself
  EXPECT_EQ(Basis(amides, "O=C(OCc1ccccc1)N1CCC(Nc2ccccc2)CC1"), "carbamate");  // 1-Cbz-4-AP
  EXPECT_EQ(Basis(amides, "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1"), "carbamate");   // 1-boc-4-AP
  EXPECT_EQ(Basis(amides, "O=C(C(F)(F)F)N(c1ccccc1)C1CCNCC1"), "amide");        // N-TFA-4-AP
  EXPECT_EQ(Basis(amides, "CCC(=O)N(c1ccccc1)C1CCN(C(=O)OC(C)(C)C)CC1"),
            "amide+carbamate");                            // Boc-norfentanyl
  EXPECT_EQ(Basis(amides, "Fc1ccc(NC2CCNCC2)cc1"), "no");  // halide: other rule
  EXPECT_EQ(Basis(halides, "Fc1ccc(NC2CCNCC2)cc1"), "halide");
  EXPECT_EQ(Basis(halides, "c1ccc(NC2CCNCC2)cc1"), "no");                    // no halogen
  EXPECT_EQ(Basis(amides, "c1ccc(CN2CCC(Nc3ccccc3)CC2)cc1"), "no");          // 1-benzyl-4-AP
  EXPECT_EQ(Basis(amides, "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1"), "no");         // 4-ANPP
  EXPECT_EQ(Basis(amides, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"), "no");  // fentanyl
}

TEST(GenericListingTest, FourPiperidoneAcetalsAmidesCarbamates) {
  const char* pip = "us.chem.4_piperidone_derivatives";
  EXPECT_EQ(Basis(pip, "O=C1CCNCC1"), "");
  EXPECT_EQ(Basis(pip, "C1CC2(CCN1)OCCO2"), "acetal");               // ethylene ketal
  EXPECT_EQ(Basis(pip, "COC1(OC)CCNCC1"), "acetal");                 // dimethyl ketal
  EXPECT_EQ(Basis(pip, "CC(C)(C)OC(=O)N1CCC(=O)CC1"), "carbamate");  // 1-boc-4-piperidone
  EXPECT_EQ(Basis(pip, "CC(=O)N1CCC2(CC1)OCCO2"), "amide+acetal");
  EXPECT_EQ(Basis(pip, "O=C1CCN(CCc2ccccc2)CC1"), "no");  // NPP: separately listed
  EXPECT_EQ(Basis(pip, "O=C1CCN(Cc2ccccc2)CC1"), "no");   // 1-benzyl-4-piperidone
  EXPECT_EQ(Basis(pip, "OC1CCNCC1"), "no");               // 4-hydroxypiperidine
  EXPECT_EQ(Basis(pip, "O=C1CCNCC1C"), "no");             // 3-methyl: not a listed form
}

}  // namespace
}  // namespace chokepoint::classify
