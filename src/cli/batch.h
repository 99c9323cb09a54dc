// Ordered parallel batch processing for line-oriented commands: inputs are read in chunks,
// processed on N threads, and written in input order. A progress line goes to stderr when it
// is a terminal.
#pragma once

#include <cstdio>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace chokepoint::cli {

struct BatchItem {
  int line = 0;       //!< 1-based line number of the record's first line
  std::string text;   //!< the record text (one line; a whole molfile for SD input)
};

struct BatchOptions {
  int threads = 0;             //!< 0: hardware concurrency
  size_t chunk = 512;          //!< records per parallel chunk
  bool progress = false;       //!< draw a progress line on stderr
  size_t total_bytes = 0;      //!< for the progress percentage; 0 when unknown (stdin)
  std::string label = "records";
};

// Reads one record per line (empty lines are skipped but counted in line numbers), or SD
// records separated by "$$$$" when `sd` is true.
class RecordReader {
 public:
  RecordReader(std::istream& in, bool sd) : in_(in), sd_(sd) {}
  // Fills up to `max` items; returns false at end of input.
  bool Next(size_t max, std::vector<BatchItem>& out, size_t* bytes_read, size_t* empty_lines);

 private:
  std::istream& in_;
  bool sd_;
  int line_ = 0;
};

// Runs `process(item) -> output line` over every record in parallel and calls `emit` in
// input order. Returns the number of records processed.
size_t RunBatch(RecordReader& reader, const BatchOptions& options,
                const std::function<std::string(const BatchItem&)>& process,
                const std::function<void(const std::string&)>& emit, size_t* empty_lines);

bool StderrIsTerminal();

}  // namespace chokepoint::cli
