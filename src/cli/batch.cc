#include "cli/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace chokepoint::cli {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

bool RecordReader::Next(size_t max, std::vector<BatchItem>& out, size_t* bytes_read, size_t* empty_lines) {
  out.clear();
  std::string line;
  if (!sd_) {
    while (out.size() < max && std::getline(in_, line)) {
      ++line_;
      *bytes_read += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      bool blank = line.find_first_not_of(" \t") == std::string::npos;
      if (blank) {
        ++*empty_lines;
        continue;
      }
      out.push_back({line_, std::move(line)});
    }
    return !out.empty() || !in_.eof();
  }
  BatchItem cur;
  while (out.size() < max && std::getline(in_, line)) {
    ++line_;
    *bytes_read += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (cur.text.empty()) cur.line = line_;
    if (line.rfind("$$$$", 0) == 0) {
      if (cur.text.find_first_not_of(" \t\n") != std::string::npos) out.push_back(std::move(cur));
      cur = BatchItem{};
      continue;
    }
    cur.text += line + "\n";
  }
  if (cur.text.find_first_not_of(" \t\n") != std::string::npos) out.push_back(std::move(cur));
  return !out.empty();
}

namespace {

void DrawProgress(const BatchOptions& o, size_t done, size_t bytes, std::chrono::steady_clock::time_point start,
                  bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (o.total_bytes > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(o.total_bytes));
    int width = 30, filled = static_cast<int>(frac * width);
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::fprintf(stderr, "\r[%-*s] %5.1f%% %zu %s %.0f/s ETA %.0fs ", width, std::string(filled, '#').c_str(),
                 frac * 100, done, o.label.c_str(), rate, eta);
  } else {
    std::fprintf(stderr, "\r%zu %s %.0f/s ", done, o.label.c_str(), rate);
  }
  if (final) std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace

size_t RunBatch(RecordReader& reader, const BatchOptions& options,
                const std::function<std::string(const BatchItem&)>& process,
                const std::function<void(const std::string&)>& emit, size_t* empty_lines) {
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, threads);
  std::vector<BatchItem> items;
  std::vector<std::string> outputs;
  size_t done = 0, bytes = 0;
  auto start = std::chrono::steady_clock::now();
  auto last_draw = start;
  while (reader.Next(options.chunk, items, &bytes, empty_lines)) {
    if (items.empty()) continue;
    outputs.assign(items.size(), std::string());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < items.size(); i = next++) outputs[i] = process(items[i]);
    };
    int n = std::min<int>(threads, static_cast<int>(items.size()));
    if (n <= 1) {
      work();
    } else {
      std::vector<std::thread> pool;
      for (int t = 0; t < n; ++t) pool.emplace_back(work);
      for (auto& t : pool) t.join();
    }
    for (const auto& o : outputs) emit(o);
    done += items.size();
    auto now = std::chrono::steady_clock::now();
    if (options.progress && now - last_draw > std::chrono::milliseconds(200)) {
      DrawProgress(options, done, bytes, start, false);
      last_draw = now;
    }
  }
  if (options.progress) DrawProgress(options, done, bytes, start, true);
  return done;
}

}  // namespace chokepoint::cli
