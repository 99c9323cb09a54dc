#include "orders/pipeline.h"

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include "util/batch.h"

namespace chokepoint::orders {

std::string PeekOrderId(std::string_view line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "";
  auto it = j.find("id");
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

namespace {

struct Slot {
  int line = 0;
  std::string text;
  Status error;  // parse error
  std::string id;
  std::unique_ptr<Prepared> prepared;  // null: not valid, or already decided
  std::string tail;                    // EvaluationTail, serialized in the parallel phase
};

// One run over one input: what is decided so far, the open transaction, and the records
// waiting for its commit (a record is printed only once its decision is durable).
class Run {
 public:
  Run(const OrderScreener& screener, History& history, Ledger* ledger,
      const PipelineOptions& options, const std::function<void(const std::string&)>& emit)
      : screener_(screener), history_(history), ledger_(ledger), options_(options), emit_(emit) {}

  Status Start() { return ledger_ ? ledger_->Sync(&history_, &decided_) : Status::OK(); }

  // The expensive part, on every core: parse and Prepare each line not decided yet.
  void Prepare(std::vector<Slot>& slots, int threads) const {
    ParallelFor(slots.size(), threads, [&](size_t i) {
      Slot& s = slots[i];
      auto order = ParseOrder(s.text);
      if (!order.ok()) {
        s.error = order.status();
        s.id = PeekOrderId(s.text);
        return;
      }
      s.id = order->id;
      if (!options_.rescreen && decided_.count(s.id)) return;
      s.prepared = std::make_unique<Prepared>(screener_.Prepare(std::move(*order)));
      s.tail = EvaluationTail(*s.prepared);
    });
  }

  // In input order: an error record, the stored decision, or a new decision.
  Status Take(Slot& s) {
    if (!s.error.ok()) {
      ++stats_.errors;
      Out(ErrorToJson(s.line, s.id, s.error).dump());
      return Status::OK();
    }
    bool seen = decided_.count(s.id) > 0;
    if (ledger_ && !in_txn_ && !Replay(s.id, seen)) {
      // Deciding needs the organization's lock and everything other writers stored before it.
      CP_RETURN_IF_ERROR(ledger_->Begin());
      in_txn_ = true;
      CP_RETURN_IF_ERROR(ledger_->Sync(&history_, &decided_));
      seen = decided_.count(s.id) > 0;
    }
    if (Replay(s.id, seen)) return Stored(s);
    return Decide(s, seen);
  }

  Status Commit() {
    if (ledger_ && in_txn_) {
      CP_RETURN_IF_ERROR(ledger_->Commit());
      in_txn_ = false;
    }
    uncommitted_ = 0;
    for (const auto& j : pending_) emit_(j);
    pending_.clear();
    return Status::OK();
  }

  PipelineStats& stats() { return stats_; }

 private:
  // Already decided (earlier run, another process, or earlier in this file) and not to be
  // decided again.
  bool Replay(const std::string& id, bool seen) const {
    return seen && (!options_.rescreen || this_run_.count(id));
  }

  Status Stored(const Slot& s) {
    if (!ledger_) {
      ++stats_.errors;
      Out(ErrorToJson(s.line, s.id,
                      Status::InvalidArgument(
                          "duplicate order id '" + s.id + "' (already decided in this run)",
                          "duplicate_id"))
              .dump());
      return Status::OK();
    }
    // The stored row may be in the open transaction: the same connection reads it.
    CP_ASSIGN_OR_RETURN(std::string stored, ledger_->StoredOutput(s.id));
    Json j = Json::parse(stored, nullptr, false);
    if (j.is_discarded())
      return Status::Corruption("stored decision of '" + s.id + "' is not JSON");
    j["line"] = s.line;
    ++stats_.stored;
    ++stats_.orders;
    ++stats_.by_decision[j.value("decision", std::string("error"))];
    Out(j.dump());
    return Status::OK();
  }

  Status Decide(Slot& s, bool seen) {
    if (!s.prepared) {
      // Skipped in the parallel phase but not decided any more (only with --rescreen).
      s.prepared = std::make_unique<Prepared>(screener_.Prepare(*ParseOrder(s.text)));
      s.tail = EvaluationTail(*s.prepared);
    }
    if (seen) history_.Remove(s.id);  // --rescreen: forget the earlier facts
    Screened sc = screener_.Decide(*s.prepared, history_);
    std::string j = DecisionRecord(s.line, s.id, sc.result, s.tail);
    if (ledger_) {
      CP_RETURN_IF_ERROR(ledger_->Record(s.text, s.prepared->order, sc.facts, sc.result,
                                         screener_.policy().version, j, seen));
    }
    history_.Add(std::move(sc.facts));
    decided_.insert(s.id);
    this_run_.insert(s.id);
    ++stats_.decided;
    ++stats_.orders;
    ++stats_.by_decision[DecisionName(sc.result.decision)];
    std::set<std::string> fired;
    for (const auto& r : sc.result.reasons) fired.insert(r.rule);
    for (const auto& r : fired) ++stats_.by_rule[r];
    Out(std::move(j));
    if (++uncommitted_ >= options_.commit_every) return Commit();
    return Status::OK();
  }

  void Out(std::string j) {
    if (ledger_ && (in_txn_ || !pending_.empty()))
      pending_.push_back(std::move(j));
    else
      emit_(j);
  }

  const OrderScreener& screener_;
  History& history_;
  Ledger* ledger_;
  const PipelineOptions& options_;
  const std::function<void(const std::string&)>& emit_;
  PipelineStats stats_;
  std::unordered_set<std::string> decided_;
  std::unordered_set<std::string> this_run_;  // ids decided in this run (duplicates in the file)
  std::vector<std::string> pending_;          // decided since the last commit, not yet emitted
  size_t uncommitted_ = 0;
  bool in_txn_ = false;
};

}  // namespace

Result<PipelineStats> RunPipeline(std::istream& in, const OrderScreener& screener, History& history,
                                  Ledger* ledger, const PipelineOptions& options,
                                  const std::function<void(const std::string&)>& emit) {
  Run run(screener, history, ledger, options, emit);
  CP_RETURN_IF_ERROR(run.Start());
  const int threads = WorkerThreads(options.threads);
  RecordReader reader(in, /*sd=*/false);
  size_t bytes = 0;
  std::vector<BatchItem> items;
  std::vector<Slot> slots;
  while (reader.Next(options.chunk, items, &bytes, &run.stats().empty)) {
    if (items.empty()) continue;
    slots.clear();
    slots.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      slots[i].line = items[i].line;
      slots[i].text = std::move(items[i].text);
    }
    run.Prepare(slots, threads);
    for (Slot& s : slots) CP_RETURN_IF_ERROR(run.Take(s));
    if (options.progress) options.progress(static_cast<size_t>(reader.lines()), bytes);
  }
  CP_RETURN_IF_ERROR(run.Commit());
  return run.stats();
}

}  // namespace chokepoint::orders
