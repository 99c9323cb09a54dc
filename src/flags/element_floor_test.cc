// The element floor must never reject a molecule the SMARTS matches (it is only a shortcut).
#include "flags/element_floor.h"

#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/Substruct/SubstructMatch.h>
#include <gtest/gtest.h>

#include <memory>

namespace chokepoint::flags {
namespace {

bool May(const std::string& smarts, const std::string& smiles) {
  std::unique_ptr<RDKit::ROMol> q(RDKit::SmartsToMol(smarts));
  std::unique_ptr<RDKit::ROMol> m(RDKit::SmilesToMol(smiles));
  bool may = ElementFloor(*q).MayMatch(ElementCounts::Of(*m));
  RDKit::MatchVectType match;
  if (RDKit::SubstructMatch(*m, *q, match)) {
    EXPECT_TRUE(may) << smarts << " on " << smiles;
  }
  return may;
}

TEST(ElementFloorTest, CountsPlainAndAndedElements) {
  EXPECT_FALSE(May("[#7]-C(=O)-O-C(-[CH3])(-[CH3])-[CH3]", "CC(C)(C)OC(=O)c1ccccc1"));  // no N
  EXPECT_TRUE(May("[#7]-C(=O)-O-C(-[CH3])(-[CH3])-[CH3]", "CC(C)(C)OC(=O)N1CCCCC1"));
  EXPECT_FALSE(May("c1nc2ccccc2n1", "c1ccc2[nH]ccc2c1"));  // indole: one N
  EXPECT_TRUE(May("c1nc2ccccc2n1", "c1ccc2[nH]cnc2c1"));
  EXPECT_FALSE(May("O=[#6]-[#7]-[#7]", "CC(=O)NC"));
}

TEST(ElementFloorTest, AlternativesAndRecursionDoNotRequireAnElement) {
  EXPECT_TRUE(May("[N,O]-C", "CO"));
  EXPECT_TRUE(May("[$(C#N),$(C=O)]", "CC=O"));
  EXPECT_TRUE(May("[!#7]", "CC"));
  EXPECT_FALSE(May("CCCC", "CCC"));  // heavy-atom count
}

}  // namespace
}  // namespace chokepoint::flags
