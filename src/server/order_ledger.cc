#include "server/order_ledger.h"

#include <algorithm>

#include "orders/decision_json.h"
#include "util/json.h"

namespace chokepoint::server {

Result<std::unique_ptr<OrderLedger>> OrderLedger::Open(const std::string& db_target,
                                                       const std::string& org,
                                                       const orders::OrderScreener* screener) {
  CP_ASSIGN_OR_RETURN(auto db, store::Connection::Open(db_target));
  std::unique_ptr<OrderLedger> l(new OrderLedger(std::move(db), org, screener));
  CP_RETURN_IF_ERROR(l->Reopen());
  return l;
}

Status OrderLedger::Reopen() {
  // A fresh store syncs from the first decision: the history is rebuilt from what is stored.
  history_ = orders::History();
  decided_.clear();
  CP_ASSIGN_OR_RETURN(store_, store::OrderStore::Create(db_.get(), org_));
  return Status::OK();
}

OrderLedger::Outcome OrderLedger::Screen(const orders::Prepared& prepared, const std::string& raw,
                                         const access::AuditEvent& who) {
  Job job{&prepared, &raw, &who, {}, false};
  std::unique_lock lock(mu_);
  queue_.push_back(&job);
  // The first waiting job writes the next batch once the previous one is written.
  cv_.wait(lock, [&] { return job.done || (!writing_ && queue_.front() == &job); });
  if (job.done) return std::move(job.out);
  writing_ = true;
  size_t n = std::min(queue_.size(), kMaxBatch);
  std::vector<Job*> batch(queue_.begin(), queue_.begin() + static_cast<long>(n));
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
  lock.unlock();
  Write(batch);
  lock.lock();
  for (Job* j : batch) j->done = true;
  writing_ = false;
  cv_.notify_all();
  return std::move(job.out);
}

void OrderLedger::Write(const std::vector<Job*>& batch) {
  const std::string& policy = screener_->policy().version;
  std::vector<access::AuditEvent> events;
  Status s = store_->Begin();
  if (s.ok()) s = store_->Sync(&history_, &decided_);
  for (size_t i = 0; s.ok() && i < batch.size(); ++i) {
    Job& j = *batch[i];
    const std::string& id = j.prepared->order.id;
    access::AuditEvent e = *j.who;
    e.target = "order:" + id;
    if (decided_.count(id)) {
      // Decided before (here, on another node, or earlier in this batch): the stored decision.
      auto stored = store_->StoredOutput(id);
      if (!stored.ok()) {
        s = stored.status();
        break;
      }
      Json record = Json::parse(*stored, nullptr, false);
      if (!record.is_object()) {
        s = Status::Corruption("the stored decision of order '" + id + "' is not JSON");
        break;
      }
      j.out.stored = true;
      j.out.record = std::move(*stored);
      j.out.decision = record.value("decision", "");
      e.action = "order.read";
      e.detail = Json{{"via", "screen"}, {"decision", j.out.decision}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      orders::Screened sc = screener_->Decide(*j.prepared, history_);
      j.out.record = orders::DecisionToJson(1, *j.prepared, sc.result).dump();
      j.out.decision = orders::DecisionName(sc.result.decision);
      s = store_->Record(*j.raw, j.prepared->order, sc.facts, sc.result, policy, j.out.record,
                         false);
      if (!s.ok()) break;
      history_.Add(std::move(sc.facts));
      decided_.insert(id);
      Json rules = Json::array();
      for (const auto& r : sc.result.reasons) rules.push_back(r.rule);
      e.action = "order.decide";
      e.detail = Json{
          {"decision", orders::DecisionName(sc.result.decision)},
          {"score", sc.result.score},
          {"rules", rules},
          {"policy",
           policy}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    events.push_back(std::move(e));
  }
  // The audit entries commit with the decisions, in the same order: a decision is never
  // stored without its entry, nor audited without being stored.
  if (s.ok()) s = access::AuditLog::AppendIn(*db_, store_->transaction(), events).status();
  if (s.ok()) s = store_->Commit();
  if (!s.ok()) {
    store_->Rollback();
    // The History holds decisions that were not stored: rebuild it from the store.
    (void)Reopen();
    for (Job* j : batch) {
      j->out = Outcome{};
      j->out.status = s;
    }
  }
}

}  // namespace chokepoint::server
