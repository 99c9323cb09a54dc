#include "chem/standardize.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

namespace chokepoint::chem {
namespace {

Standardized StandardizeSmiles(const std::string& smiles, const KnownFragments* known = nullptr) {
  QuietRdkitLogs();
  auto mol = ParseSmiles(smiles);
  EXPECT_TRUE(mol.ok()) << mol.status().ToString();
  auto r = Standardize(std::move(*mol), known);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(*r);
}

TEST(StandardizeTest, FentanylCitrateGivesFentanylAndNamesTheAcid) {
  KnownFragments known{{"O=C(O)CC(O)(CC(=O)O)C(=O)O", {"citric acid", "counterion"}}};
  auto s = StandardizeSmiles(
      "CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1.OC(=O)CC(O)(CC(=O)O)C(=O)[O-]", &known);
  EXPECT_EQ(CanonicalSmiles(*s.parent),
            CanonicalSmiles(**ParseSmiles("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1")));
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].name, "citric acid");
  EXPECT_EQ(s.removed[0].role, "counterion");
  EXPECT_TRUE(s.other_components.empty());
}

TEST(StandardizeTest, HydrochlorideMonohydrate) {
  // 4-piperidone hydrochloride monohydrate, written with the gem-diol the CAS entry uses.
  auto s = StandardizeSmiles("O=C1CCNCC1.Cl.O");
  EXPECT_EQ(CanonicalSmiles(*s.parent), "O=C1CCNCC1");
  ASSERT_EQ(s.removed.size(), 2u);
  EXPECT_EQ(s.removed[0].smiles, "Cl");
  EXPECT_EQ(s.removed[0].role, "inorganic");
  EXPECT_EQ(s.removed[1].name, "water");
}

TEST(StandardizeTest, KetoneHydrateBecomesTheKetone) {
  // 4-piperidone hydrochloride monohydrate drawn as 4,4-dihydroxypiperidine hydrochloride.
  auto s = StandardizeSmiles("OC1(O)CCNCC1.Cl");
  EXPECT_EQ(CanonicalSmiles(*s.parent), "O=C1CCNCC1");
  ASSERT_EQ(s.removed.size(), 2u);
  EXPECT_EQ(s.removed[1].role, "hydrate");
  // A 1,1-diol needs two hydroxyls on one sp3 carbon: glycerol is untouched.
  EXPECT_EQ(CanonicalSmiles(*StandardizeSmiles("OCC(O)CO").parent), "OCC(O)CO");
}

TEST(StandardizeTest, CountsRepeatedCounterIons) {
  auto s = StandardizeSmiles("NCCc1ccccc1.NCCc1ccccc1.OS(=O)(=O)O");
  EXPECT_EQ(CanonicalSmiles(*s.parent), "NCCc1ccccc1");
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].smiles, "O=S(=O)(O)O");
}

TEST(StandardizeTest, NeutralizesButKeepsNitroAndQuaternary) {
  auto s = StandardizeSmiles("C[NH2+]C.[O-]C(=O)C");
  EXPECT_EQ(CanonicalSmiles(*s.parent), "CC(=O)O");  // the larger component wins
  auto nitro = StandardizeSmiles("O=[N+]([O-])c1ccccc1");
  EXPECT_EQ(CanonicalSmiles(*nitro.parent), "O=[N+]([O-])c1ccccc1");
  EXPECT_FALSE(nitro.neutralized);
  auto quat = StandardizeSmiles("C[N+](C)(C)C");
  EXPECT_EQ(CanonicalSmiles(*quat.parent), "C[N+](C)(C)C");
}

TEST(StandardizeTest, HalideAnionsBecomeTheirAcids) {
  auto s = StandardizeSmiles("CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1.[Cl-]");
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].smiles, "Cl");
}

TEST(StandardizeTest, KeepsStereo) {
  auto s = StandardizeSmiles("C[C@H](N)Cc1ccccc1.Cl");
  EXPECT_EQ(CanonicalSmiles(*s.parent), "C[C@H](N)Cc1ccccc1");
}

TEST(StandardizeTest, ReportsOtherOrganicComponents) {
  auto s = StandardizeSmiles("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OCC(O)CO");
  ASSERT_EQ(s.other_components.size(), 1u);
  EXPECT_EQ(s.other_components[0], "OCC(O)CO");
  EXPECT_EQ(s.removed[0].role, "other component");
}

}  // namespace
}  // namespace chokepoint::chem
