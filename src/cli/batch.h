// Ordered parallel batch processing for line-oriented commands: inputs are read in chunks
// (util/batch.h), processed on N threads, and written in input order. A progress line goes to
// stderr when it is a terminal.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "util/batch.h"
#include "util/status.h"

namespace chokepoint::cli {

struct BatchOptions {
  int threads = 0;         //!< 0: hardware concurrency
  size_t chunk = 512;      //!< records per parallel chunk
  bool progress = false;   //!< draw a progress line on stderr
  size_t total_bytes = 0;  //!< for the progress percentage; 0 when unknown (stdin)
  std::string label = "records";
};

// Runs `process(item) -> output line` over every record in parallel and calls `emit` in
// input order. Returns the number of records processed.
size_t RunBatch(RecordReader& reader, const BatchOptions& options,
                const std::function<std::string(const BatchItem&)>& process,
                const std::function<void(const std::string&)>& emit, size_t* empty_lines);

bool StderrIsTerminal();

// Where a batch command reads its records: a file, or standard input for "" and "-".
struct BatchInput {
  std::istream* stream = nullptr;
  size_t total_bytes = 0;  //!< the file's size, for the progress percentage; 0 for stdin
  std::unique_ptr<std::istream> owned;
};
// Opens `file`, or standard input; when that is a terminal, says on stderr (as `command`) that
// `what` are read one per line until Ctrl-D. Error: "cannot open 'FILE': <reason>".
Result<BatchInput> OpenBatchInput(const std::string& file, const std::string& command,
                                  const std::string& what);

// The progress line on stderr: "[####   ] 42.0% 2100 records 850/s ETA 3s", or a count and a
// rate when the size is unknown. Redrawn at most every 200 ms; Finish() clears it.
class ProgressLine {
 public:
  ProgressLine(bool enabled, size_t total_bytes, std::string label);
  void Update(size_t done, size_t bytes);
  void Finish();

 private:
  void Draw(size_t done, size_t bytes);
  bool enabled_;
  size_t total_bytes_;
  std::string label_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace chokepoint::cli
