// A small RFC 4180 reader for sanctions list files, official-list CSVs and evaluation sets
// (comma- or tab-separated, quoted fields that may span lines, "" escapes). It reports the 1-based
// line each record starts on so loaders can say "file:line: reason". Input is any bytes: it never
// reads out of bounds on malformed text.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

struct CsvRecord {
  int line = 0;  //!< 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;  //!< non-empty when the record is malformed (e.g. unterminated quote)
};

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text, char delimiter = ',')
      : text_(text), delim_(delimiter) {}
  // Reads the next record; false at end of input. Blank lines and a lone 0x1A (DOS EOF) line
  // are skipped.
  bool Next(CsvRecord& out);

 private:
  std::string_view text_;
  char delim_;
  size_t pos_ = 0;
  int line_ = 1;
};

// The records of a file whose first record names the columns, each as column → value (fields
// beyond the header are dropped, missing ones are absent). Empty when the file cannot be read.
std::vector<std::map<std::string, std::string>> ReadCsvTable(const std::string& path,
                                                             char delimiter = ',');

// One field as written: quoted (with "" escapes) when it holds a comma, quote or line break.
std::string CsvField(std::string_view s);

// Trims ASCII whitespace; OFAC's "-0-" placeholder becomes empty.
std::string CleanField(std::string_view s);
// The cleaned, non-empty values of a multi-valued cell: "a; b;; c" → {"a", "b", "c"}.
std::vector<std::string> SplitField(std::string_view s, char separator = ';');

// Splits `text` into its leading "# key: value" comment lines (returned in order) and the rest.
// Lines starting with '#' after the first non-comment line are left to the caller.
std::vector<std::pair<std::string, std::string>> ReadHeaderComments(std::string_view text,
                                                                    std::string_view* rest,
                                                                    int* rest_first_line);

}  // namespace chokepoint
