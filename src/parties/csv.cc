#include "parties/csv.h"

namespace chokepoint::parties {

bool CsvReader::Next(CsvRecord& out) {
  out.fields.clear();
  out.error.clear();
  // Skip blank lines and the DOS EOF marker OFAC appends.
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') { ++line_; ++pos_; continue; }
    if (c == '\r' || c == '\x1a') { ++pos_; continue; }
    break;
  }
  if (pos_ >= text_.size()) return false;
  out.line = line_;
  std::string field;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // the field started with a quote
  while (true) {
    if (pos_ >= text_.size()) {
      if (quoted) out.error = "unterminated quoted field";
      out.fields.push_back(std::move(field));
      return true;
    }
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') { field += '"'; ++pos_; }
        else quoted = false;
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '"' && (field.empty() || field.find_first_not_of(" ") == std::string::npos) && !was_quoted) {
      field.clear();
      quoted = was_quoted = true;
      continue;
    }
    if (c == delim_) {
      out.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      continue;
    }
    if (c == '\r') continue;
    if (c == '\n') {
      ++line_;
      out.fields.push_back(std::move(field));
      return true;
    }
    field += c;  // includes stray quotes after a closed quote; kept rather than guessed away
  }
}

std::string CleanField(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  std::string_view t = s.substr(b, e - b);
  if (t == "-0-") return "";
  return std::string(t);
}

}  // namespace chokepoint::parties
