// Watch-list flags: the bundled list loads, named substances and patterns raise emerging_threat
// flags with their source, and loader errors name file and line.
#include "flags/watchlist.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include "flags/test_fixture.h"

namespace chokepoint::flags {
namespace {

namespace fs = std::filesystem;

const classify::Engine& WatchEngine() {
  static std::shared_ptr<classify::Engine> engine = [] {
    auto e = std::make_shared<classify::Engine>(testing::FixtureRules());
    auto w = LoadWatchList("data/watchlists");
    if (!w.ok()) ADD_FAILURE() << w.status().message();
    e->AddStage(std::make_shared<WatchListStage>(*w));
    return e;
  }();
  return *engine;
}

std::vector<std::string> Threats(const std::string& smiles) {
  classify::Record r = WatchEngine().Classify(smiles, testing::At2026());
  std::vector<std::string> out;
  for (const auto& f : r.flags)
    if (f.type == "emerging_threat") out.push_back(f.path.at(0));
  return out;
}

using V = std::vector<std::string>;

TEST(WatchListTest, XylazineIsAnAdulterantWithItsSource) {
  classify::Record r = WatchEngine().Classify("Cc1cccc(C)c1NC1=NCCCS1.Cl", testing::At2026());
  ASSERT_EQ(r.flags.size(), 1u);
  const auto& f = r.flags[0];
  EXPECT_EQ(f.type, "emerging_threat");
  EXPECT_EQ(f.target, "xylazine");
  EXPECT_EQ(f.jurisdictions, V{"US"});
  EXPECT_NE(f.explanation.find("Office of National Drug Control Policy"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(r.verdict, "flagged");
}

TEST(WatchListTest, MedetomidineIsWatchedWhateverItsStereo) {
  EXPECT_EQ(Threats("Cc1cccc([C@H](C)c2cnc[nH]2)c1C"), V{"watch.medetomidine"});  // dexmedetomidine
}

TEST(WatchListTest, NewNitazenesMatchThePattern) {
  EXPECT_EQ(Threats("CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"),
            V{"watch.nitazene_core"});  // etonitazene
  EXPECT_EQ(Threats("CC(C)Oc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"),
            V{"watch.nitazene_core"});  // isotonitazene
  EXPECT_EQ(Threats("CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN2CCCC2)cc1"),
            V{"watch.nitazene_core"});               // etonitazepyne
  EXPECT_EQ(Threats("Cc1nc2ccccc2n1CCN(C)C"), V{});  // no benzyl at C2
}

TEST(WatchListTest, OrphinesMatchThePattern) {
  EXPECT_EQ(Threats("CC(c1ccc(Br)cc1)N1CCC(n2c(=O)[nH]c3ccccc32)CC1"),
            V{"watch.orphine_core"});  // brorphine
  EXPECT_EQ(Threats("O=c1[nH]c2ccccc2n1C1CCN(CCCC(c2ccc(F)cc2)c2ccc(F)cc2)CC1"),
            V{});  // pimozide: no benzylic N-C
}

TEST(WatchListTest, SurveillanceScaffoldOnlyForUnlistedChemicals) {
  EXPECT_EQ(Threats("c1ccc(NC2CCN(Cc3ccccc3)CC2)cc1"), V{"watch.4ap_scaffold"});  // 1-benzyl-4-AP
  EXPECT_EQ(Threats("c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1"), V{});  // 4-ANPP is listed
}

TEST(WatchListTest, ErrorsNameFileAndLine) {
  fs::path dir = fs::temp_directory_path() / ("cp_watch_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "w.yaml") << R"(items:
  - id: w.one
    name: one
    kind: adulterant
    reason: r
    added: 2026-01-01
    smiles: CCO
  - id: w.two
    name: two
    kind: opioid
    reason: r
    source: s
    added: 2026-13-01
    smiles: CCO
    smarts: "[#6]"
)";
  auto w = LoadWatchList(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(w.ok());
  const std::string& m = w.status().message();
  const std::string f = (dir / "w.yaml").string();
  EXPECT_NE(m.find(f + ":2: missing required 'source'"), std::string::npos) << m;
  EXPECT_NE(m.find(f + ":13: 'added' is not a date"), std::string::npos) << m;
  EXPECT_NE(m.find(f + ":8: an item needs exactly one of 'smiles'"), std::string::npos) << m;
}

}  // namespace
}  // namespace chokepoint::flags
