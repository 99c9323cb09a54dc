// The named steps of a jurisdiction's status (classify/status_steps.h), each on its own, over a
// small fixture rulebook: exceptions, named entries (exact and up to stereochemistry, dated),
// class rules (and when they yield to an entry), and a class's "unless listed" exclusions.
#include "classify/status_steps.h"

#include <GraphMol/RWMol.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "chem/molecule.h"
#include "rules/rulebook_set.h"
#include "rules/testing.h"

namespace chokepoint::classify::steps {
namespace {

constexpr const char* kUs = R"yaml(jurisdiction: US
entries:
  - id: t.levomethorphan
    name: levomethorphan
    smiles: COc1ccc2c(c1)[C@@]13CCCC[C@@H]1[C@@H](C2)N(C)CC3
    category: drug
    listing: Schedule II
    citation: 21 CFR 1308.12(c)
    effective: 1971-05-01
    covers: [salts, isomers]
  - id: t.dextromethorphan
    name: dextromethorphan
    smiles: COc1ccc2c(c1)[C@]13CCCC[C@H]1[C@H](C2)N(C)CC3
    category: excepted
    excepts: [t.levomethorphan]
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
  - id: t.paa
    name: phenylacetic acid
    smiles: OC(=O)Cc1ccccc1
    category: precursor
    listing: List I
    citation: 21 CFR 1310.02(a)(9)
    effective: 1988-11-18
  - id: t.acetylfentanyl
    name: acetylfentanyl
    smiles: CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1
    category: drug
    listing: Schedule I
    citation: 21 CFR 1308.11(b)
    effective: 2015-07-17
classes:
  - id: t.frs
    name: fentanyl-related substances
    category: drug
    listing: Schedule I
    citation: 21 CFR 1308.11(h)(30)
    effective: 2018-02-06
    basis: class
    unless_listed: true
    covers: [salts, isomers]
    excludes:
      - {name: carfentanil, smiles: "CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCc2ccccc2)CC1", category: drug, listing: Schedule II, citation: 21 CFR 1308.12(c)}
    reference: CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1
    core: "[#6:1](=[#8:2])-[#7:3](-[a:4])-[#6;R:5]1-[#6;R:6]-[#6;R:7]-[#7;R:8](-[#6X4;!R:9]-[#6X4;!R:10]-[*;R:11])-[#6;R:12]-[#6;R:13]-1"
    regions:
      - name: N-propionyl group
        atoms: [1]
        allow: [any]
        max: 1
        reference: ["*CC"]
        modification: "(E)"
      - name: aniline ring
        atoms: [4]
        ring: aromatic_monocycle
        reference_ring: c1ccccc1
        allow: [any]
        modification: "(D)"
      - name: piperidine ring
        atoms: [5, 6, 7, 12, 13]
        allow: [alkyl, alkoxy, ester, ether, hydroxy, halo]
        modification: "(C)"
      - name: ethyl bridge of the phenethyl group
        atoms: [9, 10]
        allow: [alkyl, hydroxy, halo]
        modification: "(B)"
      - name: phenyl of the phenethyl group
        atoms: [11]
        ring: monocycle
        reference_ring: c1ccccc1
        allow: [any]
        modification: "(A)"
)yaml";

const rules::RulebookSet& Rules() {
  static std::shared_ptr<const rules::RulebookSet> set = [] {
    auto r = rules::testing::LoadFixtureRulebooks({{"us/a.yaml", kUs}}, {"substances.yaml"});
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return *r;
  }();
  return *set;
}

chem::MolPtr ParseOrDie(const std::string& smi) {
  auto m = chem::ParseSmiles(smi);
  if (!m.ok()) ADD_FAILURE() << smi << ": " << m.status().message();
  return m.ok() ? std::move(*m) : nullptr;
}

// A parsed structure and the step input built from it, as Engine::StatusOf builds it.
struct Prepared {
  explicit Prepared(const std::string& smi)
      : mol(ParseOrDie(smi)), smiles(chem::CanonicalSmiles(*mol)) {
    const bool stereo = smiles.find('@') != std::string::npos;
    const std::vector<const rules::Entry*>* flat = nullptr;
    std::string flat_smiles;
    if (Rules().FormulaIndexed(chem::Formula(*mol))) {
      flat_smiles = chem::CanonicalSmiles(*mol, false);
      flat = &Rules().EntriesByFlatStructure(flat_smiles);
    }
    m = std::make_unique<Molecule>(Molecule{*mol, smiles, flat_smiles, stereo, false,
                                            ElementCounts::Of(*mol),
                                            Rules().EntriesByStructure(smiles), flat});
  }
  chem::MolPtr mol;
  std::string smiles;
  std::unique_ptr<Molecule> m;
};

const Date kToday = *Date::Parse("2026-01-01");

constexpr const char* kDextro = "COc1ccc2c(c1)[C@]13CCCC[C@H]1[C@H](C2)N(C)CC3";
constexpr const char* kLevo = "COc1ccc2c(c1)[C@@]13CCCC[C@@H]1[C@@H](C2)N(C)CC3";
constexpr const char* kMethorphanFlat = "COc1ccc2c(c1)C13CCCCC1C(C2)N(C)CC3";

TEST(FindExceptions, FindsTheExceptedIsomerItself) {
  Prepared p(kDextro);
  Exceptions ex = FindExceptions(*p.m, "US", kToday);
  ASSERT_NE(ex.exact, nullptr);
  EXPECT_EQ(ex.exact->id, "t.dextromethorphan");
  EXPECT_EQ(ex.flat, nullptr);
}

TEST(FindExceptions, AnInputWithoutStereoMightBeTheExceptedIsomer) {
  Prepared p(kMethorphanFlat);
  Exceptions ex = FindExceptions(*p.m, "US", kToday);
  EXPECT_EQ(ex.exact, nullptr);
  ASSERT_NE(ex.flat, nullptr);
  EXPECT_EQ(ex.flat->id, "t.dextromethorphan");
  // Another jurisdiction has no such exception.
  EXPECT_EQ(FindExceptions(*p.m, "CN", kToday).flat, nullptr);
}

TEST(MatchEntries, TheExceptedIsomerMatchesNoEntry) {
  Prepared p(kDextro);
  EntryMatch hit = MatchEntries(*p.m, "US", kToday, FindExceptions(*p.m, "US", kToday));
  EXPECT_EQ(hit.entry, nullptr);
}

TEST(MatchEntries, ExactStructureIsNotAnIsomerMatch) {
  Prepared p(kLevo);
  EntryMatch hit = MatchEntries(*p.m, "US", kToday, FindExceptions(*p.m, "US", kToday));
  ASSERT_NE(hit.entry, nullptr);
  EXPECT_EQ(hit.entry->id, "t.levomethorphan");
  EXPECT_FALSE(hit.isomer);
  EXPECT_EQ(hit.state->listing, "Schedule II");
}

TEST(MatchEntries, NoStereoIsReadAsTheListedFormStrictly) {
  Prepared p(kMethorphanFlat);
  EntryMatch hit = MatchEntries(*p.m, "US", kToday, FindExceptions(*p.m, "US", kToday));
  ASSERT_NE(hit.entry, nullptr);
  EXPECT_EQ(hit.entry->id, "t.levomethorphan");
  EXPECT_TRUE(hit.isomer);
}

TEST(MatchEntries, AnotherStereoisomerCountsOnlyWhereTheListingCoversIsomers) {
  // Cocaine's listing covers salts only: its enantiomer is not the entry.
  Prepared enantiomer("COC(=O)[C@@H]1[C@H](OC(=O)c2ccccc2)C[C@H]2CC[C@@H]1N2C");
  EXPECT_EQ(MatchEntries(*enantiomer.m, "US", kToday, {}).entry, nullptr);
}

TEST(MatchEntries, AListingNotYetInForceIsReportedApart) {
  Prepared p("OC(=O)Cc1ccccc1");
  EntryMatch before = MatchEntries(*p.m, "US", *Date::Parse("1980-01-01"), {});
  EXPECT_EQ(before.entry, nullptr);
  ASSERT_NE(before.not_in_force, nullptr);
  EXPECT_EQ(before.not_in_force->id, "t.paa");
  EXPECT_EQ(MatchEntries(*p.m, "US", kToday, {}).entry->id, "t.paa");
}

const std::map<const rules::ClassRule*, CorePrefilter> kNoPrefilters;

TEST(MatchClasses, AModifiedFentanylMeetsTheClass) {
  Prepared p("CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1");  // para-fluorofentanyl: aniline ring (D)
  ClassResult cls = MatchClasses(*p.m, *Rules().Find("US"), kToday, {}, kNoPrefilters);
  ASSERT_NE(cls.rule, nullptr);
  EXPECT_EQ(cls.rule->id, "t.frs");
  EXPECT_EQ(cls.match.modifications, std::vector<std::string>{"(D)"});
  // Before the class was in force, nothing.
  EXPECT_EQ(
      MatchClasses(*p.m, *Rules().Find("US"), *Date::Parse("2017-01-01"), {}, kNoPrefilters).rule,
      nullptr);
}

TEST(MatchClasses, TheReferenceItselfIsNotAMember) {
  Prepared p("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");  // fentanyl: no modification
  EXPECT_EQ(MatchClasses(*p.m, *Rules().Find("US"), kToday, {}, kNoPrefilters).rule, nullptr);
}

TEST(MatchClasses, AClassYieldsToANamedEntry) {
  Prepared p("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1");  // acetylfentanyl: listed by name, and (E)
  EntryMatch entries = MatchEntries(*p.m, "US", kToday, {});
  ASSERT_NE(entries.entry, nullptr);
  ClassResult cls = MatchClasses(*p.m, *Rules().Find("US"), kToday, entries, kNoPrefilters);
  EXPECT_EQ(cls.rule, nullptr);
  EXPECT_EQ(cls.also, std::vector<std::string>{"t.frs"});
}

TEST(ClassExclusion, ASubstanceListedElsewhereIsLeftToThatListing) {
  Prepared carfentanil("CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCc2ccccc2)CC1");
  ClassResult cls = MatchClasses(*carfentanil.m, *Rules().Find("US"), kToday, {}, kNoPrefilters);
  ASSERT_NE(cls.rule, nullptr);  // structurally a member: an ester on the piperidine ring (C)
  const rules::Exclusion* x = ClassExclusion(*carfentanil.m, cls);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->name, "carfentanil");
  JurisdictionStatus st;
  ExplainExclusion(*x, *cls.rule, st);
  EXPECT_EQ(st.listing, "Schedule II");
  EXPECT_EQ(st.rule, "t.frs#excluded");

  Prepared other("CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1");
  EXPECT_EQ(ClassExclusion(*other.m,
                           MatchClasses(*other.m, *Rules().Find("US"), kToday, {}, kNoPrefilters)),
            nullptr);
}

}  // namespace
}  // namespace chokepoint::classify::steps
