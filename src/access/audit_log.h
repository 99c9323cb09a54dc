// The append-only, hash-chained audit log: who did what, when, from where.
//
// Each entry's hash is SHA-256 over the canonical encoding of its fields (CanonicalEncoding)
// including its sequence number and the previous entry's hash, so editing, deleting or
// reordering rows breaks the chain at the first affected entry. The chain head (last seq and
// hash) is kept in audit_head, written in the same transaction as each entry, so cutting off
// the tail is detected too. Triggers reject UPDATE and DELETE on audit_log; the chain is what
// catches someone who edits the file with the triggers dropped.
//
// Anchoring: anyone with write access to the file can rewrite the whole chain consistently.
// `chokepoint audit verify` prints the head hash; recording it elsewhere (a ticket, a
// signed e-mail, the next backup's manifest) and passing it back with --expect-head proves
// that the history up to that point is unchanged.
//
// Thread-safe. Appends from several processes, on one machine or on several sharing a
// PostgreSQL database, serialize on the "audit" lock of their transaction (store::Transaction
// ::Lock): each reads the head and writes its entry and the new head before the next may
// read it, so the chain never forks.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "store/connection.h"

namespace chokepoint::access {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// What the caller states; the log adds seq, ts, prev_hash and hash.
struct AuditEvent {
  std::optional<int64_t>
      org_id;                 //!< the organization whose record it is (unset: installation-level)
  std::string actor;          //!< "alice (token:12)", "cli:root"
  std::string role;           //!< role the actor acted in ("admin", "screener", "cli")
  std::string action;         //!< "order.decide", "order.review", "order.read", "token.create" …
  std::string target;         //!< the record: "order:SO-1", "token:12"
  std::string detail = "{}";  //!< JSON object text, stored and hashed byte for byte
  std::string source;         //!< client address ("127.0.0.1") or "cli"
};

struct AuditEntry {
  int64_t seq = 0;
  std::string ts;
  AuditEvent event;
  std::string prev_hash;
  std::string hash;
};

// Length-prefixed fields in a fixed order: "<len>:<bytes>;" for seq, ts, org_id ("" when
// unset), actor, role, action, target, detail, source, prev_hash. No field can bleed into
// the next, and no two distinct entries share an encoding.
std::string CanonicalEncoding(const AuditEntry& e);
std::string EntryHash(const AuditEntry& e);

struct VerifyResult {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  //!< the first entry that does not verify (0 when ok)
  std::string problem;        //!< what is wrong with it
  int64_t head_seq = 0;
  std::string head_hash;  //!< hash of the last entry (kGenesisHash when empty)
};

struct AuditQuery {
  std::optional<int64_t> org_id;  //!< only this organization's entries
  int64_t after_seq = 0;
  int limit = 1000;
  std::string target;  //!< only entries about this record ("order:SO-1"); empty: all
};

class AuditLog {
 public:
  // Takes a migrated database (store::OpenDatabase).
  explicit AuditLog(store::Connection& db) : db_(db) {}

  // Appends in a transaction of its own.
  Result<AuditEntry> Append(const AuditEvent& event);
  // Appends `events` in order inside `tx`, a write transaction open on `c`, so they commit
  // (or vanish) with the caller's other writes. Takes the audit lock: call it last in the
  // transaction, after every other lock, and commit soon, as every append waits for it.
  static Result<std::vector<AuditEntry>> AppendIn(store::Connection& c, store::Transaction& tx,
                                                  const std::vector<AuditEvent>& events);
  // Recomputes the chain from the first entry, on one snapshot of the log.
  Result<VerifyResult> Verify();
  // Entries in seq order; stops early when `fn` returns false.
  Status Scan(const AuditQuery& q, const std::function<bool(const AuditEntry&)>& fn);

 private:
  store::Connection& db_;
};

// One JSONL line (no newline) for `audit export` and GET /v1/audit.
std::string AuditEntryJson(const AuditEntry& e);

}  // namespace chokepoint::access
