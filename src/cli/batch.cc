#include "cli/batch.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace chokepoint::cli {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

namespace {

void DrawProgress(const BatchOptions& o, size_t done, size_t bytes,
                  std::chrono::steady_clock::time_point start, bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (o.total_bytes > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(o.total_bytes));
    int width = 30, filled = static_cast<int>(frac * width);
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::fprintf(stderr, "\r[%-*s] %5.1f%% %zu %s %.0f/s ETA %.0fs ", width,
                 std::string(filled, '#').c_str(), frac * 100, done, o.label.c_str(), rate, eta);
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
  const int threads = WorkerThreads(options.threads);
  std::vector<BatchItem> items;
  std::vector<std::string> outputs;
  size_t done = 0, bytes = 0;
  auto start = std::chrono::steady_clock::now();
  auto last_draw = start;
  while (reader.Next(options.chunk, items, &bytes, empty_lines)) {
    if (items.empty()) continue;
    outputs.assign(items.size(), std::string());
    ParallelFor(items.size(), threads, [&](size_t i) { outputs[i] = process(items[i]); });
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
