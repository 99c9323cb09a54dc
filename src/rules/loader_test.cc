#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "rules/rulebook_set.h"

namespace chokepoint::rules {
namespace {

namespace fs = std::filesystem;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cp_rules_" + std::to_string(::getpid()) + "_" +
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
  EXPECT_NE(bad.status().message().find("a.yaml:1: 'coverage' must be a single value"), std::string::npos)
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
            "6 problem(s) in rulebooks:\n" +
            f + ":5: invalid SMILES 'C1CC': ring bond 1 opened at position 2 is never closed\n" +
            f + ":17: unknown key 'efective'\n" +
            f + ":14: category must be 'drug' or 'precursor', not 'narcotic'\n" +
            f + ":10: missing required 'citation'\n" +
            f + ":16: 'effective': '2020-02-30' is not a valid date: no such day in that month\n" +
            f + ":12: CAS number 437-38-8 fails its check digit (the last digit should be 7)");
}

TEST_F(LoaderTest, RejectsDuplicateIdsAndIdentities) {
  Write("us/a.yaml", kGood);
  Write("us/b.yaml", std::string(kGood));
  auto set = LoadRulebooks(dir_.string());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find(Path("us/b.yaml") + ":3: duplicate id 'us.csa.fentanyl' (first defined at " +
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
  EXPECT_NE(set.status().message().find("name 'Sublimaze' already names a different structure"), std::string::npos)
      << set.status().message();
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
