#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "exchange/exchange.h"
#include "exchange/exchange_internal.h"
#include "exchange/keys.h"

namespace chokepoint::exchange {

using namespace internal;

namespace {

double DefaultUniform() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

int64_t BackoffMs(int64_t attempts, double u, const RetryPolicy& p) {
  double wait = static_cast<double>(p.initial_ms);
  for (int64_t i = 1; i < attempts && wait < static_cast<double>(p.max_ms); ++i) wait *= 2;
  wait = std::min(wait, static_cast<double>(p.max_ms));
  wait *= 1.0 + p.jitter * (2.0 * u - 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(wait));
}

Result<std::vector<OutboxRow>> Exchange::Outbox(const std::string& peer, bool all) {
  std::lock_guard lock(db_->mutex());
  std::vector<OutboxRow> out;
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_->Prepare("SELECT o.envelope_id, o.peer, e.type, e.record_id, e.sent_at, o.seq, o.state, "
                   "o.attempts, o.next_attempt_ms, o.last_attempt_at, o.last_error, o.delivered_at "
                   "FROM exchange_outbox o JOIN exchange_envelopes e ON e.id = o.envelope_id "
                   "WHERE (? = '' OR o.peer = ?) AND (? = 1 OR o.state <> 'delivered') "
                   "ORDER BY o.seq DESC, o.peer"));
  st.Bind(1, peer).Bind(2, peer).Bind(3, static_cast<int64_t>(all));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6),
                   r.Int(7), r.Int(8), r.OptText(9).value_or(""), r.OptText(10).value_or(""),
                   r.OptText(11).value_or("")});
  }));
  return out;
}

Result<std::vector<std::string>> Exchange::Export(const std::string& peer, bool all) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(auto p, PeerLocked(peer));
  if (!p) return Status::NotFound("no peer " + peer, "unknown_peer");
  std::vector<std::string> out;
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_->Prepare("SELECT e.payload, e.signature FROM exchange_outbox o JOIN exchange_envelopes e "
                   "ON e.id = o.envelope_id WHERE o.peer = ? AND (? = 1 OR o.state = 'pending') "
                   "ORDER BY o.seq"));
  st.Bind(1, peer).Bind(2, static_cast<int64_t>(all));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    Json j;
    j["payload"] = r.Text(0);
    j["signature"] = r.Text(1);
    out.push_back(j.dump());
  }));
  return out;
}

Result<std::optional<int64_t>> Exchange::NextDue() {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db_->PrepareCached(
          "SELECT MIN(next_attempt_ms) FROM exchange_outbox WHERE state = 'pending'"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

Result<DeliveryStats> Exchange::DeliverDue(const PostFn& post, const RetryPolicy& policy,
                                           bool force, double (*uniform)()) {
  if (!uniform) uniform = DefaultUniform;
  struct Item {
    std::string envelope_id, peer, payload, signature;
    int64_t attempts, next_ms;
  };
  std::vector<Item> items;
  std::map<std::string, Peer> peers;
  {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(
        store::Statement st,
        db_->Prepare(
            "SELECT o.envelope_id, o.peer, e.payload, e.signature, o.attempts, o.next_attempt_ms "
            "FROM exchange_outbox o JOIN exchange_envelopes e ON e.id = o.envelope_id "
            "WHERE o.state = 'pending' ORDER BY o.peer, o.seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      items.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5)});
    }));
    for (const auto& it : items)
      if (!peers.count(it.peer)) {
        CP_ASSIGN_OR_RETURN(auto p, PeerLocked(it.peer));
        if (p) peers[it.peer] = *p;
      }
  }
  DeliveryStats stats;
  std::set<std::string> blocked;  // peers whose head envelope failed in this pass
  auto update = [&](const Item& it, const std::string& state, const std::string& error,
                    int64_t next_ms) -> Status {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(
        store::StatementLease st,
        db_->PrepareCached("UPDATE exchange_outbox SET state = ?, attempts = attempts + 1, "
                           "next_attempt_ms = ?, last_attempt_at = ?, last_error = ? "
                           "WHERE envelope_id = ? AND peer = ? AND state = 'pending'"));
    st->Bind(1, state)
        .Bind(2, next_ms)
        .Bind(3, FormatTimestamp(clock_()))
        .Bind(4, error)
        .Bind(5, it.envelope_id)
        .Bind(6, it.peer);
    return st->Run();
  };
  for (const Item& it : items) {
    if (blocked.count(it.peer)) continue;
    if (!force && it.next_ms > clock_()) {
      blocked.insert(it.peer);
      continue;
    }
    auto p = peers.find(it.peer);
    if (p == peers.end()) {
      CP_RETURN_IF_ERROR(update(it, "pending", "peer " + it.peer + " is no longer registered",
                                clock_() + policy.max_ms));
      blocked.insert(it.peer);
      continue;
    }
    Json body;
    body["payload"] = it.payload;
    body["signature"] = it.signature;
    auto answer = post(p->second.url + "/v1/exchange/inbound", body.dump());
    std::string error;
    bool permanent = false;
    if (!answer.ok()) {
      error = answer.status().message();
    } else if (answer->status == 200 || answer->status == 201) {
      std::string acked;
      Status s = AcceptReceipt(answer->body, &acked);
      if (s.ok() && acked == it.envelope_id) {
        ++stats.delivered;
        continue;
      }
      error = "the answer is no valid receipt: " +
              (s.ok() ? "it receipts another envelope" : s.message());
    } else {
      Json problem = Json::parse(answer->body, nullptr, false);
      std::string code = problem.is_object() ? problem.value("code", "") : "";
      error =
          "HTTP " + std::to_string(answer->status) + (code.empty() ? "" : " " + code) +
          (problem.is_object() && problem.contains("detail") ? ": " + problem.value("detail", "")
                                                             : "");
      // A 4xx other than these is the recipient's final word on the envelope: retrying would
      // only repeat it. The envelope stays, marked rejected, for an operator to see.
      permanent = answer->status >= 400 && answer->status < 500 && answer->status != 408 &&
                  answer->status != 429 && code != "unknown_record" && code != "not_initialized";
    }
    if (permanent) {
      ++stats.rejected;
      CP_RETURN_IF_ERROR(update(it, "rejected", error, it.next_ms));
    } else {
      ++stats.retried;
      CP_RETURN_IF_ERROR(
          update(it, "pending", error, clock_() + BackoffMs(it.attempts + 1, uniform(), policy)));
      blocked.insert(it.peer);
    }
  }
  return stats;
}

Json OutboxRowToJson(const OutboxRow& r) {
  auto or_null = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"envelope_id", r.envelope_id},
          {"peer", r.peer},
          {"type", r.type},
          {"record_id", r.record_id},
          {"sent_at", r.sent_at},
          {"state", r.state},
          {"attempts", r.attempts},
          {"next_attempt_at",
           r.state == "pending" ? Json(FormatTimestamp(r.next_attempt_ms)) : Json(nullptr)},
          {"last_attempt_at", or_null(r.last_attempt_at)},
          {"last_error", or_null(r.last_error)},
          {"delivered_at", or_null(r.delivered_at)}};
}

}  // namespace chokepoint::exchange
