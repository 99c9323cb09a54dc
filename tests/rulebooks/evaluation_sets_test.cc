// Data-driven checks over the reviewed evaluation sets in tests/data/:
// - approved_medicines_negatives.csv: approved, uncontrolled medicines with piperidine, anilide,
//   4-aminopiperidine or benzimidazole motifs must come out with no legal status anywhere and
//   without masked-precursor flags;
// - fentanyl_class_members.csv: hand-reasoned answers under the US and Chinese fentanyl class
//   definitions (including near misses) must match the class matcher.
#include <gtest/gtest.h>

#include <GraphMol/RDKitBase.h>

#include <fstream>
#include <map>
#include <sstream>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/class_matcher.h"
#include "classify/engine.h"
#include "rules/rulebook_set.h"

namespace chokepoint {
namespace {

// Minimal CSV reader for these files: quoted fields with doubled quotes, no embedded newlines.
std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::map<std::string, std::string>> rows;
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::string cur;
    bool q = false;
    for (size_t i = 0; i < l.size(); ++i) {
      char c = l[i];
      if (q) {
        if (c == '"' && i + 1 < l.size() && l[i + 1] == '"') cur += '"', ++i;
        else if (c == '"') q = false;
        else cur += c;
      } else if (c == '"') q = true;
      else if (c == ',') out.push_back(cur), cur.clear();
      else cur += c;
    }
    out.push_back(cur);
    return out;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto cells = split(line);
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
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
        ADD_FAILURE() << row.at("name") << " is " << st.listing << " in " << j << ": " << st.explanation;
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

}  // namespace
}  // namespace chokepoint
