#include "util/csv.h"

#include <fstream>
#include <iterator>

namespace chokepoint {

bool CsvReader::Next(CsvRecord& out) {
  out.fields.clear();
  out.error.clear();
  // Skip blank lines and the DOS EOF marker OFAC appends.
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      ++pos_;
      continue;
    }
    if (c == '\r' || c == '\x1a') {
      ++pos_;
      continue;
    }
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
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else
          quoted = false;
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '"' && (field.empty() || field.find_first_not_of(" ") == std::string::npos) &&
        !was_quoted) {
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

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CleanField(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  std::string_view t = s.substr(b, e - b);
  if (t == "-0-") return "";
  return std::string(t);
}

std::vector<std::string> SplitField(std::string_view s, char separator) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(separator, b);
    if (e == std::string_view::npos) e = s.size();
    std::string part = CleanField(s.substr(b, e - b));
    if (!part.empty()) out.push_back(std::move(part));
    b = e + 1;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ReadHeaderComments(std::string_view text,
                                                                    std::string_view* rest,
                                                                    int* rest_first_line) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  int line = 1;
  while (pos < text.size() && text[pos] == '#') {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view body = text.substr(pos + 1, eol - pos - 1);
    size_t colon = body.find(':');
    if (colon != std::string_view::npos) {
      out.emplace_back(CleanField(body.substr(0, colon)), CleanField(body.substr(colon + 1)));
    } else {
      out.emplace_back("", CleanField(body));
    }
    pos = eol < text.size() ? eol + 1 : eol;
    ++line;
  }
  *rest = text.substr(pos);
  *rest_first_line = line;
  return out;
}

std::vector<std::map<std::string, std::string>> ReadCsvTable(const std::string& path,
                                                             char delimiter) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path, std::ios::binary);
  if (!in) return rows;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CsvReader reader(text, delimiter);
  CsvRecord header, rec;
  if (!reader.Next(header)) return rows;
  while (reader.Next(rec)) {
    auto& row = rows.emplace_back();
    for (size_t i = 0; i < header.fields.size() && i < rec.fields.size(); ++i)
      row[header.fields[i]] = rec.fields[i];
  }
  return rows;
}

}  // namespace chokepoint
