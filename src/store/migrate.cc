#include "store/migrate.h"

#include <string>

namespace chokepoint::store {
namespace {

Result<int> LegacyVersion(Connection& c, const Schema& schema) {
  if (c.backend() != Backend::kSqlite || !schema.sqlite_legacy_version) return 0;
  auto st = c.Prepare(schema.sqlite_legacy_version);
  if (!st.ok()) return 0;  // the legacy table does not exist
  auto row = st->Step();
  return row.ok() && *row ? static_cast<int>(st->Int(0)) : 0;
}

}  // namespace

Result<int> SchemaVersion(Connection& c, std::string_view schema) {
  auto st = c.Prepare("SELECT version FROM schema_versions WHERE name = ?");
  if (!st.ok()) return 0;  // no schema at all yet
  st->Bind(1, schema);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? static_cast<int>(st->Int(0)) : 0;
}

Status Migrate(Connection& c, const Schema& schema) {
  const int newest = schema.migrations.empty() ? 0 : schema.migrations.back().version;
  for (;;) {
    CP_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(c));
    CP_RETURN_IF_ERROR(tx.Lock("migrate"));
    CP_RETURN_IF_ERROR(
        c.Exec("CREATE TABLE IF NOT EXISTS schema_versions(name TEXT PRIMARY KEY, version BIGINT NOT NULL)"));
    int have = 0;
    {
      CP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT version FROM schema_versions WHERE name = ?"));
      st.Bind(1, schema.name);
      CP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) {
        have = static_cast<int>(st.Int(0));
      } else {
        CP_ASSIGN_OR_RETURN(have, LegacyVersion(c, schema));
      }
    }
    if (have > newest)
      return Status::FailedPrecondition("database " + c.target() + " has " + schema.name + " schema version " +
                                            std::to_string(have) + ", newer than this program knows (" +
                                            std::to_string(newest) + "): upgrade chokepoint",
                                        "schema_too_new");
    const Migration* next = nullptr;
    for (const Migration& m : schema.migrations)
      if (m.version > have) {
        next = &m;
        break;
      }
    if (next) {
      Status s = c.Exec(c.backend() == Backend::kPostgres && next->postgres ? next->postgres : next->sql);
      if (!s.ok())
        return s.WithContext(std::string(schema.name) + " migration " + std::to_string(next->version) + " (" +
                             next->name + ")");
      have = next->version;
    }
    CP_ASSIGN_OR_RETURN(Statement up, c.Prepare("INSERT INTO schema_versions(name, version) VALUES (?, ?) "
                                                "ON CONFLICT (name) DO UPDATE SET version = excluded.version"));
    CP_RETURN_IF_ERROR(up.Bind(1, schema.name).Bind(2, static_cast<int64_t>(have)).Run());
    CP_RETURN_IF_ERROR(tx.Commit());
    if (!next) return Status::OK();
  }
}

}  // namespace chokepoint::store
