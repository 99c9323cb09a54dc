#include "cli/batch.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace chokepoint::cli {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

Result<BatchInput> OpenBatchInput(const std::string& file, const std::string& command,
                                  const std::string& what) {
  BatchInput in;
  in.stream = &std::cin;
  if (!file.empty() && file != "-") {
    auto f = std::make_unique<std::ifstream>(file, std::ios::binary);
    if (!*f) return Status::NotFound("cannot open '" + file + "': " + std::strerror(errno));
    std::error_code ec;
    in.total_bytes = static_cast<size_t>(std::filesystem::file_size(file, ec));
    in.owned = std::move(f);
    in.stream = in.owned.get();
  } else if (::isatty(STDIN_FILENO)) {
    std::cerr << command << ": reading " << what
              << " from the terminal, one per line (Ctrl-D to end)\n";
  }
  return in;
}

ProgressLine::ProgressLine(bool enabled, size_t total_bytes, std::string label)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      label_(std::move(label)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressLine::Update(size_t done, size_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  Draw(done, bytes);
}

void ProgressLine::Finish() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

void ProgressLine::Draw(size_t done, size_t bytes) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (total_bytes_ > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes_));
    int width = 30, filled = static_cast<int>(frac * width);
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::fprintf(stderr, "\r[%-*s] %5.1f%% %zu %s %.0f/s ETA %.0fs ", width,
                 std::string(filled, '#').c_str(), frac * 100, done, label_.c_str(), rate, eta);
  } else {
    std::fprintf(stderr, "\r%zu %s %.0f/s ", done, label_.c_str(), rate);
  }
  std::fflush(stderr);
}

size_t RunBatch(RecordReader& reader, const BatchOptions& options,
                const std::function<std::string(const BatchItem&)>& process,
                const std::function<void(const std::string&)>& emit, size_t* empty_lines) {
  const int threads = WorkerThreads(options.threads);
  std::vector<BatchItem> items;
  std::vector<std::string> outputs;
  size_t done = 0, bytes = 0;
  ProgressLine progress(options.progress, options.total_bytes, options.label);
  while (reader.Next(options.chunk, items, &bytes, empty_lines)) {
    if (items.empty()) continue;
    outputs.assign(items.size(), std::string());
    ParallelFor(items.size(), threads, [&](size_t i) { outputs[i] = process(items[i]); });
    for (const auto& o : outputs) emit(o);
    done += items.size();
    progress.Update(done, bytes);
  }
  progress.Finish();
  return done;
}

}  // namespace chokepoint::cli
