// The transform table in data/transforms: it loads, and every transform does what its own
// examples say (data-driven: a reviewer adds an example to the YAML, this test runs it).
#include "flags/transform_set.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace chokepoint::flags {
namespace {

namespace fs = std::filesystem;

TEST(TransformSetTest, BundledTransformsLoad) {
  auto set = LoadTransforms("data/transforms");
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_GE((*set)->transforms.size(), 15u);
  EXPECT_GE((*set)->scaffolds.size(), 1u);
  EXPECT_NE((*set)->Find("deprotect.boc"), nullptr);
}

TEST(TransformSetTest, EveryExampleHolds) {
  auto set = LoadTransforms("data/transforms");
  ASSERT_TRUE(set.ok()) << set.status().message();
  for (const auto& failure : CheckTransformExamples(**set)) ADD_FAILURE() << failure;
}

// Loader errors name the file and line, and all problems are reported at once.
TEST(TransformSetTest, ErrorsNameFileAndLine) {
  fs::path dir = fs::temp_directory_path() / ("cp_transforms_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << R"(transforms:
  - id: t.one
    name: one
    kind: sideways
    smarts: "[#7:1]-C(=O)C>>[#7:1]"
    chemistry: x
    citation: y
    exampels: []
  - id: t.one
    name: two
    kind: unmask
    smarts: "not a reaction"
    chemistry: x
    citation: y
    examples:
      - {input: "CC(=O)NC", gives: "CN"}
)";
  auto set = LoadTransforms(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(set.ok());
  const std::string& m = set.status().message();
  const std::string f = (dir / "bad.yaml").string();
  EXPECT_NE(m.find(f + ":4: kind must be 'unmask' or 'forward', not 'sideways'"), std::string::npos)
      << m;
  EXPECT_NE(m.find(f + ":8: unknown key 'exampels'"), std::string::npos) << m;
  EXPECT_NE(m.find(f + ":9: duplicate id 't.one' (first defined at " + f + ":2)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find(f + ":12: invalid reaction SMARTS"), std::string::npos) << m;
  EXPECT_NE(m.find("has no example it must not apply to"), std::string::npos) << m;
}

TEST(TransformSetTest, MissingDirectoryIsNotFound) {
  auto set = LoadTransforms("/nonexistent/transforms");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().tag(), "transforms_missing");
}

}  // namespace
}  // namespace chokepoint::flags
