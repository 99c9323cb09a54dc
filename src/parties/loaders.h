// List loaders. Each Parse* function turns the text of one list format into a LoadedList;
// a malformed row is reported in info.problems as "file:line: reason", counted in
// info.skipped, and the rest loads. A file that is not the format at all (no row parses,
// wrong header) is an error. The Parse* functions read only their arguments (fuzzable);
// LoadList reads files.
//
// Formats (docs/parties.md has the details):
//   ofac_csv    OFAC legacy CSV folder: sdn.csv (+ alt.csv aliases, add.csv addresses,
//               sdn_comments.csv remark overflow), no header, "-0-" = empty
//   csl_csv     US Consolidated Screening List CSV (trade.gov), 29 named columns
//   un_xml      UN Security Council consolidated list XML
//   bis_dpl     BIS Denied Persons List, tab-separated with a header
//   custom_csv  our own CSV: header with id,name and optional type,aliases,countries,
//               addresses,programs,ids,emails,phones,websites,dates_of_birth,remarks
//   custom_json our own JSON Lines: one {"id","name",…} object per line (same fields)
// Custom lists may start with "# name: …" and "# version: YYYY-MM-DD" comment lines; the
// parsers take an empty list_name to mean "the file's own name, else 'custom'".
#pragma once

#include <string>
#include <string_view>

#include "parties/entity.h"
#include "util/status.h"

namespace chokepoint::parties {

struct OfacFiles {
  std::string_view sdn, alt, add, comments;  //!< file contents; alt/add/comments may be empty
  std::string sdn_name = "sdn.csv", alt_name = "alt.csv", add_name = "add.csv",
              comments_name = "sdn_comments.csv";
};

Result<LoadedList> ParseOfac(const OfacFiles& files, const std::string& list_name);
Result<LoadedList> ParseCsl(std::string_view text, const std::string& file_name,
                            const std::string& list_name);
Result<LoadedList> ParseUnXml(std::string_view text, const std::string& file_name,
                              const std::string& list_name);
Result<LoadedList> ParseBisDpl(std::string_view text, const std::string& file_name,
                               const std::string& list_name);
Result<LoadedList> ParseCustomCsv(std::string_view text, const std::string& file_name,
                                  const std::string& list_name);
Result<LoadedList> ParseCustomJsonl(std::string_view text, const std::string& file_name,
                                    const std::string& list_name);

struct LoadOptions {
  std::string format =
      "auto";           //!< one of the formats above, or "auto" (from the name and first bytes)
  std::string name;     //!< list name in results; default per format ("ofac_sdn", "csl", "un",
                        //!< "bis_dpl"), or a custom list's "# name:" line, or the file stem
  std::string version;  //!< overrides the version found in the file (OFAC CSV carries none)
};

// Loads a list file, or a folder holding one list's files (sdn.csv/alt.csv/add.csv …).
Result<LoadedList> LoadList(const std::string& path, const LoadOptions& options = {});

// The format LoadList would use for `path` ("ofac_csv" …), or an error saying why none fits.
Result<std::string> DetectFormat(const std::string& path);

// The default list name of a format ("ofac_csv" → "ofac_sdn").
std::string DefaultListName(const std::string& format, const std::string& path);

}  // namespace chokepoint::parties
