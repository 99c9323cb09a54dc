// How the engine reads the listing model: dated transfers, listings whose first day is not
// recorded, express exceptions of one stereoisomer, substances with no single structure, and
// salt names. A small fixture rulebook pins the behaviour independently of the legal data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "classify/engine.h"
#include "rules/rulebook_set.h"
#include "rules/testing.h"

namespace chokepoint::classify {
namespace {

constexpr const char* kUs = R"(jurisdiction: US
entries:
  - id: t.opium
    name: opium
    cas: [8008-60-4]
    no_structure: plant material
    category: drug
    listing: Schedule II
    code: "9600"
    citation: 21 CFR 1308.12(b)(1)
    effective: 1971-05-01
  - id: t.levomethorphan
    name: levomethorphan
    smiles: COc1ccc2c(c1)[C@@]13CCCC[C@@H]1[C@@H](C2)N(C)CC3
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(c)
    in_force_by: 2022-04-01
    covers: [salts, isomers]
  - id: t.racemethorphan
    name: racemethorphan
    smiles: COc1ccc2c(c1)C13CCCCC1C(C2)N(C)CC3
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(c)
    effective: 1971-05-01
    covers: [salts, isomers]
  - id: t.dextromethorphan
    name: dextromethorphan
    smiles: COc1ccc2c(c1)[C@]13CCCC[C@H]1[C@H](C2)N(C)CC3
    category: excepted
    excepts: [t.levomethorphan, t.racemethorphan]
    listing: excepted from Schedule II
    citation: 21 U.S.C. 812(c) (test exception)
    effective: 1971-05-01
  - id: t.cocaine
    name: cocaine
    smiles: COC(=O)[C@H]1[C@@H](OC(=O)c2ccccc2)C[C@@H]2CC[C@H]1N2C
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(b)(4)
    effective: 1971-05-01
    covers: [salts]
)";

constexpr const char* kUn = R"(jurisdiction: UN
entries:
  - id: t.un.opium
    name: opium
    synonyms: [阿片]
    no_structure: plant material
    category: drug
    listing: Schedule I
    citation: Single Convention, Schedule I
    effective: 1964-12-13
  - id: t.un.paa
    name: phenylacetic acid
    smiles: OC(=O)Cc1ccccc1
    category: precursor
    listing: Table I
    citation: CND decision 53/15
    effective: 2010-06-01
    history:
      - {listing: Table II, citation: "1988 Convention, Table II", effective: 1990-11-11, end: 2010-06-01}
)";

const Engine& TestEngine() {
  static std::shared_ptr<Engine> engine = [] {
    auto r = rules::testing::LoadFixtureRulebooks({{"us/a.yaml", kUs}, {"un/a.yaml", kUn}},
                                                  {"substances.yaml"});
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return std::make_shared<Engine>(*r);
  }();
  return *engine;
}

Record ClassifyAt(const std::string& input, const std::string& at = "2026-01-01") {
  ClassifyOptions o;
  o.at = *Date::Parse(at);
  return TestEngine().Classify(input, o);
}

TEST(EngineListingTest, TransfersAreDated) {
  EXPECT_EQ(ClassifyAt("phenylacetic acid", "2026-01-01").status["UN"].listing, "Table I");
  auto before = ClassifyAt("phenylacetic acid", "2005-01-01").status["UN"];
  EXPECT_EQ(before.listing, "Table II");
  EXPECT_EQ(before.end, "2010-06-01");
  EXPECT_EQ(ClassifyAt("phenylacetic acid", "1989-01-01").status["UN"].category,
            rules::Category::kNone);
}

TEST(EngineListingTest, UnrecordedFirstDayIsSaidAndAppliedStrictly) {
  auto now = ClassifyAt("levomethorphan").status["US"];
  EXPECT_EQ(now.effective, "");
  EXPECT_EQ(now.in_force_by, "2022-04-01");
  EXPECT_NE(now.explanation.find("the day control began is not recorded"), std::string::npos)
      << now.explanation;
  auto earlier = ClassifyAt("levomethorphan", "2010-01-01").status["US"];
  EXPECT_EQ(earlier.category, rules::Category::kDrug);
  EXPECT_NE(earlier.explanation.find("(strictest reading)"), std::string::npos)
      << earlier.explanation;
}

TEST(EngineListingTest, AnExpresslyExceptedStereoisomerIsNotControlled) {
  Record dxm = ClassifyAt("COc1ccc2c(c1)[C@]13CCCC[C@H]1[C@H](C2)N(C)CC3");
  EXPECT_EQ(dxm.substance.name, "dextromethorphan");
  EXPECT_EQ(dxm.status["US"].category, rules::Category::kNone);
  EXPECT_EQ(dxm.status["US"].basis, "excepted");
  EXPECT_NE(dxm.status["US"].explanation.find(
                "expressly excepted from levomethorphan (Schedule II), racemethorphan"),
            std::string::npos)
      << dxm.status["US"].explanation;
  // The levo isomer and the racemate stay controlled; without stereo the strictest reading applies.
  EXPECT_EQ(ClassifyAt("COc1ccc2c(c1)[C@@]13CCCC[C@@H]1[C@@H](C2)N(C)CC3").status["US"].rule,
            "t.levomethorphan");
  auto flat = ClassifyAt("COc1ccc2c(c1)C13CCCCC1C(C2)N(C)CC3").status["US"];
  EXPECT_EQ(flat.rule, "t.racemethorphan");
  EXPECT_NE(flat.explanation.find("dextromethorphan, is expressly excepted"), std::string::npos)
      << flat.explanation;
}

TEST(EngineListingTest, NoStructureEntriesResolveByNameAcrossJurisdictions) {
  Record r = ClassifyAt("阿片");
  ASSERT_TRUE(r.ok) << r.error.message();
  EXPECT_EQ(r.verdict, "controlled");
  EXPECT_EQ(r.substance.smiles, "");
  EXPECT_EQ(r.status["UN"].rule, "t.un.opium");
  EXPECT_EQ(r.status["US"].rule, "t.opium");  // linked to the UN entry through the name "opium"
  EXPECT_EQ(r.status["US"].code, "9600");
  EXPECT_EQ(ClassifyAt("8008-60-4").status["UN"].rule, "t.un.opium");  // CAS on the US entry only
}

TEST(EngineListingTest, SaltNamesResolveToTheBaseWithItsCounterIon) {
  for (const char* name : {"cocaine hydrochloride", "Cocaine HCl", "cocaine HCl salt",
                           "levomethorphan hydrobromide monohydrate"}) {
    Record r = ClassifyAt(name);
    ASSERT_TRUE(r.ok) << name << ": " << r.error.message();
    EXPECT_EQ(r.input_type, chem::InputType::kName) << name;
    EXPECT_EQ(r.status["US"].basis, "salt") << name;
    EXPECT_FALSE(r.substance.removed.empty()) << name;
  }
  EXPECT_FALSE(ClassifyAt("cocaine hydrochlorid").ok);
  EXPECT_FALSE(ClassifyAt("aspirin hydrochloride").ok);
}

}  // namespace
}  // namespace chokepoint::classify
