#include "store/testing.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace chokepoint::store {
void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::kSqlite ? "sqlite" : "postgres");
}
}  // namespace chokepoint::store

namespace chokepoint::store::testing {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The directory the fixture writes "url" (the maintenance database) or "unavailable" into.
std::filesystem::path FixtureDir() {
  if (const char* env = std::getenv("CHOKEPOINT_TEST_PG_DIR")) return env;
  return CHOKEPOINT_TEST_PG_DIR;
}

std::string UniqueName() {
  static std::atomic<int> n{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "cp_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  if (info) {
    name += "_";
    for (char c : std::string(info->name()))
      if (std::isalnum(static_cast<unsigned char>(c))) name += static_cast<char>(std::tolower(c));
  }
  return name.substr(0, 63);
}

}  // namespace

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgres";
}

TestDatabase::TestDatabase(Backend backend) {
  std::string name = UniqueName();
  dir_ = (std::filesystem::temp_directory_path() / name).string();
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  if (backend == Backend::kSqlite) {
    target_ = dir_ + "/test.db";
    return;
  }
  std::filesystem::path fixture = FixtureDir();
  if (std::filesystem::exists(fixture / "unavailable")) {
    reason_ = "PostgreSQL tests skipped: " + ReadFile(fixture / "unavailable");
    return;
  }
  admin_url_ = ReadFile(fixture / "url");
  if (admin_url_.empty()) {
    reason_ = "PostgreSQL tests skipped: no test server (" + (fixture / "url").string() +
              " is missing; run the tests with ctest, whose fixture pg_server_start starts one)";
    return;
  }
  auto admin = Connection::Open(admin_url_);
  Status s = admin.ok() ? (*admin)->Exec("CREATE DATABASE " + name) : admin.status();
  if (!s.ok()) {
    reason_ = "the PostgreSQL test server refused: " + s.message();
    ADD_FAILURE() << reason_;
    return;
  }
  pg_name_ = name;
  // The maintenance URL names the database "postgres": postgresql:///postgres?host=…
  size_t at = admin_url_.find("/postgres?");
  target_ = admin_url_.substr(0, at + 1) + name + admin_url_.substr(at + 9);
}

TestDatabase::~TestDatabase() {
  if (!pg_name_.empty()) {
    auto admin = Connection::Open(admin_url_);
    if (admin.ok()) (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace chokepoint::store::testing
