// A user's own lists (internal blocklists, indicted firms) as CSV or JSON Lines.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "parties/loaders.h"
#include "parties/remarks.h"
#include "parties/text.h"
#include "util/country.h"
#include "util/csv.h"

namespace chokepoint::parties {
namespace {

const std::set<std::string>& KnownColumns() {
  static const std::set<std::string> k = {
      "id",  "name",   "type",   "aliases",  "countries",      "addresses", "programs",
      "ids", "emails", "phones", "websites", "dates_of_birth", "remarks"};
  return k;
}

// Shared by both formats: validates and fills one entity from string fields.
// Returns the reason the row is rejected, or "" when it is fine.
std::string FillEntity(const std::map<std::string, std::vector<std::string>>& f, Entity& e) {
  auto one = [&](const char* k) -> std::string {
    auto it = f.find(k);
    return it == f.end() || it->second.empty() ? "" : it->second.front();
  };
  auto many = [&](const char* k) -> std::vector<std::string> {
    auto it = f.find(k);
    return it == f.end() ? std::vector<std::string>{} : it->second;
  };
  e.entity_id = one("id");
  e.name = one("name");
  if (e.entity_id.empty()) return "missing id";
  if (e.name.empty()) return "missing name";
  for (const auto& [k, vs] : f) {
    for (const auto& v : vs) {
      if (!FoldToAscii(v).ok()) return "invalid UTF-8 in " + k;
    }
  }
  std::string type = one("type");
  e.type = type.empty() ? EntityType::kUnknown : ParseEntityType(type);
  if (!type.empty() && e.type == EntityType::kUnknown)
    return "unknown type '" + type + "' (entity, individual, vessel, aircraft)";
  e.aliases = many("aliases");
  for (const auto& c : many("countries")) {
    std::string code = CountryCode(c);
    if (code.empty()) return "unknown country '" + c + "'";
    e.countries.push_back(code);
  }
  e.addresses = many("addresses");
  for (const auto& a : e.addresses) {
    std::string c = CountryOfAddress(a);
    if (!c.empty()) e.countries.push_back(c);
  }
  e.programs = many("programs");
  for (const auto& id : many("ids")) {
    size_t colon = id.find(':');
    if (colon == std::string::npos || colon == 0)
      return "identifier '" + id + "' is not kind:value";
    e.ids.push_back({CleanField(id.substr(0, colon)), CleanField(id.substr(colon + 1)), ""});
  }
  for (const auto& v : many("emails")) e.ids.push_back({"email", v, ""});
  for (const auto& v : many("phones")) e.ids.push_back({"phone", v, ""});
  for (const auto& v : many("websites")) e.ids.push_back({"website", v, ""});
  for (const auto& d : many("dates_of_birth")) {
    std::string p = ParseLooseDate(d);
    if (p.empty()) return "date of birth '" + d + "' has no year";
    e.dates_of_birth.push_back(p);
  }
  e.remarks = one("remarks");
  return "";
}

// "# version: 2024-05-01" comment lines set list metadata; they become blank lines so that
// line numbers stay right.
std::string StripComments(std::string_view text, std::map<std::string, std::string>& meta) {
  std::string out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line[0] == '#') {
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        meta[CleanField(line.substr(1, colon - 1))] = CleanField(line.substr(colon + 1));
      }
    } else {
      out += line;
    }
    if (e < text.size()) out += '\n';
    b = e + 1;
  }
  return out;
}

void Finish(LoadedList& out, const std::map<std::string, std::string>& meta) {
  auto v = meta.find("version");
  out.info.version = v == meta.end() ? "unknown" : v->second;
  // "# name: …" names the list unless the caller chose a name.
  if (out.info.name.empty()) {
    auto n = meta.find("name");
    out.info.name = n == meta.end() || n->second.empty() ? "custom" : n->second;
    for (auto& e : out.entities) e.list = out.info.name;
  }
  out.info.skipped = out.info.problems.size();
  Recount(out);
}

}  // namespace

Result<LoadedList> ParseCustomCsv(std::string_view text, const std::string& file,
                                  const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "custom_csv";
  std::map<std::string, std::string> meta;
  std::string body = StripComments(text, meta);
  CsvReader r(body);
  CsvRecord rec;
  std::vector<std::string> header;
  std::set<std::string> seen_ids;
  while (r.Next(rec)) {
    auto problem = [&](const std::string& why) {
      out.info.problems.push_back(file + ":" + std::to_string(rec.line) + ": " + why);
    };
    if (header.empty()) {
      for (const auto& h : rec.fields) header.push_back(CleanField(h));
      for (const auto& h : header) {
        if (!KnownColumns().count(h)) {
          return Status::Corruption(
              file + ":" + std::to_string(rec.line) + ": unknown column '" + h +
                  "' (known: id, name, type, aliases, countries, addresses, programs, ids, emails, "
                  "phones, websites, dates_of_birth, remarks)",
              "bad_list");
        }
      }
      if (std::find(header.begin(), header.end(), "id") == header.end() ||
          std::find(header.begin(), header.end(), "name") == header.end()) {
        return Status::Corruption(
            file + ":" + std::to_string(rec.line) + ": header needs 'id' and 'name' columns",
            "bad_list");
      }
      continue;
    }
    if (!rec.error.empty()) {
      problem(rec.error);
      continue;
    }
    if (rec.fields.size() != header.size()) {
      problem("expected " + std::to_string(header.size()) + " fields, found " +
              std::to_string(rec.fields.size()));
      continue;
    }
    std::map<std::string, std::vector<std::string>> f;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string& h = header[i];
      if (h == "id" || h == "name" || h == "type" || h == "remarks") {
        std::string v = CleanField(rec.fields[i]);
        if (!v.empty()) f[h].push_back(v);
      } else {
        f[h] = SplitField(rec.fields[i]);
      }
    }
    Entity e;
    e.list = list_name;
    std::string why = FillEntity(f, e);
    if (!why.empty()) {
      problem(why);
      continue;
    }
    if (!seen_ids.insert(e.entity_id).second) {
      problem("duplicate id '" + e.entity_id + "'");
      continue;
    }
    out.entities.push_back(std::move(e));
  }
  if (header.empty())
    return Status::Corruption(file + ": empty file (a header with id,name is required)",
                              "bad_list");
  Finish(out, meta);
  return out;
}

Result<LoadedList> ParseCustomJsonl(std::string_view text, const std::string& file,
                                    const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "custom_json";
  std::map<std::string, std::string> meta;
  std::string body = StripComments(text, meta);
  std::set<std::string> seen_ids;
  size_t b = 0;
  int line = 0;
  while (b < body.size()) {
    size_t e = body.find('\n', b);
    if (e == std::string::npos) e = body.size();
    std::string_view l = std::string_view(body).substr(b, e - b);
    b = e + 1;
    ++line;
    if (CleanField(l).empty()) continue;
    auto problem = [&](const std::string& why) {
      out.info.problems.push_back(file + ":" + std::to_string(line) + ": " + why);
    };
    nlohmann::json j = nlohmann::json::parse(l, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      problem("not valid JSON");
      continue;
    }
    if (!j.is_object()) {
      problem("expected a JSON object");
      continue;
    }
    std::map<std::string, std::vector<std::string>> f;
    std::string bad;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (!KnownColumns().count(k)) {
        bad = "unknown field '" + k + "'";
        break;
      }
      const auto& v = it.value();
      if (v.is_string()) {
        f[k].push_back(v.get<std::string>());
      } else if (v.is_number_integer() && k == "id") {
        f[k].push_back(std::to_string(v.get<long long>()));
      } else if (v.is_array()) {
        for (const auto& x : v) {
          if (!x.is_string()) {
            bad = "field '" + k + "' must hold strings";
            break;
          }
          f[k].push_back(x.get<std::string>());
        }
      } else if (v.is_object() && k == "ids") {
        for (auto x = v.begin(); x != v.end(); ++x) {
          if (!x.value().is_string()) {
            bad = "ids values must be strings";
            break;
          }
          f[k].push_back(x.key() + ":" + x.value().get<std::string>());
        }
      } else if (!v.is_null()) {
        bad = "field '" + k + "' has the wrong type";
      }
      if (!bad.empty()) break;
    }
    if (!bad.empty()) {
      problem(bad);
      continue;
    }
    Entity ent;
    ent.list = list_name;
    std::string why = FillEntity(f, ent);
    if (!why.empty()) {
      problem(why);
      continue;
    }
    if (!seen_ids.insert(ent.entity_id).second) {
      problem("duplicate id '" + ent.entity_id + "'");
      continue;
    }
    out.entities.push_back(std::move(ent));
  }
  Finish(out, meta);
  return out;
}

}  // namespace chokepoint::parties
