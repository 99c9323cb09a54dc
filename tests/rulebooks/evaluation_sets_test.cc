// Data-driven checks over the reviewed evaluation sets in tests/data/:
// - approved_medicines_negatives.csv: approved, uncontrolled medicines with piperidine, anilide,
//   4-aminopiperidine or benzimidazole motifs must come out with no legal status anywhere and
//   without masked-precursor flags;
// - fentanyl_class_members.csv: hand-reasoned answers under the US and Chinese fentanyl class
//   definitions (including near misses) must match the class matcher.
#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/class_matcher.h"
#include "classify/engine.h"
#include "rules/rulebook_set.h"
#include "util/csv.h"

namespace chokepoint {
namespace {

// A labelled CSV file as rows of column -> value (util/csv.h reads it).
std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  CsvReader reader(text);
  CsvRecord rec;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.Next(rec)) {
    if (header.empty()) {
      header = rec.fields;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < rec.fields.size(); ++i)
      row[header[i]] = rec.fields[i];
    rows.push_back(row);
  }
  return rows;
}

std::shared_ptr<const rules::RulebookSet> Rules() {
  static auto set = [] {
    auto r = rules::LoadRulebooks("data/rulebooks");
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      std::abort();
    }
    return *r;
  }();
  return set;
}

TEST(EvaluationSets, ApprovedMedicinesAreClear) {
  auto rows = ReadCsv("tests/data/approved_medicines_negatives.csv");
  ASSERT_GE(rows.size(), 60u);
  classify::Engine engine(Rules());
  classify::ClassifyOptions o;
  o.at = *Date::Parse("2026-11-22");
  int with_status = 0;
  for (const auto& row : rows) {
    auto r = engine.Classify(row.at("smiles"), o);
    ASSERT_TRUE(r.ok) << row.at("name") << ": " << r.error.message();
    for (const auto& [j, st] : r.status) {
      if (st.category != rules::Category::kNone) {
        ++with_status;
        ADD_FAILURE() << row.at("name") << " is " << st.listing << " in " << j << ": "
                      << st.explanation;
      }
    }
    for (const auto& f : r.flags) {
      EXPECT_NE(f.type, "masked_precursor") << row.at("name") << ": " << f.explanation;
    }
  }
  EXPECT_EQ(with_status, 0);
}

const rules::ClassRule* FindRule(const std::string& id) {
  for (const auto& rb : Rules()->rulebooks())
    for (const auto& c : rb.classes)
      if (c->id == id) return c.get();
  return nullptr;
}

bool Member(const rules::ClassRule& rule, const RDKit::ROMol& mol) {
  auto m = classify::MatchClass(mol, rule);
  return m.matched && !m.modifications.empty();
}

TEST(EvaluationSets, FentanylClassMembersAndNearMisses) {
  auto rows = ReadCsv("tests/data/fentanyl_class_members.csv");
  ASSERT_GE(rows.size(), 30u);
  const auto* us = FindRule("us.csa.fentanyl_related_substances");
  const auto* cn = FindRule("cn.supp.fentanyl_class");
  ASSERT_TRUE(us && cn);
  for (const auto& row : rows) {
    auto mol = chem::ParseSmiles(row.at("smiles"));
    ASSERT_TRUE(mol.ok()) << row.at("name");
    auto std = chem::Standardize(std::move(*mol), nullptr);
    ASSERT_TRUE(std.ok());
    EXPECT_EQ(Member(*us, *std->parent), row.at("us_frs_expected") == "yes")
        << row.at("name") << " (US): " << row.at("note");
    EXPECT_EQ(Member(*cn, *std->parent), row.at("cn_class_expected") == "yes")
        << row.at("name") << " (CN): " << row.at("note");
  }
}

// Runs every listed class rule over a labelled CSV (name, smiles, expected, note): `expected` is
// the id of the one rule that must match, or "none". Expectations were reasoned from the legal
// text.
void CheckClassMembers(const std::string& file, const std::vector<std::string>& ids) {
  auto rows = ReadCsv(file);
  ASSERT_GE(rows.size(), 20u) << file;
  std::vector<const rules::ClassRule*> rules;
  for (const auto& id : ids) {
    rules.push_back(FindRule(id));
    ASSERT_NE(rules.back(), nullptr) << id;
  }
  for (const auto& row : rows) {
    auto mol = chem::ParseSmiles(row.at("smiles"));
    ASSERT_TRUE(mol.ok()) << row.at("name");
    auto std = chem::Standardize(std::move(*mol), nullptr);
    ASSERT_TRUE(std.ok());
    std::string matched = "none";
    for (const auto* r : rules)
      if (Member(*r, *std->parent)) matched = matched == "none" ? r->id : matched + "," + r->id;
    EXPECT_EQ(matched, row.at("expected")) << row.at("name") << ": " << row.at("note");
  }
}

// The five structural classes of US cannabimimetic agents, 21 U.S.C. 812(c) Schedule I(d)(2)(A).
TEST(EvaluationSets, CannabimimeticStructuralClasses) {
  CheckClassMembers(
      "tests/data/cannabimimetic_class_members.csv",
      {"us.csa.cannabimimetic_hydroxycyclohexylphenol", "us.csa.cannabimimetic_naphthoylindole",
       "us.csa.cannabimimetic_naphthoylpyrrole", "us.csa.cannabimimetic_naphthylmethyleneindene",
       "us.csa.cannabimimetic_benzoylindole", "us.csa.cannabimimetic_phenylacetylindole"});
}

// China's synthetic-cannabinoid class (2021): the seven general formulae with R1-R5, X, Y, Z.
TEST(EvaluationSets, ChinaSyntheticCannabinoidGeneralFormulae) {
  std::vector<std::string> ids;
  for (int i = 1; i <= 7; ++i)
    ids.push_back("cn.supp.synthetic_cannabinoid_class_" + std::to_string(i));
  CheckClassMembers("tests/data/cn_synthetic_cannabinoid_members.csv", ids);
}

}  // namespace
}  // namespace chokepoint
