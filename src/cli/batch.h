// Ordered parallel batch processing for line-oriented commands: inputs are read in chunks
// (util/batch.h), processed on N threads, and written in input order. A progress line goes to
// stderr when it is a terminal.
#pragma once

#include <cstdio>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "util/batch.h"

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

}  // namespace chokepoint::cli
