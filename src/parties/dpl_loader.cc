// BIS Denied Persons List: tab-separated, quoted, with a header row.
#include <map>
#include <string>

#include "parties/loaders.h"
#include "parties/remarks.h"
#include "util/country.h"
#include "util/csv.h"

namespace chokepoint::parties {

Result<LoadedList> ParseBisDpl(std::string_view text, const std::string& file,
                               const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "bis_dpl";
  CsvReader r(text, '\t');
  CsvRecord rec;
  std::map<std::string, size_t> col;
  size_t ncols = 0;
  std::string latest;
  size_t row = 0;
  std::map<std::string, size_t> by_key;
  while (r.Next(rec)) {
    if (col.empty()) {
      for (size_t i = 0; i < rec.fields.size(); ++i) col[CleanField(rec.fields[i])] = i;
      ncols = rec.fields.size();
      if (!col.count("Name") || !col.count("Country")) {
        return Status::Corruption(file + ":" + std::to_string(rec.line) +
                                      ": not a Denied Persons List (no Name/Country header)",
                                  "bad_list");
      }
      continue;
    }
    ++row;
    auto problem = [&](const std::string& why) {
      out.info.problems.push_back(file + ":" + std::to_string(rec.line) + ": " + why);
    };
    if (!rec.error.empty()) {
      problem(rec.error);
      continue;
    }
    if (rec.fields.size() != ncols) {
      problem("expected " + std::to_string(ncols) + " fields, found " +
              std::to_string(rec.fields.size()));
      continue;
    }
    auto get = [&](const char* c) -> std::string {
      auto it = col.find(c);
      return it == col.end() ? "" : CleanField(rec.fields[it->second]);
    };
    std::string name = get("Name");
    if (name.empty()) {
      problem("empty Name");
      continue;
    }
    // One row per (party, address): rows with the same name and order citation are one party.
    std::string group_key = name + "\x1f" + get("FR_Citation");
    auto seen = by_key.find(group_key);
    bool merge = seen != by_key.end();
    Entity fresh;
    Entity& e = merge ? out.entities[seen->second] : fresh;
    if (!merge) {
      e.list = list_name;
      // The DPL has no identifiers of its own: the data row number of the party's first row.
      e.entity_id = "dpl-" + std::to_string(row);
      e.name = name;
      e.type = EntityType::kUnknown;
      e.programs.push_back("DPL");
      std::string fr = get("FR_Citation");
      e.remarks = get("Action") + (fr.empty() ? "" : " (" + fr + ")");
    }
    std::string addr;
    for (const char* k : {"Street_Address", "City", "State", "Postal_Code", "Country"}) {
      std::string p = get(k);
      if (!p.empty()) addr += (addr.empty() ? "" : ", ") + p;
    }
    if (!addr.empty()) e.addresses.push_back(addr);
    std::string c = CountryCode(get("Country"));
    if (!c.empty()) e.countries.push_back(c);
    // The list's version is its latest Last_Update (Effective_Date holds typos like 3017).
    std::string d = ParseLooseDate(get("Last_Update"));
    if (d.size() == 10 && d > latest) latest = d;
    if (!merge) {
      by_key[group_key] = out.entities.size();
      out.entities.push_back(std::move(fresh));
    }
  }
  if (col.empty()) return Status::Corruption(file + ": empty file", "bad_list");
  out.info.version = latest.empty() ? "unknown" : latest;
  out.info.skipped = out.info.problems.size();
  Recount(out);
  return out;
}

}  // namespace chokepoint::parties
