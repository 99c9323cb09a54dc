// Test-only: an engine on a fixture rulebook (the real US/CN class rules plus hand-written
// entries of the fentanyl chain in US, CN and UN), so the flag tests do not depend on the state of
// the legal data that other changes are still writing. Entries follow SOURCES.md §2.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "classify/engine.h"
#include "rules/rulebook_set.h"
#include "rules/testing.h"

namespace chokepoint::flags::testing {

inline constexpr const char* kFixtureUS = R"(jurisdiction: US
entries:
  - {id: t.us.fentanyl, name: fentanyl, smiles: "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", category: drug, listing: Schedule II, citation: 21 CFR 1308.12(c), effective: 1971-05-01, covers: [salts, isomers]}
  - {id: t.us.acetylfentanyl, name: acetylfentanyl, smiles: "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", category: drug, listing: Schedule I, citation: 21 CFR 1308.11(b), effective: 2015-07-17, covers: [salts, isomers]}
  - {id: t.us.anpp, name: 4-ANPP, smiles: "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1", category: precursor, listing: Schedule II (immediate precursor), citation: 21 CFR 1308.12(g), effective: 2010-08-30, covers: [salts]}
  - {id: t.us.norfentanyl, name: norfentanyl, smiles: "CCC(=O)N(c1ccccc1)C1CCNCC1", category: precursor, listing: Schedule II (immediate precursor), citation: 21 CFR 1308.12(g), effective: 2020-05-18, covers: [salts]}
  - {id: t.us.4ap, name: 4-AP, smiles: "c1ccc(NC2CCNCC2)cc1", category: precursor, listing: List I, citation: 21 CFR 1310.02(a), effective: 2020-05-15, covers: [salts]}
  - {id: t.us.4pip, name: 4-piperidone, smiles: "O=C1CCNCC1", category: precursor, listing: List I, citation: 21 CFR 1310.02(a), effective: 2023-05-12, covers: [salts]}
  - {id: t.us.npp, name: NPP, smiles: "O=C1CCN(CCc2ccccc2)CC1", category: precursor, listing: List I, citation: 21 CFR 1310.02(a), effective: 2008-07-25, covers: [salts]}
  - {id: t.us.paa, name: phenylacetic acid, smiles: "OC(=O)Cc1ccccc1", category: precursor, listing: List I, citation: 21 CFR 1310.02(a), effective: 1989-08-01, covers: [salts, esters]}
)";

inline constexpr const char* kFixtureUN = R"(jurisdiction: UN
entries:
  - {id: t.un.fentanyl, name: fentanyl, smiles: "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", category: drug, listing: 1961 Convention Schedule I, citation: Single Convention 1961, effective: 1964-12-13, covers: [salts, isomers]}
  - {id: t.un.acetylfentanyl, name: acetylfentanyl, smiles: "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", category: drug, listing: 1961 Convention Schedule I, citation: CND decision 59/1, effective: 2016-06-01, covers: [salts, isomers]}
  - {id: t.un.anpp, name: 4-ANPP, smiles: "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2017-10-18, covers: [salts]}
  - {id: t.un.npp, name: NPP, smiles: "O=C1CCN(CCc2ccccc2)CC1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2017-10-18, covers: [salts]}
  - {id: t.un.norfentanyl, name: norfentanyl, smiles: "CCC(=O)N(c1ccccc1)C1CCNCC1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2022-11-23, covers: [salts]}
  - {id: t.un.4ap, name: 4-AP, smiles: "c1ccc(NC2CCNCC2)cc1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2022-11-23, covers: [salts]}
  - {id: t.un.boc4ap, name: 1-boc-4-AP, smiles: "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2022-11-23, covers: [salts]}
  - {id: t.un.4pip, name: 4-piperidone, smiles: "O=C1CCNCC1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2024-12-01, covers: [salts]}
  - {id: t.un.boc4pip, name: 1-boc-4-piperidone, smiles: "CC(C)(C)OC(=O)N1CCC(=O)CC1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 2024-12-01, covers: [salts]}
  - {id: t.un.p2p, name: P2P, smiles: "CC(=O)Cc1ccccc1", category: precursor, listing: Table I, citation: 1988 Convention Table I, effective: 1990-11-11}
)";

inline constexpr const char* kFixtureCN = R"(jurisdiction: CN
entries:
  - {id: t.cn.anpp, name: 4-ANPP, smiles: "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1", category: precursor, listing: 易制毒化学品 第一类, citation: 国务院令 2017, effective: 2017-12-22, covers: [salts]}
  - {id: t.cn.npp, name: NPP, smiles: "O=C1CCN(CCc2ccccc2)CC1", category: precursor, listing: 易制毒化学品 第一类, citation: 国务院令 2017, effective: 2017-12-22, covers: [salts]}
  - {id: t.cn.norfentanyl, name: norfentanyl, smiles: "CCC(=O)N(c1ccccc1)C1CCNCC1", category: precursor, listing: 易制毒化学品 第一类, citation: 公告 2024, effective: 2024-09-01, covers: [salts]}
  - {id: t.cn.4ap, name: 4-AP, smiles: "c1ccc(NC2CCNCC2)cc1", category: precursor, listing: 易制毒化学品 第一类, citation: 公告 2024, effective: 2024-09-01, covers: [salts]}
  - {id: t.cn.boc4ap, name: 1-boc-4-AP, smiles: "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1", category: precursor, listing: 易制毒化学品 第一类, citation: 公告 2024, effective: 2024-09-01, covers: [salts]}
)";

// Loaded once per test binary.
inline std::shared_ptr<const rules::RulebookSet> FixtureRules() {
  static std::shared_ptr<const rules::RulebookSet> set = [] {
    auto r = rules::testing::LoadFixtureRulebooks({{"us/entries.yaml", kFixtureUS},
                                                   {"un/entries.yaml", kFixtureUN},
                                                   {"cn/entries.yaml", kFixtureCN}},
                                                  {"us/classes.yaml", "cn/classes.yaml"});
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      return std::shared_ptr<const rules::RulebookSet>();
    }
    return *r;
  }();
  return set;
}

inline classify::ClassifyOptions At2026() {
  classify::ClassifyOptions o;
  o.at = *Date::Parse("2026-01-01");
  return o;
}

}  // namespace chokepoint::flags::testing
