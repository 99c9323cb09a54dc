// Similarity flags on the fixture rulebook: close analogs of listed precursors and drugs that no
// rule covers get designer_precursor / analog flags naming their nearest references; listed
// substances and unrelated medicines do not.
#include "flags/similarity.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include "chem/molecule.h"
#include "classify/record_json.h"
#include "flags/test_fixture.h"

namespace chokepoint::flags {
namespace {

const classify::Engine& SimEngine() {
  static std::shared_ptr<classify::Engine> engine = [] {
    auto e = std::make_shared<classify::Engine>(testing::FixtureRules());
    e->AddStage(std::make_shared<SimilarityStage>(e->rules()));
    return e;
  }();
  return *engine;
}

const classify::Flag* FindType(const classify::Record& r, const std::string& type) {
  for (const auto& f : r.flags)
    if (f.type == type) return &f;
  return nullptr;
}

TEST(SimilarityTest, ReferencesAreTheEntriesOnce) {
  SimilarityStage stage(SimEngine().rules());
  // 11 distinct structures among the 23 fixture entries (US, UN and CN share most).
  EXPECT_EQ(stage.references().size(), 11u);
}

TEST(SimilarityTest, ThienylAnppIsADesignerPrecursorOf4Anpp) {
  classify::Record r = SimEngine().Classify("c1ccc(NC2CCN(CCc3cccs3)CC2)cc1", testing::At2026());
  const auto* f = FindType(r, "designer_precursor");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(f->target, "4-ANPP");
  ASSERT_FALSE(f->nearest.empty());
  EXPECT_EQ(f->nearest[0].rule.substr(0, 7), "t.cn.an");
  EXPECT_GE(f->score, SimilarityOptions{}.threshold);
  EXPECT_NE(f->explanation.find("ECFP4 and FCFP4 Tanimoto"), std::string::npos);
}

TEST(SimilarityTest, ListedSubstancesAreNotTheirOwnAnalogs) {
  classify::Record r =
      SimEngine().Classify("c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1", testing::At2026());  // 4-ANPP
  for (const auto& f : r.flags) EXPECT_NE(f.target, "4-ANPP") << f.explanation;
}

TEST(SimilarityTest, UnrelatedMedicinesAreNotFlagged) {
  for (const char* smi : {"CC(=O)Nc1ccc(O)cc1", "CCN(CC)CC(=O)Nc1c(C)cccc1C",
                          "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"}) {
    classify::Record r = SimEngine().Classify(smi, testing::At2026());
    EXPECT_TRUE(r.flags.empty()) << smi << " " << classify::RecordToJson(r).dump();
  }
}

TEST(SimilarityTest, PrefilterSkipsSmallAndMotifFreeMolecules) {
  SimilarityStage stage(SimEngine().rules());
  EXPECT_FALSE(stage.Prefilter(**chem::ParseSmiles("CCO")));
  EXPECT_FALSE(stage.Prefilter(**chem::ParseSmiles("OC(=O)CCCCCCCCCCC(=O)O")));
  EXPECT_TRUE(stage.Prefilter(**chem::ParseSmiles("c1ccc(NC2CCN(CCc3cccs3)CC2)cc1")));
}

}  // namespace
}  // namespace chokepoint::flags
