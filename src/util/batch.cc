#include "util/batch.h"

namespace chokepoint {

bool RecordReader::Next(size_t max, std::vector<BatchItem>& out, size_t* bytes_read,
                        size_t* empty_lines) {
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

}  // namespace chokepoint
