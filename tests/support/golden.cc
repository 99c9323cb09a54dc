#include "golden.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace chokepoint::testing {
namespace {

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::string GoldenCaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  return info.param.name;
}

std::string ChokepointBin() {
  const char* b = std::getenv("CHOKEPOINT_BIN");
  return b ? b : "build/chokepoint";
}

CommandResult RunChokepoint(const std::string& args) {
  // Temporary files rather than pipes: both streams are read whole, so neither can fill up
  // and block the command while the other is read.
  const fs::path dir = fs::temp_directory_path() / ("cp_golden_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path out = dir / "out", err = dir / "err";
  const std::string cmd =
      "( " + ChokepointBin() + " " + args + " ) >" + out.string() + " 2>" + err.string();
  CommandResult r;
  int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  fs::remove_all(dir);
  return r;
}

std::string Normalize(const std::string& text) {
  std::string s = text;
  for (size_t p = s.find('@'); p != std::string::npos; p = s.find('@', p + 1)) {
    if (p >= 2 && p + 9 <= s.size() && std::isalpha(static_cast<unsigned char>(s[p - 1]))) {
      bool hex = true;
      for (size_t i = p + 1; i < p + 9; ++i)
        hex &= std::isxdigit(static_cast<unsigned char>(s[i])) != 0;
      if (hex) s.replace(p + 1, 8, "VERSION");
    }
  }
  return s;
}

void ExpectGolden(const std::string& dir, const GoldenCase& c) {
  const CommandResult r = RunChokepoint(c.args);
  const std::string out = Normalize(r.out), err = Normalize(r.err);
  const fs::path out_path = fs::path(dir) / (c.name + ".out"),
                 err_path = fs::path(dir) / (c.name + ".err");
  if (std::getenv("CHOKEPOINT_UPDATE_GOLDEN")) {
    std::ofstream(out_path, std::ios::binary) << out;
    if (err.empty())
      fs::remove(err_path);
    else
      std::ofstream(err_path, std::ios::binary) << err;
  }
  EXPECT_EQ(r.exit_code, c.exit_code) << "stderr:\n" << r.err;
  ASSERT_TRUE(fs::exists(out_path))
      << out_path << " missing; run with CHOKEPOINT_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(out, Slurp(out_path)) << "stdout differs from " << out_path;
  EXPECT_EQ(err, fs::exists(err_path) ? Slurp(err_path) : std::string())
      << "stderr differs from " << err_path;
}

}  // namespace chokepoint::testing
