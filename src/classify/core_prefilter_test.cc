// The prefilter is only a shortcut: it must never reject a molecule its class rule matches.
// Checked on every evaluation set and on the NCI sample (when rdkit-data is installed).
#include "classify/core_prefilter.h"

#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <gtest/gtest.h>

#include <fstream>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/class_matcher.h"
#include "rules/rulebook_set.h"

namespace chokepoint::classify {
namespace {

TEST(CorePrefilterTest, RequiresTheElementsTheCoreNames) {
  std::unique_ptr<RDKit::ROMol> core(
      RDKit::SmartsToMol("[#6](=[#8])-[#7](-[a])-[#6;R]1-[#6;R]-[#6;R]-[#7;R]-[#6;R]-[#6;R]-1"));
  ASSERT_TRUE(core);
  CorePrefilter pf(*core);
  auto fentanyl = chem::ParseSmiles("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  auto piperidine = chem::ParseSmiles("C1CCNCC1");
  auto no_oxygen = chem::ParseSmiles("CCC(=S)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  EXPECT_TRUE(pf.MayMatch(ElementCounts::Of(**fentanyl)));
  EXPECT_FALSE(pf.MayMatch(ElementCounts::Of(**piperidine)));
  EXPECT_FALSE(pf.MayMatch(ElementCounts::Of(**no_oxygen)));
}

TEST(CorePrefilterTest, RequiresTheAromaticAtomsTheCoreNames) {
  // 3-(1-naphthoyl)indole: 9 + 10 aromatic atoms in the core.
  std::unique_ptr<RDKit::ROMol> core(
      RDKit::SmartsToMol("[n]1:[c]:[c](-[CX3]=O)-,:[c]2:[c]:[c]:[c]:[c]:[c]:1:2.[c]1:[c]:[c]:[c]:["
                         "c]2:[c]:[c]:[c]:[c]:[c]:1:2"));
  ASSERT_TRUE(core);
  CorePrefilter pf(*core);
  auto jwh018 = chem::ParseSmiles("CCCCCn1cc(C(=O)c2cccc3ccccc23)c2ccccc21");
  auto benzoyl = chem::ParseSmiles("CCCCCn1cc(C(=O)c2ccccc2)c2ccccc21");  // 15 aromatic atoms
  EXPECT_TRUE(pf.MayMatch(ElementCounts::Of(**jwh018)));
  EXPECT_FALSE(pf.MayMatch(ElementCounts::Of(**benzoyl)));
}

TEST(CorePrefilterTest, NeverRejectsAMatchOnRealData) {
  auto rules = rules::LoadRulebooks("data/rulebooks");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> smiles;
  for (const char* f :
       {"tests/data/fentanyl_class_members.csv", "tests/data/designer_precursors.csv",
        "tests/data/approved_medicines_negatives.csv", "tests/data/uncontrolled_analogs.csv",
        "tests/data/cannabimimetic_class_members.csv",
        "tests/data/cn_synthetic_cannabinoid_members.csv"}) {
    std::ifstream in(f);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto a = line.find(',');
      auto b = line.find(',', a + 1);
      if (a != std::string::npos && b != std::string::npos)
        smiles.push_back(line.substr(a + 1, b - a - 1));
    }
  }
  std::ifstream nci("/usr/share/RDKit/Data/NCI/first_5K.smi");
  std::string line;
  while (std::getline(nci, line)) smiles.push_back(line.substr(0, line.find_first_of(" \t")));
  for (const auto& rb : (*rules)->rulebooks())
    for (const auto& e : rb.entries) smiles.push_back(e->smiles);
  size_t matched = 0;
  for (const auto& s : smiles) {
    auto mol = chem::ParseSmiles(s);
    if (!mol.ok()) continue;
    auto std = chem::Standardize(std::move(*mol), nullptr);
    if (!std.ok()) continue;
    ElementCounts counts = ElementCounts::Of(*std->parent);
    for (const auto& rb : (*rules)->rulebooks()) {
      for (const auto& c : rb.classes) {
        if (!MatchClass(*std->parent, *c).matched) continue;
        ++matched;
        EXPECT_TRUE(CorePrefilter(*c->core).MayMatch(counts)) << c->id << " rejected " << s;
      }
    }
  }
  EXPECT_GT(matched, 50u);
}

}  // namespace
}  // namespace chokepoint::classify
