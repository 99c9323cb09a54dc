// `chokepoint parties screen`: counterparty (KYC) screening against sanctions and custom lists.
//
// Input: one party per line, either a JSON object ({"name", "country", "address", "ids",
// "emails", "phones", "websites", "date_of_birth", "type"}) or a plain name. Output: one JSONL
// record per input line, in input order: {"line", "query", "ok", "error", "matches"}.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli/batch.h"
#include "cli/command.h"
#include "parties/loaders.h"
#include "parties/party_json.h"
#include "parties/screener.h"
#include "parties/store.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string file;                // input file; "" or "-" = stdin
  std::vector<std::string> lists;  // --list paths
  std::string lists_dir;
  std::string input = "auto";  // auto, jsonl, text
  std::string format = "jsonl";
  double threshold = parties::ScreenOptions{}.threshold;
  size_t top = parties::ScreenOptions{}.top_k;
  int threads = 0;
  bool quiet = false;
};

std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Cut(const std::string& s, size_t n) {
  // Cut at n bytes without splitting a UTF-8 sequence.
  if (s.size() <= n) return s;
  size_t k = n - 3;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return s.substr(0, k) + "...";
}

// Loads --list paths, or the imported lists when none are given. Problems in list rows are
// summarized on stderr; they never stop the run.
Result<parties::ListSet> LoadLists(const Options& o) {
  parties::ListSet set;
  if (o.lists.empty()) {
    parties::ListStore store(o.lists_dir.empty() ? parties::DefaultStoreDir() : o.lists_dir);
    CP_ASSIGN_OR_RETURN(set, store.LoadAll());
    if (set.lists().empty()) {
      return Status::FailedPrecondition(
          "no lists to screen against: import one with `chokepoint lists import PATH` or pass "
          "--list PATH (store: " +
              store.dir() + ")",
          "no_lists");
    }
    return set;
  }
  for (const auto& p : o.lists) {
    CP_ASSIGN_OR_RETURN(auto l, parties::LoadList(p));
    if (!o.quiet && !l.info.problems.empty()) {
      std::fprintf(stderr, "chokepoint: %s: %zu malformed rows skipped\n", p.c_str(),
                   l.info.problems.size());
      for (size_t i = 0; i < l.info.problems.size() && i < 5; ++i)
        std::fprintf(stderr, "  %s\n", l.info.problems[i].c_str());
    }
    CP_RETURN_IF_ERROR(set.Add(std::move(l)));
  }
  return set;
}

std::string FormatTable(int line, const std::string& query,
                        const Result<std::vector<parties::Match>>& r) {
  char buf[512];
  std::string out;
  if (!r.ok()) {
    std::snprintf(buf, sizeof buf, "%-5d %-36s %-6s %s", line, Cut(query, 36).c_str(), "ERROR",
                  r.status().message().c_str());
    return buf;
  }
  if (r->empty()) {
    std::snprintf(buf, sizeof buf, "%-5d %-36s %-6s %s", line, Cut(query, 36).c_str(), "-",
                  "no match");
    return buf;
  }
  for (size_t i = 0; i < r->size(); ++i) {
    const auto& m = (*r)[i];
    std::string programs;
    for (const auto& p : m.programs) programs += (programs.empty() ? "" : ",") + p;
    std::snprintf(buf, sizeof buf, "%-5s %-36s %-6.3f %-9s %-9s %-40s %s",
                  i ? "" : std::to_string(line).c_str(), i ? "" : Cut(query, 36).c_str(), m.score,
                  m.list.c_str(), Cut(m.entity_id, 9).c_str(), Cut(m.matched_name, 40).c_str(),
                  Cut(programs, 30).c_str());
    out += (i ? "\n" : "") + std::string(buf);
    out += "\n      " + Cut(m.explanation.summary, 200);
  }
  return out;
}

// One input line as a query: a JSON object (--input jsonl, or auto and the line starts with
// '{'), else the name itself. `shown` is what the output calls the query.
Result<parties::PartyQuery> ParseQuery(const std::string& line, const std::string& input,
                                       std::string* shown) {
  std::string text = line;
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
  *shown = text;
  bool json = input == "jsonl" || (input == "auto" && !text.empty() && text[0] == '{');
  if (!json) {
    parties::PartyQuery q;
    q.name = text;
    return q;
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("not valid JSON", "bad_json");
  auto q = parties::PartyQueryFromJson(j);
  if (q.ok()) *shown = q->name;
  return q;
}

// The JSONL record of one screened line.
nlohmann::ordered_json RecordJson(int line, const std::string& query,
                                  const Result<std::vector<parties::Match>>& r) {
  nlohmann::ordered_json rec;
  rec["line"] = line;
  rec["query"] = query;
  rec["ok"] = r.ok();
  rec["error"] = r.ok() ? nlohmann::ordered_json(nullptr)
                        : nlohmann::ordered_json{{"code", r.status().tag()},
                                                 {"message", r.status().message()}};
  rec["matches"] = nlohmann::ordered_json::array();
  if (r.ok())
    for (const auto& m : *r) rec["matches"].push_back(parties::MatchToJson(m));
  return rec;
}

int Screen(const Options& o) {
  auto lists = LoadLists(o);
  if (!lists.ok()) {
    std::fprintf(stderr, "chokepoint parties screen: %s\n", lists.status().message().c_str());
    return kExitFailure;
  }
  auto screener = parties::Screener::Build(*lists);
  if (!o.quiet) {
    std::string names;
    for (const auto& l : lists->lists())
      names += (names.empty() ? "" : ", ") + l.info.name + " " + l.info.version;
    // No timings here: this line is part of reviewed outputs and must be deterministic.
    std::fprintf(stderr, "chokepoint: screening against %zu entities (%s)\n",
                 screener->entity_count(), names.c_str());
  }

  auto in = OpenBatchInput(o.file, "chokepoint parties screen", "parties");
  if (!in.ok()) {
    std::cerr << "chokepoint parties screen: " << in.status().message() << "\n";
    return kExitFailure;
  }

  parties::ScreenOptions so;
  so.threshold = o.threshold;
  so.top_k = o.top;
  if (o.format == "table") {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-5s %-36s %-6s %-9s %-9s %-40s %s", "LINE", "QUERY", "SCORE",
                  "LIST", "ID", "MATCHED NAME", "PROGRAMS");
    std::cout << buf << "\n";
  }
  RecordReader reader(*in->stream, false);
  BatchOptions bopts;
  bopts.threads = o.threads;
  bopts.progress = !o.quiet && StderrIsTerminal() && in->total_bytes > 0;
  bopts.total_bytes = in->total_bytes;
  bopts.label = "parties";
  std::mutex mu;
  size_t errors = 0, hits = 0, empty = 0;
  size_t n = RunBatch(
      reader, bopts,
      [&](const BatchItem& item) {
        std::string query;
        auto q = ParseQuery(item.text, o.input, &query);
        auto r =
            q.ok() ? screener->Screen(*q, so) : Result<std::vector<parties::Match>>(q.status());
        {
          std::lock_guard<std::mutex> lock(mu);
          errors += !r.ok();
          hits += r.ok() && !r->empty();
        }
        if (o.format == "table") return FormatTable(item.line, query, r);
        return Dump(RecordJson(item.line, query, r));
      },
      [&](const std::string& line) { std::cout << line << "\n"; }, &empty);
  std::cout.flush();
  if (!o.quiet) {
    std::fprintf(stderr, "chokepoint: %zu parties screened, %zu with a match, %zu errors\n", n,
                 hits, errors);
  }
  return kExitOk;
}

}  // namespace

void RegisterParties(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand(
      "parties", "Counterparty (KYC) screening against sanctions and custom lists");
  app->require_subcommand(1);
  auto o = std::make_shared<Options>();
  auto* screen = app->add_subcommand(
      "screen",
      "Screen parties (JSONL objects or one name per line) and print one JSONL record each");
  screen->add_option("file", o->file, "Input file (default: stdin)");
  AddListOption(screen, &o->lists);
  AddListsDirOption(screen, &o->lists_dir);
  screen->add_option("--threshold", o->threshold, "Lowest score reported (default 0.85)")
      ->check(Between(0, 1));
  screen->add_option("--top", o->top, "Matches per party (default 5)");
  screen
      ->add_option("--input", o->input,
                   "auto (default: lines starting with '{' are JSON), jsonl or text")
      ->check(OneOf({"auto", "jsonl", "text"}));
  AddFormatOption(screen, &o->format, {"jsonl", "table"});
  AddThreadsOption(screen, &o->threads, "Worker threads (default: all cores)");
  AddQuietFlag(screen, &o->quiet, "No summary on stderr");
  out.push_back({screen, [o] { return Screen(*o); }});
}

}  // namespace chokepoint::cli
