#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "rules/rulebook_set.h"

namespace chokepoint::rules {
namespace {

namespace fs = std::filesystem;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cp_rules_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }
  fs::path dir_;
};

constexpr const char* kGood = R"(jurisdiction: US
entries:
  - id: us.csa.fentanyl
    name: fentanyl
    synonyms: [Sublimaze]
    cas: [437-38-7, 990-73-8]
    smiles: CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(c)
    effective: 1971-05-01
    covers: [salts, isomers]
)";

TEST_F(LoaderTest, LoadsEntriesAndIndexesThem) {
  Write("us/a.yaml", kGood);
  auto set = LoadRulebooks(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  const auto& s = **set;
  ASSERT_NE(s.Find("US"), nullptr);
  EXPECT_EQ(s.Find("US")->entries.size(), 1u);
  EXPECT_EQ(s.Find("US")->version.substr(0, 3), "us@");
  const auto* byname = s.ByName("SUBLIMAZE");
  ASSERT_NE(byname, nullptr);
  EXPECT_EQ(byname->name, "fentanyl");
  ASSERT_NE(s.ByCas("990-73-8"), nullptr);
  EXPECT_EQ(s.ByCas("990-73-8")->via, "us.csa.fentanyl");
  EXPECT_EQ(s.EntriesByStructure(byname->smiles).size(), 1u);
  EXPECT_TRUE(s.FormulaIndexed("C22H28N2O"));
  EXPECT_EQ(s.SuggestNames("fentanil"), std::vector<std::string>{"fentanyl"});
}

TEST_F(LoaderTest, CoverageNotesAreKeptPerJurisdiction) {
  // A rulebook's "what we do not encode" note must survive loading: every "not listed" answer
  // repeats it, so a gap in the data is not read as a clearance.
  Write("us/a.yaml", std::string("coverage: only opioids are encoded.\n") + kGood);
  auto set = LoadRulebooks(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ((*set)->Find("US")->coverage, std::vector<std::string>{"only opioids are encoded."});

  Write("us/a.yaml", std::string("coverage: [not, a, sentence]\n") + kGood);
  auto bad = LoadRulebooks(dir_.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("a.yaml:1: 'coverage' must be a single value"),
            std::string::npos)
      << bad.status().message();
}

TEST_F(LoaderTest, ReportsEveryProblemWithFileAndLine) {
  Write("us/bad.yaml", R"(jurisdiction: US
entries:
  - id: us.x
    name: x
    smiles: C1CC
    category: drug
    listing: Schedule I
    citation: test
    effective: 2020-01-01
  - id: us.y
    name: y
    cas: [437-38-8]
    smiles: CCO
    category: narcotic
    listing: Schedule I
    effective: 2020-02-30
    efective: 2020-01-01
)");
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  const std::string f = Path("us/bad.yaml");
  EXPECT_EQ(set.status().message(),
            "6 problem(s) in rulebooks:\n" + f +
                ":17: unknown key 'efective' (did you mean 'effective'?)\n" + f +
                ":14: category must be 'drug' or 'precursor' (or 'excepted'), not 'narcotic'\n" +
                f + ":10: missing required 'citation'\n" + f +
                ":16: 'effective': '2020-02-30' is not a valid date: no such day in that month\n" +
                f +
                ":12: CAS number 437-38-8 fails its check digit (the last digit should be 7)\n" +
                // Structures are checked after every file is read (in parallel), so their problems
                // come last.
                f + ":5: invalid SMILES 'C1CC': ring bond 1 opened at position 2 is never closed");
}

TEST_F(LoaderTest, RejectsDuplicateIdsAndIdentities) {
  Write("us/a.yaml", kGood);
  Write("us/b.yaml", std::string(kGood));
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find(Path("us/b.yaml") +
                                        ":3: duplicate id 'us.csa.fentanyl' (first defined at " +
                                        Path("us/a.yaml") + ":3)"),
            std::string::npos)
      << set.status().message();
}

TEST_F(LoaderTest, RejectsANameThatMeansTwoStructures) {
  Write("us/a.yaml", kGood);
  Write("cn/a.yaml", R"(jurisdiction: CN
entries:
  - id: cn.x
    name: Sublimaze
    smiles: CCO
    category: drug
    listing: test
    citation: test
    effective: 2020-01-01
)");
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("name 'Sublimaze' already names a different structure"),
            std::string::npos)
      << set.status().message();
}

// An entry with no single structure, dated states and official-list references.
constexpr const char* kListed = R"(jurisdiction: UN
entries:
  - id: un.1961.opium
    name: opium
    synonyms: [阿片]
    cas: [8008-60-4]
    no_structure: dried latex of the opium poppy
    category: drug
    listing: Schedule I
    citation: Single Convention, Schedule I
    effective: 1964-12-13
    refs: [un_1961_I:opium]
  - id: un.1988.paa
    name: phenylacetic acid
    smiles: OC(=O)Cc1ccccc1
    category: precursor
    listing: Table I
    citation: CND decision
    in_force_by: 2020-01-01
    history:
      - {listing: Table II, citation: 1988 Convention, effective: 1990-11-11, end: 2010-06-01}
    refs: [un_1961_I:paa]
    check: {smiles: "C(C(=O)O)c1ccccc1", by: test}
    formula: C8H8O2
    thresholds:
      - {scope: all, quantity: 1, unit: kg, citation: test}
)";
constexpr const char* kList = R"(# title: Schedule I
# jurisdiction: UN
# source: test transcription
# as_of: 2024-01-01
key,code,name,cas,omitted_reason
opium,,Opium,8008-60-4,
paa,,Phenylacetic acid,,
straw,,Poppy straw,,a plant part the test leaves out
heroin,,Heroin,561-27-3,
)";

TEST_F(LoaderTest, OfficialListsGiveCoverage) {
  Write("un/a.yaml", kListed);
  Write("un/official/un_1961_I.csv", kList);
  auto set = LoadRulebooks(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  const Rulebook* un = (*set)->Find("UN");
  ASSERT_EQ(un->list_coverage.size(), 1u);
  const auto& c = un->list_coverage[0];
  EXPECT_EQ(c.list->title, "Schedule I");
  EXPECT_EQ(c.encoded, 2u);
  EXPECT_EQ(c.omitted, 1u);
  ASSERT_EQ(c.missing.size(), 1u);
  EXPECT_EQ(c.missing[0]->name, "Heroin");
  EXPECT_EQ(c.missing[0]->line, 9);  // the file's own line, header comments included
  ASSERT_FALSE(un->coverage.empty());
  EXPECT_EQ(
      un->coverage[0],
      "this rulebook encodes 2 of the 4 items of 1 official lists (as of 2024-01-01); 1 are left "
      "out with a reviewed reason; 1 are NOT yet encoded ('chokepoint rulebooks coverage' lists "
      "them).");
}

TEST_F(LoaderTest, HistoryAndInForceByGiveTheStateOfEachDay) {
  Write("un/a.yaml", kListed);
  Write("un/official/un_1961_I.csv", kList);
  auto set = LoadRulebooks(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  const Entry* paa = (*set)->EntryById("un.1988.paa");
  ASSERT_NE(paa, nullptr);
  EXPECT_FALSE(paa->effective_known);
  EXPECT_EQ(paa->StateAt(*Date::Parse("1989-01-01")), nullptr);
  EXPECT_EQ(paa->StateAt(*Date::Parse("2000-01-01"))->listing, "Table II");
  // After Table II ended and before the in-force-by date: the later listing, strictest reading.
  EXPECT_EQ(paa->StateAt(*Date::Parse("2015-01-01"))->listing, "Table I");
  EXPECT_EQ(paa->StateAt(*Date::Parse("2026-01-01"))->listing, "Table I");
  ASSERT_EQ(paa->thresholds.size(), 1u);
  EXPECT_EQ(paa->thresholds[0].unit, "kg");
  const NamedIdentity* opium = (*set)->ByName("阿片");
  ASSERT_NE(opium, nullptr);
  EXPECT_TRUE(opium->smiles.empty());
  ASSERT_EQ(opium->unstructured.size(), 1u);
  EXPECT_EQ(opium->unstructured[0]->id, "un.1961.opium");
}

TEST_F(LoaderTest, UnstructuredEntriesOfSeveralJurisdictionsAreLinkedByNameAndCas) {
  Write("un/a.yaml", kListed);
  Write("un/official/un_1961_I.csv", kList);
  Write("cn/a.yaml", R"(jurisdiction: CN
entries:
  - id: cn.opium
    name: 阿片
    no_structure: plant material
    category: drug
    listing: 麻醉药品品种目录
    citation: test
    effective: 2014-01-01
  - id: cn.latex
    name: poppy latex
    cas: [8008-60-4]
    no_structure: plant material
    category: drug
    listing: test
    citation: test
    effective: 2014-01-01
)");
  auto set = LoadRulebooks(dir_.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  const NamedIdentity* id = (*set)->ByName("poppy latex");
  ASSERT_NE(id, nullptr);
  std::set<std::string> ids;
  for (const auto* e : id->unstructured) ids.insert(e->id);
  EXPECT_EQ(ids, (std::set<std::string>{"cn.opium", "cn.latex", "un.1961.opium"}));
}

TEST_F(LoaderTest, RejectsBadReferencesDatesAndStructures) {
  Write("un/official/un_1961_I.csv", kList);
  Write("un/a.yaml", R"(jurisdiction: UN
entries:
  - id: un.a
    name: a
    smiles: CCO
    category: drug
    listing: Schedule I
    citation: test
    effective: 2000-01-01
    refs: [un_1961_I:nope, un_1971_I:x, un_1961_I:straw]
    formula: C2H7O
  - id: un.b
    name: b
    category: drug
    listing: Schedule II
    citation: test
    effective: 2000-01-01
  - id: un.c
    name: c
    smiles: OCC
    category: drug
    listing: Schedule II
    citation: test
    effective: 2000-01-01
    history:
      - {listing: Schedule IV, citation: test, effective: 1990-01-01, end: 2005-01-01}
  - id: un.d
    name: d
    smiles: CCN
    category: excepted
    listing: excepted
    citation: test
    effective: 2000-01-01
  - id: un.e
    name: e
    smiles: CCCN
    category: drug
    listing: Schedule I
    citation: test
    effective: 2000-01-01
    in_force_by: 2001-01-01
)");
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  const std::string m = set.status().message();
  for (const char* want : {"give 'effective' or 'in_force_by', not both",
                           "refs 'un_1961_I:nope', which is not a row of un_1961_I",
                           "UN has no official list 'un_1971_I'",
                           "encodes un_1961_I:straw, but that row also gives an omitted_reason",
                           "'formula' C2H7O does not match the structure (C2H6O)",
                           "missing 'smiles' (or 'no_structure: <why>'",
                           "ends 2005-01-01, after the next state begins (2000-01-01)",
                           "'un.c' has the same structure as 'un.a'",
                           "an 'excepted' entry must name the listings it is excepted from"}) {
    EXPECT_NE(m.find(want), std::string::npos) << "missing: " << want << "\n" << m;
  }
}

TEST_F(LoaderTest, YamlSyntaxErrorHasLine) {
  Write("un/a.yaml", "jurisdiction: UN\nentries:\n  - id: [unclosed\n");
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find(Path("un/a.yaml") + ":"), std::string::npos);
  EXPECT_NE(set.status().message().find("YAML syntax error"), std::string::npos);
}

TEST_F(LoaderTest, MissingDirectory) {
  auto set = LoadRulebooks((dir_ / "nope").string());
  EXPECT_EQ(set.status().tag(), "rulebooks_missing");
}

}  // namespace
}  // namespace chokepoint::rules
