// Engine behaviour on a small fixture rulebook (the real class rules plus a few hand-written
// entries), so these tests pin engine logic independently of the full legal data.
#include "classify/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "classify/record_json.h"
#include "rules/rulebook_set.h"
#include "rules/testing.h"

namespace chokepoint::classify {
namespace {

constexpr const char* kEntries = R"(jurisdiction: US
entries:
  - id: test.fentanyl
    name: fentanyl
    cas: [437-38-7, 990-73-8]
    smiles: CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(c)
    effective: 1971-05-01
    covers: [salts, isomers]
  - id: test.norfentanyl
    name: norfentanyl
    smiles: CCC(=O)N(c1ccccc1)C1CCNCC1
    category: precursor
    listing: Schedule II (immediate precursor)
    citation: 21 CFR 1308.12(g)
    effective: 2020-05-18
    covers: [salts]
  - id: test.ephedrine
    name: ephedrine
    smiles: CN[C@@H](C)[C@H](O)c1ccccc1
    category: precursor
    listing: List I
    citation: 21 CFR 1310.02(a)
    effective: 1989-08-01
    covers: [salts]
substances:
  - id: ref.citric_acid
    name: citric acid
    smiles: OC(=O)CC(O)(CC(=O)O)C(=O)O
    role: counterion
)";

const Engine& TestEngine() {
  static std::shared_ptr<Engine> engine = [] {
    auto r = rules::testing::LoadFixtureRulebooks({{"us/entries.yaml", kEntries}},
                                                  {"us/classes.yaml", "cn/classes.yaml"});
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

TEST(EngineTest, EntryTakesPrecedenceOverClass) {
  Record r = ClassifyAt("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.substance.name, "fentanyl");
  EXPECT_EQ(r.status["US"].rule, "test.fentanyl");
  EXPECT_EQ(r.status["US"].basis, "entry");
  EXPECT_EQ(r.verdict, "controlled");
  EXPECT_EQ(r.substance.inchikey,
            "PJMPHNIQZUBGLI-UHFFFAOYSA-N");  // computed for controlled results
  // China has no fentanyl entry in this fixture: an unmodified reference is not a class member.
  EXPECT_EQ(r.status["CN"].category, rules::Category::kNone);
}

TEST(EngineTest, SaltNamesTheRemovedCounterIon) {
  Record r = ClassifyAt("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(=O)O)C(=O)O");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status["US"].basis, "salt");
  ASSERT_EQ(r.substance.removed.size(), 1u);
  EXPECT_EQ(r.substance.removed[0].name, "citric acid");
  EXPECT_EQ(r.substance.name, "fentanyl");
}

TEST(EngineTest, ClassMembersReportModifications) {
  Record r = ClassifyAt(
      "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");  // acetylfentanyl, no entry in the fixture
  EXPECT_EQ(r.status["US"].basis, "class");
  EXPECT_EQ(r.status["US"].rule, "us.csa.fentanyl_related_substances");
  EXPECT_EQ(r.status["US"].modifications, std::vector<std::string>{"(E)"});
  EXPECT_EQ(r.status["CN"].modifications, std::vector<std::string>{"(一)"});
  EXPECT_EQ(r.verdict, "controlled");
}

TEST(EngineTest, DatesDecide) {
  // The US class took effect on 2018-02-06; China's on 2019-05-01.
  Record before = ClassifyAt("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", "2018-01-01");
  EXPECT_EQ(before.status["US"].category, rules::Category::kNone);
  EXPECT_EQ(before.status["CN"].category, rules::Category::kNone);
  Record between = ClassifyAt("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", "2019-01-01");
  EXPECT_EQ(between.status["US"].category, rules::Category::kDrug);
  EXPECT_EQ(between.status["CN"].category, rules::Category::kNone);
  // Before its listing date norfentanyl is not controlled, and the explanation says when it will
  // be.
  Record nor = ClassifyAt("CCC(=O)N(c1ccccc1)C1CCNCC1", "2019-01-01");
  // The generic 4-AP listing (2020-05-15) is not in force yet either.
  EXPECT_EQ(nor.status["US"].category, rules::Category::kNone);
  EXPECT_NE(nor.status["US"].explanation.find(
                "norfentanyl is listed in Schedule II (immediate precursor)"),
            std::string::npos)
      << nor.status["US"].explanation;
}

TEST(EngineTest, NorfentanylEntryWinsAndTheGenericListingIsNoted) {
  Record r = ClassifyAt("CCC(=O)N(c1ccccc1)C1CCNCC1");
  EXPECT_EQ(r.status["US"].rule, "test.norfentanyl");
  EXPECT_EQ(r.status["US"].also, std::vector<std::string>{"us.chem.4ap_amides_carbamates"});
  EXPECT_EQ(r.status["CN"].category, rules::Category::kNone);  // outside China's class (N-H)
  EXPECT_EQ(r.verdict, "precursor");
}

TEST(EngineTest, ClassYieldsToAnotherScheduleEvenWithoutAnEntry) {
  // Sufentanil meets the US class wording ((A)+(C)) but is listed in Schedule II: never Schedule I.
  Record r = ClassifyAt("CCC(=O)N(c1ccccc1)C1(COC)CCN(CCc2cccs2)CC1");
  EXPECT_EQ(r.status["US"].listing, "Schedule II");
  EXPECT_EQ(r.status["US"].citation, "21 CFR 1308.12(c)");
  EXPECT_EQ(r.status["US"].effective, "");
  EXPECT_NE(r.status["US"].explanation.find("unverified"), std::string::npos);
}

TEST(EngineTest, UnspecifiedStereoMatchesAsIsomer) {
  Record r = ClassifyAt("CNC(C)C(O)c1ccccc1");
  EXPECT_EQ(r.status["US"].rule, "test.ephedrine");
  EXPECT_EQ(r.status["US"].basis, "isomer");
}

TEST(EngineTest, MixtureWithAControlledComponentIsControlled) {
  Record r =
      ClassifyAt("OCC(O)CO.OCC(O)CO.OCC(O)CO.OCC(O)CO.CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.verdict, "controlled");
}

TEST(EngineTest, NamesAndCasResolveOnlyThroughTheRulebooks) {
  Record byname = ClassifyAt("Norfentanyl");
  EXPECT_EQ(byname.input_type, chem::InputType::kName);
  EXPECT_EQ(byname.status["US"].rule, "test.norfentanyl");
  Record bycas = ClassifyAt("990-73-8");
  EXPECT_EQ(bycas.input_type, chem::InputType::kCas);
  EXPECT_EQ(bycas.substance.name, "fentanyl");
  Record unknown = ClassifyAt("fentanil");
  EXPECT_FALSE(unknown.ok);
  EXPECT_EQ(unknown.error.tag(), "unknown_name");
  EXPECT_EQ(unknown.suggestions, std::vector<std::string>{"fentanyl"});
  EXPECT_EQ(unknown.error.message(),
            "'fentanil' is neither a known name nor valid SMILES; did you mean fentanyl?");
  Record cas = ClassifyAt("64-17-5");
  EXPECT_EQ(cas.error.tag(), "unknown_cas");
}

TEST(EngineTest, ClearMedicineIsClear) {
  Record r = ClassifyAt("CCCCN1CCCCC1C(=O)Nc1c(C)cccc1C");  // bupivacaine
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.verdict, "clear");
  EXPECT_TRUE(r.substance.inchikey.empty());  // InChI only when needed or asked
  EXPECT_NE(r.status["US"].explanation.find("not listed and no class rule applies in us@"),
            std::string::npos);
}

TEST(EngineTest, GarbageNeverCrashes) {
  for (std::string s :
       {std::string("\x00\x01\x02", 3), std::string("\xff\xfe"), std::string(100000, '('),
        std::string("C") + std::string(5000, '1'), std::string("[Xx]"), std::string("InChI=1S/")}) {
    Record r = ClassifyAt(s);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.verdict, "error");
    EXPECT_FALSE(r.error.tag().empty());
  }
}

TEST(EngineTest, ResultCacheAnswersExactlyLikeTheEngine) {
  const Engine& e = TestEngine();
  const std::vector<std::string> inputs = {
      "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",
      "fentanyl",
      "CCO",
      "C1CC(",
      "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(=O)O)C(=O)O",
      "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"};
  ClassifyOptions o2026, o2018, us_inchi;
  o2026.at = *Date::Parse("2026-01-01");
  o2018.at = *Date::Parse("2018-01-01");
  us_inchi.at = o2026.at;
  us_inchi.jurisdictions = {"US"};
  us_inchi.want_inchi = true;
  auto dump = [](const Record& r) { return RecordToJson(r).dump(); };
  std::vector<std::string> expected;
  for (const auto* o : {&o2026, &o2018, &us_inchi})
    for (const auto& in : inputs) expected.push_back(dump(e.Classify(in, *o)));

  e.SetResultCacheCapacity(4);  // smaller than the working set: evictions happen
  for (int round = 0; round < 2; ++round) {
    size_t i = 0;
    for (const auto* o : {&o2026, &o2018, &us_inchi})
      for (const auto& in : inputs) {
        Record r = e.Classify(in, *o);
        EXPECT_EQ(r.line, 0);
        EXPECT_EQ(dump(r), expected[i]) << in << " round " << round;
        ++i;
      }
  }
  // Same input, different date: answered for its own date.
  EXPECT_EQ(e.Classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", o2018).status["US"].category,
            rules::Category::kNone);
  EXPECT_EQ(e.Classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", o2026).status["US"].category,
            rules::Category::kDrug);
  EXPECT_EQ(dump(e.Classify("CCO", o2026)), expected[2]);
  EXPECT_EQ(dump(e.Classify("CCO", o2026)), expected[2]);  // the one just stored
  auto st = e.ResultCacheStats();
  EXPECT_LE(st.entries, 4u);
  EXPECT_GT(st.hits, 0u);
  e.SetResultCacheCapacity(0);
  EXPECT_EQ(e.ResultCacheStats().entries, 0u);
}

}  // namespace
}  // namespace chokepoint::classify
