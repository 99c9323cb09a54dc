// Batch building blocks shared by every line-oriented job (classify, parties screen, order
// screening): records read in chunks with their line numbers, and a chunk processed on N threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <istream>
#include <string>
#include <thread>
#include <vector>

namespace chokepoint {

struct BatchItem {
  int line = 0;      //!< 1-based line number of the record's first line
  std::string text;  //!< the record text (one line; a whole molfile for SD input)
};

// Reads one record per line (blank lines are skipped but counted in line numbers; a trailing
// CR is dropped), or SD records separated by "$$$$" when `sd` is true.
class RecordReader {
 public:
  RecordReader(std::istream& in, bool sd) : in_(in), sd_(sd) {}
  // Fills up to `max` items; returns false at end of input. Adds the bytes read and the blank
  // lines skipped to the counters.
  bool Next(size_t max, std::vector<BatchItem>& out, size_t* bytes_read, size_t* empty_lines);
  // Lines read so far.
  int lines() const { return line_; }

 private:
  std::istream& in_;
  bool sd_;
  int line_ = 0;
};

// The number of worker threads for a --threads value: `requested`, or every core when 0.
inline int WorkerThreads(int requested) {
  int n = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, n);
}

// Calls f(0) … f(n - 1) on up to `threads` threads (on this thread when one is enough); items are
// handed out one at a time so a slow one does not hold up a fixed share.
template <typename F>
void ParallelFor(size_t n, int threads, F&& f) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) f(i);
  };
  int t = std::min<int>(threads, static_cast<int>(n));
  if (t <= 1) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  for (int k = 0; k < t; ++k) pool.emplace_back(work);
  for (auto& th : pool) th.join();
}

}  // namespace chokepoint
