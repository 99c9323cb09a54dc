// OFAC legacy CSV: sdn.csv + alt.csv + add.csv + sdn_comments.csv.
#include <map>
#include <string>
#include <unordered_map>

#include "util/country.h"
#include "util/csv.h"
#include "parties/loaders.h"
#include "parties/remarks.h"

namespace chokepoint::parties {
namespace {

bool IsEntNum(const std::string& s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  return true;
}

std::string Problem(const std::string& file, int line, const std::string& why) {
  return file + ":" + std::to_string(line) + ": " + why;
}

}  // namespace

Result<LoadedList> ParseOfac(const OfacFiles& f, const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "ofac_csv";
  out.info.version = "unknown";
  std::unordered_map<std::string, size_t> by_id;
  CsvRecord rec;
  {
    CsvReader r(f.sdn);
    while (r.Next(rec)) {
      if (!rec.error.empty()) {
        out.info.problems.push_back(Problem(f.sdn_name, rec.line, rec.error));
        continue;
      }
      if (rec.fields.size() != 12) {
        out.info.problems.push_back(Problem(f.sdn_name, rec.line, "expected 12 fields, found " + std::to_string(rec.fields.size())));
        continue;
      }
      std::string id = CleanField(rec.fields[0]), name = CleanField(rec.fields[1]);
      if (!IsEntNum(id)) {
        out.info.problems.push_back(Problem(f.sdn_name, rec.line, "ent_num '" + id.substr(0, 20) + "' is not a number"));
        continue;
      }
      if (name.empty()) {
        out.info.problems.push_back(Problem(f.sdn_name, rec.line, "empty SDN_Name"));
        continue;
      }
      if (by_id.count(id)) {
        out.info.problems.push_back(Problem(f.sdn_name, rec.line, "duplicate ent_num " + id));
        continue;
      }
      Entity e;
      e.list = list_name;
      e.entity_id = id;
      e.name = name;
      e.type = ParseEntityType(CleanField(rec.fields[2]));
      if (CleanField(rec.fields[2]).empty()) e.type = EntityType::kEntity;
      std::string programs = CleanField(rec.fields[3]);
      // Programs are "] ["-joined in newer files and space-separated bracketed in older ones.
      std::string cur;
      for (char c : programs + " ") {
        if (c == '[' || c == ']' || c == ' ' || c == ';') {
          if (!cur.empty()) e.programs.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      std::string flag = CleanField(rec.fields[9]);
      if (!flag.empty()) {
        std::string c = CountryCode(flag);
        if (!c.empty()) e.countries.push_back(c);
      }
      e.remarks = CleanField(rec.fields[11]);
      by_id[id] = out.entities.size();
      out.entities.push_back(std::move(e));
    }
  }
  if (out.entities.empty()) {
    std::string why = out.info.problems.empty() ? "no SDN rows" : out.info.problems.front();
    return Status::Corruption(f.sdn_name + ": not an OFAC sdn.csv (" + why + ")", "bad_list");
  }
  if (!f.comments.empty()) {
    CsvReader r(f.comments);
    while (r.Next(rec)) {
      if (rec.fields.size() < 2 || !rec.error.empty()) {
        out.info.problems.push_back(Problem(f.comments_name, rec.line, rec.error.empty() ? "expected 2 fields" : rec.error));
        continue;
      }
      auto it = by_id.find(CleanField(rec.fields[0]));
      if (it == by_id.end()) {
        out.info.problems.push_back(Problem(f.comments_name, rec.line, "ent_num " + CleanField(rec.fields[0]).substr(0, 20) + " is not in sdn.csv"));
        continue;
      }
      // The overflow continues the remark mid-word.
      out.entities[it->second].remarks += CleanField(rec.fields[1]);
    }
  }
  if (!f.alt.empty()) {
    CsvReader r(f.alt);
    while (r.Next(rec)) {
      if (!rec.error.empty() || rec.fields.size() != 5) {
        out.info.problems.push_back(Problem(f.alt_name, rec.line, rec.error.empty() ? "expected 5 fields, found " + std::to_string(rec.fields.size()) : rec.error));
        continue;
      }
      auto it = by_id.find(CleanField(rec.fields[0]));
      if (it == by_id.end()) {
        out.info.problems.push_back(Problem(f.alt_name, rec.line, "ent_num " + CleanField(rec.fields[0]).substr(0, 20) + " is not in sdn.csv"));
        continue;
      }
      std::string name = CleanField(rec.fields[3]);
      if (name.empty()) continue;
      // aka, fka and nka are all names the party is known by.
      out.entities[it->second].aliases.push_back(name);
    }
  }
  if (!f.add.empty()) {
    CsvReader r(f.add);
    while (r.Next(rec)) {
      if (!rec.error.empty() || rec.fields.size() != 6) {
        out.info.problems.push_back(Problem(f.add_name, rec.line, rec.error.empty() ? "expected 6 fields, found " + std::to_string(rec.fields.size()) : rec.error));
        continue;
      }
      auto it = by_id.find(CleanField(rec.fields[0]));
      if (it == by_id.end()) {
        out.info.problems.push_back(Problem(f.add_name, rec.line, "ent_num " + CleanField(rec.fields[0]).substr(0, 20) + " is not in sdn.csv"));
        continue;
      }
      Entity& e = out.entities[it->second];
      std::string addr;
      for (int k : {2, 3, 4}) {
        std::string p = CleanField(rec.fields[k]);
        if (!p.empty()) addr += (addr.empty() ? "" : ", ") + p;
      }
      if (!addr.empty()) e.addresses.push_back(addr);
      std::string c = CountryCode(CleanField(rec.fields[4]));
      if (!c.empty()) e.countries.push_back(c);
    }
  }
  for (auto& e : out.entities) {
    if (!e.remarks.empty()) ParseOfacRemarks(e.remarks, e);
  }
  out.info.skipped = out.info.problems.size();
  Recount(out);
  return out;
}

}  // namespace chokepoint::parties
