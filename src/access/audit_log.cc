#include "access/audit_log.h"

#include <nlohmann/json.hpp>

#include "access/crypto.h"
#include "util/date.h"

namespace chokepoint::access {

namespace {
void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

constexpr const char* kColumns =
    "SELECT seq, ts, org_id, actor, role, action, target, detail, source, prev_hash, hash FROM "
    "audit_log";

AuditEntry ReadEntry(const store::Statement& st) {
  AuditEntry e;
  e.seq = st.Int(0);
  e.ts = st.Text(1);
  if (!st.IsNull(2)) e.event.org_id = st.Int(2);
  e.event.actor = st.Text(3);
  e.event.role = st.Text(4);
  e.event.action = st.Text(5);
  e.event.target = st.Text(6);
  e.event.detail = st.Text(7);
  e.event.source = st.Text(8);
  e.prev_hash = st.Text(9);
  e.hash = st.Text(10);
  return e;
}
}  // namespace

std::string CanonicalEncoding(const AuditEntry& e) {
  std::string out;
  out.reserve(256 + e.event.detail.size());
  Field(out, std::to_string(e.seq));
  Field(out, e.ts);
  Field(out, e.event.org_id ? std::to_string(*e.event.org_id) : "");
  Field(out, e.event.actor);
  Field(out, e.event.role);
  Field(out, e.event.action);
  Field(out, e.event.target);
  Field(out, e.event.detail);
  Field(out, e.event.source);
  Field(out, e.prev_hash);
  return out;
}

std::string EntryHash(const AuditEntry& e) { return Sha256Hex(CanonicalEncoding(e)); }

Result<std::vector<AuditEntry>> AuditLog::AppendIn(store::Connection& c, store::Transaction& tx,
                                                   const std::vector<AuditEvent>& events) {
  std::vector<AuditEntry> out;
  if (events.empty()) return out;
  CP_RETURN_IF_ERROR(tx.Lock("audit"));
  AuditEntry e;
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease head,
                        c.PrepareCached("SELECT seq, hash FROM audit_head WHERE id = 1"));
    CP_ASSIGN_OR_RETURN(bool row, head->Step());
    e.seq = row ? head->Int(0) : 0;
    e.hash = row ? head->Text(1) : kGenesisHash;
  }
  std::string ts = NowIso();
  for (const AuditEvent& event : events) {
    e.event = event;
    e.ts = ts;
    e.prev_hash = std::move(e.hash);
    ++e.seq;
    e.hash = EntryHash(e);
    CP_ASSIGN_OR_RETURN(
        store::StatementLease ins,
        c.PrepareCached(
            "INSERT INTO audit_log(seq, ts, org_id, actor, role, action, target, detail, "
            "source, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    ins->Bind(1, e.seq).Bind(2, e.ts);
    if (event.org_id)
      ins->Bind(3, *event.org_id);
    else
      ins->BindNull(3);
    ins->Bind(4, event.actor)
        .Bind(5, event.role)
        .Bind(6, event.action)
        .Bind(7, event.target)
        .Bind(8, event.detail);
    ins->Bind(9, event.source).Bind(10, e.prev_hash).Bind(11, e.hash);
    CP_RETURN_IF_ERROR(ins->Run());
    out.push_back(e);
  }
  CP_ASSIGN_OR_RETURN(
      store::StatementLease up,
      c.PrepareCached("INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?) "
                      "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"));
  CP_RETURN_IF_ERROR(up->Bind(1, e.seq).Bind(2, e.hash).Run());
  return out;
}

Result<AuditEntry> AuditLog::Append(const AuditEvent& event) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(db_));
  CP_ASSIGN_OR_RETURN(std::vector<AuditEntry> e, AppendIn(db_, tx, {event}));
  CP_RETURN_IF_ERROR(tx.Commit());
  return e.front();
}

Result<VerifyResult> AuditLog::Verify() {
  std::lock_guard lock(db_.mutex());
  // One read transaction: a consistent snapshot even while servers append.
  CP_ASSIGN_OR_RETURN(store::Transaction tx,
                      store::Transaction::Begin(db_, store::Transaction::Mode::kRead));
  VerifyResult r;
  auto fail = [&r](int64_t seq, std::string problem) {
    if (!r.ok) return;
    r.ok = false;
    r.first_bad_seq = seq;
    r.problem = std::move(problem);
  };
  std::string prev = kGenesisHash;
  int64_t expected = 1;
  // In pages: a client library may hold a whole result in memory.
  CP_ASSIGN_OR_RETURN(store::Statement st, db_.Prepare(std::string(kColumns) +
                                                       " WHERE seq > ? ORDER BY seq LIMIT 10000"));
  for (int64_t after = 0, rows = 1; rows > 0;) {
    st.Reset();
    st.Bind(1, after);
    rows = 0;
    for (;;) {
      CP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      AuditEntry e = ReadEntry(st);
      ++rows;
      ++r.entries;
      after = e.seq;
      if (e.seq != expected)
        fail(expected, e.seq > expected
                           ? "entries " + std::to_string(expected) + " to " +
                                 std::to_string(e.seq - 1) + " are missing"
                           : "sequence number " + std::to_string(e.seq) + " out of order");
      else if (e.prev_hash != prev)
        fail(e.seq,
             "prev_hash does not match the hash of the entry before it (deleted, inserted or "
             "reordered entry)");
      else if (EntryHash(e) != e.hash)
        fail(e.seq, "content does not match its hash (edited entry)");
      prev = e.hash;
      expected = e.seq + 1;
      r.head_seq = e.seq;
    }
  }
  r.head_hash = prev;
  CP_ASSIGN_OR_RETURN(store::Statement head,
                      db_.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
  CP_ASSIGN_OR_RETURN(bool row, head.Step());
  int64_t head_seq = row ? head.Int(0) : 0;
  std::string head_hash = row ? head.Text(1) : kGenesisHash;
  if (head_seq != r.head_seq)
    fail(std::min(head_seq, r.head_seq) + 1, "the log ends at entry " + std::to_string(r.head_seq) +
                                                 " but the recorded head is entry " +
                                                 std::to_string(head_seq) +
                                                 " (entries removed from or added to the end)");
  else if (head_hash != r.head_hash)
    fail(head_seq, "the last entry's hash differs from the recorded head hash");
  return r;
}

Status AuditLog::Scan(const AuditQuery& q, const std::function<bool(const AuditEntry&)>& fn) {
  std::lock_guard lock(db_.mutex());
  std::string sql = std::string(kColumns) + " WHERE seq > ?" + (q.org_id ? " AND org_id = ?" : "") +
                    (q.target.empty() ? "" : " AND target = ?") + " ORDER BY seq LIMIT ?";
  CP_ASSIGN_OR_RETURN(store::Statement st, db_.Prepare(sql));
  int i = 1;
  st.Bind(i++, q.after_seq);
  if (q.org_id) st.Bind(i++, *q.org_id);
  if (!q.target.empty()) st.Bind(i++, q.target);
  st.Bind(i++, static_cast<int64_t>(q.limit));
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::OK();
    if (!fn(ReadEntry(st))) return Status::OK();
  }
}

std::string AuditEntryJson(const AuditEntry& e) {
  nlohmann::ordered_json j;
  j["seq"] = e.seq;
  j["ts"] = e.ts;
  j["org_id"] =
      e.event.org_id ? nlohmann::ordered_json(*e.event.org_id) : nlohmann::ordered_json(nullptr);
  j["actor"] = e.event.actor;
  j["role"] = e.event.role;
  j["action"] = e.event.action;
  j["target"] = e.event.target;
  auto detail = nlohmann::ordered_json::parse(e.event.detail, nullptr, false);
  j["detail"] = detail.is_discarded() ? nlohmann::ordered_json(e.event.detail) : detail;
  j["source"] = e.event.source;
  j["prev_hash"] = e.prev_hash;
  j["hash"] = e.hash;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace chokepoint::access
