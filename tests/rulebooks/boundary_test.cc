// Boundary cases where jurisdictions differ, on the real rulebooks in data/rulebooks.
// Each expectation was reasoned from the legal texts (SOURCES.md §1–2), not copied from output.
#include <gtest/gtest.h>

#include "classify/engine.h"
#include "rules/rulebook_set.h"

namespace chokepoint {
namespace {

const classify::Engine& RealEngine() {
  static std::shared_ptr<classify::Engine> engine = [] {
    auto rules = rules::LoadRulebooks("data/rulebooks");
    if (!rules.ok()) {
      ADD_FAILURE() << rules.status().message();
      std::abort();
    }
    return std::make_shared<classify::Engine>(*rules);
  }();
  return *engine;
}

classify::Record Classify(const std::string& input) {
  classify::ClassifyOptions o;
  o.at = *Date::Parse("2026-11-22");
  return RealEngine().Classify(input, o);
}

std::string Status(const classify::Record& r, const std::string& j) {
  auto it = r.status.find(j);
  if (it == r.status.end()) return "missing";
  const auto& s = it->second;
  if (s.category == rules::Category::kNone) return "none";
  return std::string(rules::CategoryName(s.category)) + "/" + s.basis;
}

TEST(BoundaryTest, Benzylfentanyl) {
  auto r = Classify("CCC(=O)N(c1ccccc1)C1CCN(Cc2ccccc2)CC1");
  // US: a List I chemical by name (85 FR 20822), not a fentanyl-related substance (no phenethyl).
  EXPECT_EQ(Status(r, "US"), "precursor/entry");
  EXPECT_EQ(r.status["US"].listing, "List I");
  // China: fentanyl class (四), any N-substituent other than hydrogen.
  EXPECT_EQ(r.status["CN"].category, rules::Category::kDrug);
  EXPECT_EQ(r.status["CN"].modifications, std::vector<std::string>{"(四)"});
}

TEST(BoundaryTest, Norfentanyl) {
  auto r = Classify("CCC(=O)N(c1ccccc1)C1CCNCC1");
  EXPECT_EQ(r.status["US"].listing, "Schedule II (immediate precursor)");  // 85 FR 21320
  EXPECT_EQ(r.status["US"].basis, "entry");
  // China: a controlled precursor (2024), and outside the fentanyl class (N-H).
  EXPECT_EQ(Status(r, "CN"), "precursor/entry");
  EXPECT_NE(r.status["CN"].rule, "cn.supp.fentanyl_class");
  // UN: 1988 Convention Table I since the 2022 CND decision.
  EXPECT_EQ(Status(r, "UN"), "precursor/entry");
  EXPECT_EQ(r.status["UN"].listing, "Table I");
  EXPECT_EQ(r.status["UN"].effective, "2022-11-23");
}

TEST(BoundaryTest, BrorphineIsControlledByNameNotByAClass) {
  auto r = Classify("brorphine");
  ASSERT_TRUE(r.ok) << r.error.message();
  EXPECT_EQ(Status(r, "US"), "drug/entry");
  EXPECT_EQ(Status(r, "CN"), "drug/entry");  // supplement catalogue, 2024
  EXPECT_NE(r.status["CN"].rule, "cn.supp.nitazene_class");
  EXPECT_NE(r.status["CN"].rule, "cn.supp.fentanyl_class");
}

TEST(BoundaryTest, FentanylAzepaneIsOutsideBothClasses) {
  auto r = Classify("CCC(=O)N(c1ccccc1)C1CCCN(CCc2ccccc2)CC1");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(Status(r, "US"), "none");
  EXPECT_EQ(Status(r, "CN"), "none");
  EXPECT_EQ(Status(r, "UN"), "none");
}

TEST(BoundaryTest, SaltForms) {
  auto citrate = Classify("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(=O)O)C(=O)O");
  EXPECT_EQ(Status(citrate, "US"), "drug/salt");
  EXPECT_EQ(citrate.substance.name, "fentanyl");
  auto hydrate = Classify("O=C1CCNCC1.Cl.O");  // 4-piperidone hydrochloride monohydrate
  EXPECT_EQ(Status(hydrate, "US"), "precursor/salt");
  EXPECT_EQ(hydrate.substance.smiles, "O=C1CCNCC1");
  ASSERT_EQ(hydrate.substance.removed.size(), 2u);
  auto gemdiol = Classify("OC1(O)CCNCC1.Cl");  // the same salt drawn as the gem-diol
  EXPECT_EQ(gemdiol.substance.smiles, "O=C1CCNCC1");
  EXPECT_EQ(Status(gemdiol, "US"), "precursor/salt");
}

TEST(BoundaryTest, AcetylfentanylIsAControlledDrugInItsOwnRight) {
  auto r = Classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  EXPECT_EQ(Status(r, "US"), "drug/entry");
  EXPECT_EQ(r.verdict, "controlled");
}

}  // namespace
}  // namespace chokepoint
