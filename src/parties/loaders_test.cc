#include "parties/loaders.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "parties/remarks.h"

namespace chokepoint::parties {
namespace {

const std::string kFixtures = "tests/parties/fixtures/";
const std::string kShared = "../shared/data/sanctions/";

const Entity* Find(const LoadedList& l, const std::string& id) {
  for (const auto& e : l.entities)
    if (e.entity_id == id) return &e;
  return nullptr;
}

TEST(OfacLoader, FixtureFolderWithAliasesAddressesAndRemarks) {
  auto l = LoadList(kFixtures + "ofac");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->info.name, "ofac_sdn");
  EXPECT_EQ(l->info.format, "ofac_csv");
  EXPECT_EQ(l->info.version, "unknown");
  EXPECT_EQ(l->info.entities, 5u);
  EXPECT_EQ(l->info.skipped, 3u);
  ASSERT_EQ(l->info.problems.size(), 3u);
  EXPECT_EQ(l->info.problems[0],
            "tests/parties/fixtures/ofac/sdn.csv:6: expected 12 fields, found 4");
  EXPECT_EQ(l->info.problems[1],
            "tests/parties/fixtures/ofac/sdn.csv:7: ent_num 'abc' is not a number");
  EXPECT_EQ(l->info.problems[2],
            "tests/parties/fixtures/ofac/alt.csv:3: ent_num 99999 is not in sdn.csv");
  const Entity* g = Find(*l, "45380");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->aliases, std::vector<std::string>{"河北冠朗生物科技有限公司"});
  EXPECT_EQ(g->programs, std::vector<std::string>{"ILLICIT-DRUGS-EO14059"});
  EXPECT_EQ(g->linked_to, std::vector<std::string>{"SHEN, Xingbiao"});
  ASSERT_EQ(g->ids.size(), 4u);
  EXPECT_EQ(g->ids[0].kind, "uscc");
  EXPECT_EQ(g->ids[0].value, "91130102MA0CEXAMPX");
  EXPECT_EQ(g->ids[0].country, "CN");
  EXPECT_EQ(g->ids[1].kind, "email");
  EXPECT_EQ(g->ids[2].kind, "website");
  EXPECT_EQ(g->ids[3].kind, "phone");
  EXPECT_EQ(g->countries, std::vector<std::string>{"CN"});
  const Entity* s = Find(*l, "45312");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, EntityType::kIndividual);
  EXPECT_EQ(s->dates_of_birth, std::vector<std::string>{"1974-06-15"});
  EXPECT_EQ(s->weak_aliases, std::vector<std::string>{"SHEN, Xing"});
  const Entity* v = Find(*l, "50002");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->type, EntityType::kVessel);
  ASSERT_EQ(v->ids.size(), 1u);
  EXPECT_EQ(v->ids[0].kind, "imo");
}

TEST(CslLoader, RepeatedHeaderAndTruncatedLastRecordAreReported) {
  auto l = LoadList(kFixtures + "csl.csv");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->info.entities, 3u);
  EXPECT_EQ(l->info.version, "2023-06-01");
  ASSERT_EQ(l->info.problems.size(), 2u);
  EXPECT_EQ(l->info.problems[0], "tests/parties/fixtures/csl.csv:2: repeated header row skipped");
  EXPECT_EQ(l->info.problems[1], "tests/parties/fixtures/csl.csv:6: unterminated quoted field");
  const Entity* e = Find(*l, "70001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->aliases.size(), 2u);
  ASSERT_EQ(e->ids.size(), 2u);
  EXPECT_EQ(e->ids[0].kind, "uscc");
  EXPECT_EQ(e->programs[0], "Entity List (EL)");
  EXPECT_EQ(Find(*l, "70002")->dates_of_birth, std::vector<std::string>{"1980-02-03"});
}

TEST(UnLoader, IndividualsEntitiesAliasesDocuments) {
  auto l = LoadList(kFixtures + "un.xml");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->info.version, "2026-02-27");
  EXPECT_EQ(l->info.entities, 2u);
  ASSERT_EQ(l->info.problems.size(), 1u);
  EXPECT_EQ(l->info.problems[0], "tests/parties/fixtures/un.xml:16: <INDIVIDUAL> without DATAID");
  const Entity* i = Find(*l, "900001");
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->name, "IVAN EXAMPLOV");
  EXPECT_EQ(i->aliases, std::vector<std::string>{"Иван Экзамплов"});
  EXPECT_EQ(i->weak_aliases, std::vector<std::string>{"Vanya"});
  EXPECT_EQ(i->countries, std::vector<std::string>{"RU"});
  EXPECT_EQ(Find(*l, "900002")->name, "OCEAN EXAMPLE SHIPPING & TRADING COMPANY");
  EXPECT_EQ(Find(*l, "900002")->countries, std::vector<std::string>{"KP"});
}

TEST(UnLoader, BrokenXmlIsAnErrorWithLine) {
  auto r = ParseUnXml("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>", "x.xml", "un");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.xml:line 3: </ENTITIES> closes <INDIVIDUALS>");
}

TEST(DplLoader, RowsOfOnePartyMergeAndTyposInDatesAreIgnored) {
  auto l = LoadList(kFixtures + "dpl.txt");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->info.entities, 2u);
  EXPECT_EQ(l->info.version, "2022-05-18");  // "3022-08-29" is a typo, not a version
  EXPECT_EQ(l->entities[0].addresses.size(), 2u);
  EXPECT_EQ(l->entities[0].entity_id, "dpl-1");
  ASSERT_EQ(l->info.problems.size(), 1u);
  EXPECT_EQ(l->info.problems[0], "tests/parties/fixtures/dpl.txt:5: expected 12 fields, found 2");
}

TEST(CustomLoader, CsvRowsAreValidated) {
  auto l = LoadList(kFixtures + "custom.csv");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->info.name, "custom");
  EXPECT_EQ(l->info.version, "2026-11-01");
  EXPECT_EQ(l->info.entities, 2u);
  std::vector<std::string> expected = {
      "tests/parties/fixtures/custom.csv:6: expected 13 fields, found 7",
      "tests/parties/fixtures/custom.csv:7: missing name",
      "tests/parties/fixtures/custom.csv:8: unknown country 'Atlantis'",
      "tests/parties/fixtures/custom.csv:9: duplicate id 'IB-1'",
  };
  EXPECT_EQ(l->info.problems, expected);
  const Entity& e = l->entities[0];
  EXPECT_EQ(e.aliases.size(), 2u);
  EXPECT_EQ(e.ids.size(), 4u);  // uscc + email + phone + website
}

TEST(CustomLoader, JsonLines) {
  std::string text =
      "# version: 2026-01-02\n"
      "{\"id\": \"A\", \"name\": \"Alpha Chemical Co\", \"ids\": {\"uscc\": "
      "\"91350100M000100Y43\"}, \"countries\": [\"China\"]}\n"
      "{\"id\": \"B\"}\n"
      "not json\n"
      "{\"id\": \"C\", \"name\": \"Gamma\", \"colour\": \"red\"}\n";
  auto l = ParseCustomJsonl(text, "l.jsonl", "mine");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->info.version, "2026-01-02");
  EXPECT_EQ(l->info.entities, 1u);
  std::vector<std::string> expected = {"l.jsonl:3: missing name", "l.jsonl:4: not valid JSON",
                                       "l.jsonl:5: unknown field 'colour'"};
  EXPECT_EQ(l->info.problems, expected);
  EXPECT_EQ(l->entities[0].countries, std::vector<std::string>{"CN"});
}

TEST(CustomLoader, BadHeaderIsAnError) {
  auto r = ParseCustomCsv("ident,nom\nA,B\n", "bad.csv", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "bad_list");
}

TEST(LoadList, FormatDetectionAndErrors) {
  EXPECT_EQ(*DetectFormat(kFixtures + "ofac"), "ofac_csv");
  EXPECT_EQ(*DetectFormat(kFixtures + "ofac/sdn.csv"), "ofac_csv");
  EXPECT_EQ(*DetectFormat(kFixtures + "csl.csv"), "csl_csv");
  EXPECT_EQ(*DetectFormat(kFixtures + "un.xml"), "un_xml");
  EXPECT_EQ(*DetectFormat(kFixtures + "dpl.txt"), "bis_dpl");
  EXPECT_EQ(*DetectFormat(kFixtures + "custom.csv"), "custom_csv");
  EXPECT_EQ(LoadList(kFixtures + "nope.csv").status().tag(), "not_found");
  EXPECT_EQ(LoadList(kFixtures).status().tag(), "unknown_format");
}

TEST(Remarks, LooseDates) {
  EXPECT_EQ(ParseLooseDate("18 Mar 1961"), "1961-03-18");
  EXPECT_EQ(ParseLooseDate("circa 1961"), "1961");
  EXPECT_EQ(ParseLooseDate("Mar 1961"), "1961-03");
  EXPECT_EQ(ParseLooseDate("1961 to 1963"), "1961");
  EXPECT_EQ(ParseLooseDate("08/24/2022"), "2022-08-24");
  EXPECT_EQ(ParseLooseDate("3017-08-22"), "");
  EXPECT_EQ(ParseLooseDate("unknown"), "");
}

// The shared reference lists: counts from ../shared/data/README.md.
TEST(SharedLists, CountsMatchTheDataReadme) {
  if (!std::filesystem::exists(kShared)) GTEST_SKIP() << "shared data not present";
  auto sdn = LoadList(kShared + "ofac-sdn-2021");
  ASSERT_TRUE(sdn.ok());
  EXPECT_EQ(sdn->info.entities, 8976u);
  EXPECT_EQ(sdn->info.skipped, 0u);
  EXPECT_EQ(
      sdn->info.names, 8976u + 11910u + [&] {
        size_t w = 0;
        for (const auto& e : sdn->entities) w += e.weak_aliases.size();
        return w;
      }());
  auto csl = LoadList(kShared + "csl/consolidated_screening_list.csv");
  ASSERT_TRUE(csl.ok());
  EXPECT_EQ(csl->info.entities, 4226u);  // 4,227 records, the last one truncated
  EXPECT_EQ(csl->info.skipped, 2u);      // the repeated header and the truncated record
  auto un = LoadList(kShared + "un/consolidated.xml");
  ASSERT_TRUE(un.ok());
  EXPECT_EQ(un->info.entities, 1003u);  // 730 individuals + 273 entities
  auto dpl = LoadList(kShared + "bis/denied_persons.txt");
  ASSERT_TRUE(dpl.ok());
  EXPECT_EQ(dpl->info.skipped, 0u);
  EXPECT_EQ(dpl->info.version, "2022-09-02");  // the latest date in the file (README)
}

}  // namespace
}  // namespace chokepoint::parties
