// Throwaway databases for tests that run on both backends.
//
//   class OrdersOn : public store::testing::OnEachBackend {};
//   TEST_P(OrdersOn, Something) {
//     … db_->target() is a --db value …
//   }
//   INSTANTIATE_TEST_SUITE_P(Backends, OrdersOn, store::testing::AllBackends(),
//   store::testing::BackendName);
//
// PostgreSQL databases are created on the server the CTest fixture pg_server_start started
// (tests/pg/start.sh; cp_add_test(… POSTGRES)). Without one, PostgreSQL tests skip with the
// fixture's reason; a server that is there but refuses is a test failure.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/connection.h"

namespace chokepoint::store {
// Test names and messages say "sqlite" or "postgres".
void PrintTo(Backend b, std::ostream* os);
}  // namespace chokepoint::store

namespace chokepoint::store::testing {

inline auto AllBackends() { return ::testing::Values(Backend::kSqlite, Backend::kPostgres); }
// "sqlite" or "postgres", for test names.
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool ok() const { return !target_.empty(); }
  // Why there is no database (PostgreSQL unavailable, or the error that was reported).
  const std::string& skip_reason() const { return reason_; }
  // The --db value: a SQLite file, or a postgresql:// URL of a new, empty database.
  const std::string& target() const { return target_; }
  // A fresh temporary directory for the test's other files, removed with the database.
  const std::string& dir() const { return dir_; }

 private:
  std::string target_, reason_, dir_;
  std::string admin_url_, pg_name_;  // PostgreSQL: the server's maintenance database, ours
};

// A fixture whose tests run once per backend, each with a fresh database in db_, or skipped
// (saying why) without one. A subclass's SetUp() calls this one first and returns when
// IsSkipped().
class OnEachBackend : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!db_->ok()) GTEST_SKIP() << db_->skip_reason();
  }
  std::unique_ptr<TestDatabase> db_;
};

}  // namespace chokepoint::store::testing
