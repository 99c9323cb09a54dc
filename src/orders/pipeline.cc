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
  bool skip = false;  // already decided: no Prepare
  std::unique_ptr<Prepared> prepared;
  std::string tail;  // EvaluationTail, serialized in the parallel phase
};

}  // namespace

Result<PipelineStats> RunPipeline(std::istream& in, const OrderScreener& screener, History& history,
                                  Ledger* ledger, const PipelineOptions& options,
                                  const std::function<void(const std::string&)>& emit) {
  PipelineStats stats;
  const int threads = WorkerThreads(options.threads);
  std::unordered_set<std::string> decided;
  if (ledger) CP_RETURN_IF_ERROR(ledger->Sync(&history, &decided));

  std::vector<std::string> pending;  // decided since the last commit, not yet emitted
  size_t uncommitted = 0;
  bool in_txn = false;
  auto commit = [&]() -> Status {
    if (ledger && in_txn) {
      CP_RETURN_IF_ERROR(ledger->Commit());
      in_txn = false;
    }
    uncommitted = 0;
    for (const auto& j : pending) emit(j);
    pending.clear();
    return Status::OK();
  };
  auto out = [&](std::string j) {
    if (ledger && (in_txn || !pending.empty()))
      pending.push_back(std::move(j));
    else
      emit(j);
  };

  std::unordered_set<std::string> this_run;  // ids decided in this run (duplicates in the file)
  RecordReader reader(in, /*sd=*/false);
  size_t bytes = 0;
  std::vector<BatchItem> items;
  std::vector<Slot> slots;
  while (reader.Next(options.chunk, items, &bytes, &stats.empty)) {
    if (items.empty()) continue;
    slots.clear();
    slots.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      slots[i].line = items[i].line;
      slots[i].text = std::move(items[i].text);
    }

    ParallelFor(slots.size(), threads, [&](size_t i) {
      Slot& s = slots[i];
      auto order = ParseOrder(s.text);
      if (!order.ok()) {
        s.error = order.status();
        s.id = PeekOrderId(s.text);
        return;
      }
      s.id = order->id;
      if (!options.rescreen && decided.count(s.id)) {
        s.skip = true;
        return;
      }
      s.prepared = std::make_unique<Prepared>(screener.Prepare(std::move(*order)));
      s.tail = EvaluationTail(*s.prepared);
    });

    for (Slot& s : slots) {
      if (!s.error.ok()) {
        ++stats.errors;
        out(ErrorToJson(s.line, s.id, s.error).dump());
        continue;
      }
      bool seen = decided.count(s.id) > 0;
      auto replay = [&] { return seen && (!options.rescreen || this_run.count(s.id)); };
      if (ledger && !in_txn && !replay()) {
        // Deciding needs the organization's lock and everything other writers stored before it.
        CP_RETURN_IF_ERROR(ledger->Begin());
        in_txn = true;
        CP_RETURN_IF_ERROR(ledger->Sync(&history, &decided));
        seen = decided.count(s.id) > 0;
      }
      if (replay()) {
        // Already decided (earlier run, another process, or earlier in this file): the stored
        // decision.
        if (!ledger) {
          out(ErrorToJson(s.line, s.id,
                          Status::InvalidArgument(
                              "duplicate order id '" + s.id + "' (already decided in this run)",
                              "duplicate_id"))
                  .dump());
          ++stats.errors;
          continue;
        }
        // The stored row may be in the open transaction: the same connection reads it.
        auto stored = ledger->StoredOutput(s.id);
        if (!stored.ok()) return stored.status();
        Json j = Json::parse(*stored, nullptr, false);
        if (j.is_discarded())
          return Status::Corruption("stored decision of '" + s.id + "' is not JSON");
        j["line"] = s.line;
        ++stats.stored;
        ++stats.orders;
        ++stats.by_decision[j.value("decision", std::string("error"))];
        out(j.dump());
        continue;
      }
      if (!s.prepared) {
        // Skipped in the parallel phase but not decided any more (cannot happen without rescreen).
        s.prepared = std::make_unique<Prepared>(screener.Prepare(*ParseOrder(s.text)));
        s.tail = EvaluationTail(*s.prepared);
      }
      if (seen) history.Remove(s.id);  // --rescreen: forget the earlier facts
      Screened sc = screener.Decide(*s.prepared, history);
      std::string j = DecisionRecord(s.line, s.id, sc.result, s.tail);
      if (ledger) {
        CP_RETURN_IF_ERROR(ledger->Record(s.text, s.prepared->order, sc.facts, sc.result,
                                          screener.policy().version, j, seen));
      }
      history.Add(std::move(sc.facts));
      decided.insert(s.id);
      this_run.insert(s.id);
      ++stats.decided;
      ++stats.orders;
      ++stats.by_decision[DecisionName(sc.result.decision)];
      std::set<std::string> fired;
      for (const auto& r : sc.result.reasons) fired.insert(r.rule);
      for (const auto& r : fired) ++stats.by_rule[r];
      out(std::move(j));
      if (++uncommitted >= options.commit_every) CP_RETURN_IF_ERROR(commit());
    }
    if (options.progress) options.progress(static_cast<size_t>(reader.lines()), bytes);
  }
  CP_RETURN_IF_ERROR(commit());
  return stats;
}

}  // namespace chokepoint::orders
