// OFAC legacy CSV: sdn.csv + alt.csv + add.csv + sdn_comments.csv.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parties/loaders.h"
#include "parties/remarks.h"
#include "util/country.h"
#include "util/csv.h"

namespace chokepoint::parties {
namespace {

bool IsEntNum(const std::string& s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Problem(const std::string& file, int line, const std::string& why) {
  return file + ":" + std::to_string(line) + ": " + why;
}

using EntityIndex = std::unordered_map<std::string, size_t>;  // ent_num → index in entities

// Programs are "] ["-joined in newer files and space-separated bracketed in older ones.
std::vector<std::string> SplitPrograms(const std::string& programs) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : programs + " ") {
    if (c == '[' || c == ']' || c == ' ' || c == ';') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// One sdn.csv row as an entity, or the reason the row is skipped.
std::optional<Entity> SdnEntity(const CsvRecord& rec, const std::string& list_name,
                                const EntityIndex& by_id, std::string& why) {
  if (!rec.error.empty()) {
    why = rec.error;
    return std::nullopt;
  }
  if (rec.fields.size() != 12) {
    why = "expected 12 fields, found " + std::to_string(rec.fields.size());
    return std::nullopt;
  }
  std::string id = CleanField(rec.fields[0]), name = CleanField(rec.fields[1]);
  if (!IsEntNum(id))
    why = "ent_num '" + id.substr(0, 20) + "' is not a number";
  else if (name.empty())
    why = "empty SDN_Name";
  else if (by_id.count(id))
    why = "duplicate ent_num " + id;
  if (!why.empty()) return std::nullopt;
  Entity e;
  e.list = list_name;
  e.entity_id = id;
  e.name = name;
  e.type = ParseEntityType(CleanField(rec.fields[2]));
  if (CleanField(rec.fields[2]).empty()) e.type = EntityType::kEntity;
  e.programs = SplitPrograms(CleanField(rec.fields[3]));
  std::string flag = CleanField(rec.fields[9]);
  if (!flag.empty()) {
    std::string c = CountryCode(flag);
    if (!c.empty()) e.countries.push_back(c);
  }
  e.remarks = CleanField(rec.fields[11]);
  return e;
}

// The rows of a file that adds to sdn.csv's entities (comments, aliases, addresses), each
// given to `apply` with its entity. A row with the wrong number of fields (`fields`, or at
// least that many when `at_least`) or an ent_num that sdn.csv lacks is a problem.
template <class Apply>
void ForEachLinkedRow(std::string_view text, const std::string& file, size_t fields, bool at_least,
                      const EntityIndex& by_id, LoadedList& out, Apply apply) {
  CsvReader r(text);
  CsvRecord rec;
  while (r.Next(rec)) {
    bool count_ok = at_least ? rec.fields.size() >= fields : rec.fields.size() == fields;
    if (!rec.error.empty() || !count_ok) {
      std::string expected = "expected " + std::to_string(fields) + " fields" +
                             (at_least ? "" : ", found " + std::to_string(rec.fields.size()));
      out.info.problems.push_back(
          Problem(file, rec.line, rec.error.empty() ? expected : rec.error));
      continue;
    }
    auto it = by_id.find(CleanField(rec.fields[0]));
    if (it == by_id.end()) {
      out.info.problems.push_back(
          Problem(file, rec.line,
                  "ent_num " + CleanField(rec.fields[0]).substr(0, 20) + " is not in sdn.csv"));
      continue;
    }
    apply(out.entities[it->second], rec.fields);
  }
}

void AddAddress(Entity& e, const std::vector<std::string>& fields) {
  std::string addr;
  for (int k : {2, 3, 4}) {
    std::string p = CleanField(fields[k]);
    if (!p.empty()) addr += (addr.empty() ? "" : ", ") + p;
  }
  if (!addr.empty()) e.addresses.push_back(addr);
  std::string c = CountryCode(CleanField(fields[4]));
  if (!c.empty()) e.countries.push_back(c);
}

}  // namespace

Result<LoadedList> ParseOfac(const OfacFiles& f, const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "ofac_csv";
  out.info.version = "unknown";
  EntityIndex by_id;
  CsvReader r(f.sdn);
  CsvRecord rec;
  while (r.Next(rec)) {
    std::string why;
    std::optional<Entity> e = SdnEntity(rec, list_name, by_id, why);
    if (!e) {
      out.info.problems.push_back(Problem(f.sdn_name, rec.line, why));
      continue;
    }
    by_id[e->entity_id] = out.entities.size();
    out.entities.push_back(std::move(*e));
  }
  if (out.entities.empty()) {
    std::string why = out.info.problems.empty() ? "no SDN rows" : out.info.problems.front();
    return Status::Corruption(f.sdn_name + ": not an OFAC sdn.csv (" + why + ")", "bad_list");
  }
  if (!f.comments.empty()) {
    // The overflow continues the remark mid-word.
    ForEachLinkedRow(f.comments, f.comments_name, 2, true, by_id, out,
                     [](Entity& e, const std::vector<std::string>& fields) {
                       e.remarks += CleanField(fields[1]);
                     });
  }
  if (!f.alt.empty()) {
    // aka, fka and nka are all names the party is known by.
    ForEachLinkedRow(f.alt, f.alt_name, 5, false, by_id, out,
                     [](Entity& e, const std::vector<std::string>& fields) {
                       std::string name = CleanField(fields[3]);
                       if (!name.empty()) e.aliases.push_back(name);
                     });
  }
  if (!f.add.empty()) ForEachLinkedRow(f.add, f.add_name, 6, false, by_id, out, AddAddress);
  for (auto& e : out.entities) {
    if (!e.remarks.empty()) ParseOfacRemarks(e.remarks, e);
  }
  out.info.skipped = out.info.problems.size();
  Recount(out);
  return out;
}

}  // namespace chokepoint::parties
