#include "parties/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace chokepoint::parties {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cp_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(StoreTest, ImportListLoadAll) {
  ListStore store(dir_.string());
  auto empty = store.List();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto a = store.Import("tests/parties/fixtures/ofac", {});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = store.Import("tests/parties/fixtures/custom.csv",
                        {.format = "auto", .name = "blocklist", .version = ""});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto lists = store.List();
  ASSERT_TRUE(lists.ok());
  ASSERT_EQ(lists->size(), 2u);
  EXPECT_EQ((*lists)[0].info.name, "ofac_sdn");
  EXPECT_EQ((*lists)[0].info.entities, 5u);
  EXPECT_EQ((*lists)[1].info.name, "blocklist");
  EXPECT_EQ((*lists)[1].info.version, "2026-11-01");
  auto set = store.LoadAll();
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->entity_count(), 7u);
  EXPECT_TRUE(fs::exists(dir_ / "ofac_sdn.1" / "alt.csv"));
}

TEST_F(StoreTest, ReimportReplacesAndRemovesTheOldFolder) {
  ListStore store(dir_.string());
  ASSERT_TRUE(store.Import("tests/parties/fixtures/un.xml", {}).ok());
  ASSERT_TRUE(store.Import("tests/parties/fixtures/un.xml", {}).ok());
  auto lists = store.List();
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ((*lists)[0].dir, "un.2");
  EXPECT_FALSE(fs::exists(dir_ / "un.1"));
}

TEST_F(StoreTest, InvalidImportLeavesTheStoreAlone) {
  ListStore store(dir_.string());
  ASSERT_TRUE(store.Import("tests/parties/fixtures/un.xml", {}).ok());
  std::ofstream(dir_.string() + "/../cp_bad_list.xml") << "<NOT_A_LIST/>";
  auto r = store.Import(dir_.string() + "/../cp_bad_list.xml",
                        {.format = "un_xml", .name = "un", .version = ""});
  EXPECT_FALSE(r.ok());
  auto lists = store.List();
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ((*lists)[0].info.entities, 2u);
  fs::remove(dir_.string() + "/../cp_bad_list.xml");
}

TEST_F(StoreTest, ReplaceBelowTheSanityFloorKeepsTheStoredVersion) {
  ListStore store(dir_.string());
  ASSERT_TRUE(store.Import("tests/parties/fixtures/un.xml", {}).ok());
  auto staged = store.StagingDir("un");
  ASSERT_TRUE(staged.ok());
  fs::copy_file("tests/parties/fixtures/un.xml", dir_ / *staged / "consolidated.xml");
  auto r = store.Replace("un", *staged, "test", 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().tag(), "too_small");
  EXPECT_FALSE(fs::exists(dir_ / *staged));
  EXPECT_EQ((*store.List())[0].dir, "un.1");
  auto staged2 = store.StagingDir("un");
  fs::copy_file("tests/parties/fixtures/un.xml", dir_ / *staged2 / "consolidated.xml");
  auto ok = store.Replace("un", *staged2, "test", 1);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*store.List())[0].dir, *staged2);
  EXPECT_FALSE(fs::exists(dir_ / "un.1"));
}

}  // namespace
}  // namespace chokepoint::parties
