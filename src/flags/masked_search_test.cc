// Pinned cases of the masked-precursor search, on the fixture rulebook
// (test_fixture.h) and the bundled transform table.
#include "flags/masked_search.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include "chem/molecule.h"
#include "classify/record_json.h"
#include "flags/test_fixture.h"

namespace chokepoint::flags {
namespace {

using classify::Flag;
using classify::Record;

const classify::Engine& FlagEngine() {
  static std::shared_ptr<classify::Engine> engine = [] {
    auto e = std::make_shared<classify::Engine>(testing::FixtureRules());
    auto t = LoadTransforms("data/transforms");
    if (!t.ok()) ADD_FAILURE() << t.status().message();
    e->AddStage(std::make_shared<MaskedPrecursorStage>(e.get(), *t));
    return e;
  }();
  return *engine;
}

Record Classify(const std::string& input) {
  return FlagEngine().Classify(input, testing::At2026());
}

const Flag* FindFlag(const Record& r, const std::string& target) {
  for (const auto& f : r.flags)
    if (f.type == "masked_precursor" && f.target == target) return &f;
  return nullptr;
}

std::string Canon(const std::string& smiles) {
  return chem::CanonicalSmiles(**chem::ParseSmiles(smiles));
}

std::string Path(const Flag& f) {
  std::string s;
  for (const auto& p : f.path) s += (s.empty() ? "" : ">") + p;
  return s;
}

std::string Js(const Flag& f) {
  std::string s;
  for (const auto& j : f.jurisdictions) s += (s.empty() ? "" : ",") + j;
  return s;
}

TEST(MaskedSearchTest, CbzFourApIsOneStepFromFourAp) {
  Record r = Classify("O=C(OCc1ccccc1)N1CCC(Nc2ccccc2)CC1");
  ASSERT_TRUE(r.ok);
  const Flag* f = FindFlag(r, "4-AP");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(Path(*f), "deprotect.cbz");
  // A carbamate of 4-AP is itself US List I (generic listing): the flag concerns CN and UN only,
  // and the input keeps its own US status.
  EXPECT_EQ(Js(*f), "CN,UN");
  EXPECT_EQ(r.status["US"].rule, "us.chem.4ap_amides_carbamates");
  EXPECT_EQ(r.status["UN"].category, rules::Category::kNone);
  EXPECT_EQ(r.verdict, "precursor");
  EXPECT_NE(f->explanation.find("Cbz deprotection → 4-AP"), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("itself covered in US"), std::string::npos) << f->explanation;
  EXPECT_FALSE(f->atoms.empty());
}

TEST(MaskedSearchTest, TfaFourApIsOneStepFromFourAp) {
  Record r = Classify("O=C(N1CCC(Nc2ccccc2)CC1)C(F)(F)F");
  const Flag* f = FindFlag(r, "4-AP");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Path(*f), "deprotect.tfa_amide");
  EXPECT_EQ(f->score, 1.0);
}

TEST(MaskedSearchTest, PiperidoneKetalGivesPiperidoneNotHydroxypiperidine) {
  Record r = Classify("C1CC2(CCN1)OCCO2");
  const Flag* f = FindFlag(r, "4-piperidone");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(Path(*f), "hydrolysis.cyclic_ketal_5");
  EXPECT_EQ(f->target_smiles, Canon("O=C1CCNCC1"));
  for (const auto& g : r.flags) EXPECT_NE(g.target_smiles, Canon("OC1CCNCC1"));
  // Itself US List I as an acetal of 4-piperidone; one hydrolysis from 4-piperidone for the UN.
  EXPECT_EQ(r.status["US"].category, rules::Category::kPrecursor);
  EXPECT_EQ(r.status["US"].basis, "acetal");
  EXPECT_EQ(Js(*f), "UN");
}

TEST(MaskedSearchTest, NppKetalIsOneStepFromNpp) {
  Record r = Classify("c1ccc(CCN2CCC3(CC2)OCCO3)cc1");
  const Flag* f = FindFlag(r, "NPP");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(Path(*f), "hydrolysis.cyclic_ketal_5");
  EXPECT_EQ(Js(*f), "CN,UN,US");
  EXPECT_EQ(r.verdict, "flagged");
  for (const auto& [j, st] : r.status) EXPECT_EQ(st.category, rules::Category::kNone) << j;
}

TEST(MaskedSearchTest, BenzylPiperidoneIsOneStepFromPiperidone) {
  Record r = Classify("O=C1CCN(Cc2ccccc2)CC1");
  const Flag* f = FindFlag(r, "4-piperidone");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(Path(*f), "deprotect.n_benzyl");
  EXPECT_EQ(Js(*f), "UN,US");
  EXPECT_EQ(r.verdict, "flagged");
}

TEST(MaskedSearchTest, BocNorfentanylIsOneDeprotectionFromNorfentanyl) {
  Record r = Classify("CCC(=O)N(c1ccccc1)C1CCN(C(=O)OC(C)(C)C)CC1");
  const Flag* f = FindFlag(r, "norfentanyl");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(Path(*f), "deprotect.boc");
  // In the US the input is a List I carbamate+amide of 4-AP, the target a Schedule II immediate
  // precursor: a different listing, so the US is named too. In China the input is itself a
  // fentanyl-class drug ((四): any group replaces the phenethyl), which says more than a flag.
  EXPECT_EQ(Js(*f), "UN,US");
  EXPECT_EQ(r.status["CN"].category, rules::Category::kDrug);
  EXPECT_NE(f->explanation.find("Boc deprotection → norfentanyl (UN Table I"), std::string::npos)
      << f->explanation;
  EXPECT_NE(f->explanation.find("US Schedule II (immediate precursor), 21 CFR 1308.12(g)"),
            std::string::npos);
  EXPECT_EQ(r.status["US"].category, rules::Category::kPrecursor);
  EXPECT_EQ(r.status["US"].listing, "List I");
}

TEST(MaskedSearchTest, AcetylfentanylStaysAControlledDrug) {
  Record r = Classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.verdict, "controlled");
  for (const char* j : {"US", "UN", "CN"})
    EXPECT_EQ(r.status[j].category, rules::Category::kDrug) << j;
  EXPECT_EQ(r.status["US"].rule, "t.us.acetylfentanyl");
  // Its own listing says more than "one amide hydrolysis from 4-ANPP": no jurisdiction where it is
  // a drug may carry that flag.
  EXPECT_EQ(FindFlag(r, "4-ANPP"), nullptr) << classify::RecordToJson(r).dump();
}

TEST(MaskedSearchTest, SaltOfAListedPrecursorGainsNoFlag) {
  Record r = Classify("CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1.Cl");
  ASSERT_TRUE(r.ok);
  // 1-boc-4-AP is listed in all three; deprotection to 4-AP restates the same listing (US List I)
  // or reaches a precursor of the same listing (UN Table I, CN).
  EXPECT_EQ(FindFlag(r, "4-AP"), nullptr) << classify::RecordToJson(r).dump();
}

TEST(MaskedSearchTest, TwoStepPathIsReported) {
  // 1-benzyl-4-piperidone ethylene ketal: ketal hydrolysis and debenzylation, in either order.
  Record r = Classify("C1CN(Cc2ccccc2)CCC12OCCO2");
  const Flag* f = FindFlag(r, "4-piperidone");
  ASSERT_NE(f, nullptr) << classify::RecordToJson(r).dump();
  EXPECT_EQ(f->path.size(), 2u);
  EXPECT_DOUBLE_EQ(f->score, 0.8);
}

TEST(MaskedSearchTest, PlainChemicalsDoNotEnterTheSearch) {
  auto t = LoadTransforms("data/transforms");
  ASSERT_TRUE(t.ok());
  MaskedPrecursorStage stage(&FlagEngine(), *t);
  for (const char* smi :
       {"CCO", "c1ccccc1", "CC(=O)Oc1ccccc1C(=O)O", "CN1C=NC2=C1C(=O)N(C)C(=O)N2C"}) {
    EXPECT_FALSE(stage.Prefilter(**chem::ParseSmiles(smi))) << smi;
  }
  EXPECT_TRUE(stage.Prefilter(**chem::ParseSmiles("C1CC2(CCN1)OCCO2")));
}

}  // namespace
}  // namespace chokepoint::flags
