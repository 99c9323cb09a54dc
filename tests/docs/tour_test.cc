// src/README.md is the map a newcomer follows: every `path:Function` it names must exist, and
// every module folder must have a README the map links to. A rename that forgets the map fails
// here rather than misleading the next reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kSrc = fs::path(CHOKEPOINT_SOURCE_DIR) / "src";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Reference {
  std::string file;      // "src/classify/engine.cc"
  std::string function;  // "Engine::StatusOf"
};

std::vector<Reference> References(const std::string& tour) {
  std::vector<Reference> out;
  static const std::regex kRef("`(src/[A-Za-z0-9_/.]+\\.(?:cc|h)):([A-Za-z_][A-Za-z0-9_:]*)`");
  for (std::sregex_iterator it(tour.begin(), tour.end(), kRef), end; it != end; ++it)
    out.push_back({(*it)[1].str(), (*it)[2].str()});
  return out;
}

TEST(Tour, NamesOnlyFunctionsThatExist) {
  const std::string tour = Slurp(kSrc / "README.md");
  ASSERT_FALSE(tour.empty()) << "src/README.md is missing";
  auto refs = References(tour);
  EXPECT_GE(refs.size(), 30u) << "the tour should name the functions of both pipelines";
  for (const auto& r : refs) {
    fs::path file = fs::path(CHOKEPOINT_SOURCE_DIR) / r.file;
    ASSERT_TRUE(fs::exists(file)) << r.file << " (named in src/README.md) does not exist";
    // A definition or declaration: the name as written, followed by its parameter list.
    std::regex def("(^|[^A-Za-z0-9_:])" + std::regex_replace(r.function, std::regex(":"), "\\:") +
                   "\\(");
    EXPECT_TRUE(std::regex_search(Slurp(file), def))
        << r.file << " has no " << r.function << "( (named in src/README.md)";
  }
}

TEST(Tour, EveryModuleHasAReadmeTheTourLinks) {
  const std::string tour = Slurp(kSrc / "README.md");
  for (const auto& entry : fs::directory_iterator(kSrc)) {
    if (!entry.is_directory()) continue;
    const std::string module = entry.path().filename().string();
    EXPECT_TRUE(fs::exists(entry.path() / "README.md")) << "src/" << module << " has no README.md";
    EXPECT_NE(tour.find("(" + module + "/README.md)"), std::string::npos)
        << "src/README.md does not link src/" << module << "/README.md";
  }
}

}  // namespace
