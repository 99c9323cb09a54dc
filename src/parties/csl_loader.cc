// US Consolidated Screening List CSV (trade.gov export).
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parties/loaders.h"
#include "parties/remarks.h"
#include "util/country.h"
#include "util/csv.h"

namespace chokepoint::parties {
namespace {

// One data row, its columns by header name.
struct CslRow {
  const std::map<std::string, size_t>& col;
  const std::vector<std::string>& fields;
  std::string Get(const char* c) const {
    auto it = col.find(c);
    return it == col.end() ? "" : CleanField(fields[it->second]);
  }
};

// The identifier kind of a CSL id type ("Unified Social Credit Code (USCC)" → "uscc"); other
// types are kept, lower-cased.
std::string IdKind(const std::string& lk) {
  auto has = [&](const char* w) { return lk.find(w) != std::string::npos; };
  if (has("uscc") || has("unified social")) return "uscc";
  if (has("email")) return "email";
  if (has("website")) return "website";
  if (has("phone")) return "phone";
  if (has("digital currency")) return "crypto";
  if (has("passport")) return "passport";
  return lk;
}

// ids: "Type, number, country; Type, number; …". CMIC rows spell the issuer's name variants
// here ("Issuer Name"), which become aliases; dates, target types, tickers and listings are
// not identifiers.
void AddIds(const std::string& ids, Entity& e) {
  for (const auto& item : SplitField(ids)) {
    size_t c1 = item.find(", ");
    if (c1 == std::string::npos) continue;
    std::string kind = item.substr(0, c1), rest = item.substr(c1 + 2);
    std::string country;
    size_t c2 = rest.rfind(", ");
    if (c2 != std::string::npos) {
      country = CountryCode(rest.substr(c2 + 2));
      if (!country.empty()) rest = rest.substr(0, c2);
    }
    std::string lk;
    for (char ch : kind) lk += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lk.find("issuer name") != std::string::npos) {
      e.aliases.push_back(rest);
      continue;
    }
    if (lk.find("date") != std::string::npos || lk.find("target type") != std::string::npos ||
        lk.find("ticker") != std::string::npos || lk.find("listing") != std::string::npos)
      continue;
    e.ids.push_back({IdKind(lk), CleanField(rest), country});
  }
}

// Countries from the addresses, nationalities and citizenships, in that order.
void AddCountries(const CslRow& row, Entity& e) {
  for (const auto& a : e.addresses) {
    std::string c = CountryOfAddress(a);
    if (!c.empty()) e.countries.push_back(c);
  }
  for (const char* k : {"nationalities", "citizenships"}) {
    for (const auto& n : SplitField(row.Get(k))) {
      std::string c = CountryCode(n);
      if (!c.empty()) e.countries.push_back(c);
    }
  }
}

// The entity of one data row, or the reason the row is skipped.
std::optional<Entity> RowEntity(const CslRow& row, const std::string& list_name, std::string& why) {
  Entity e;
  e.list = list_name;
  e.entity_id = row.Get("entity_number");
  if (e.entity_id.empty()) e.entity_id = row.Get("_id");
  e.name = row.Get("name");
  if (e.name.empty())
    why = "empty name";
  else if (e.entity_id.empty())
    why = "no entity_number or _id";
  if (!why.empty()) return std::nullopt;
  e.type = ParseEntityType(row.Get("type"));
  if (e.type == EntityType::kUnknown) e.type = EntityType::kEntity;
  e.programs = SplitField(row.Get("programs"));
  std::string source = row.Get("source");
  if (!source.empty()) {
    // "Entity List (EL) - Bureau of Industry and Security" → keep the short list name.
    e.programs.insert(e.programs.begin(), source.substr(0, source.find(" - ")));
  }
  e.aliases = SplitField(row.Get("alt_names"));
  e.addresses = SplitField(row.Get("addresses"));
  AddCountries(row, e);
  for (const auto& d : SplitField(row.Get("dates_of_birth"))) {
    std::string p = ParseLooseDate(d);
    if (!p.empty()) e.dates_of_birth.push_back(p);
  }
  AddIds(row.Get("ids"), e);
  e.remarks = row.Get("remarks");
  return e;
}

}  // namespace

Result<LoadedList> ParseCsl(std::string_view text, const std::string& file,
                            const std::string& list_name) {
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "csl_csv";
  CsvReader r(text);
  CsvRecord rec;
  std::vector<std::string> header;
  std::map<std::string, size_t> col;
  std::string latest;  // the newest start_date: the list's version
  auto problem = [&](int line, const std::string& why) {
    out.info.problems.push_back(file + ":" + std::to_string(line) + ": " + why);
  };
  while (r.Next(rec)) {
    if (header.empty()) {
      header = rec.fields;
      for (size_t i = 0; i < header.size(); ++i) col[CleanField(header[i])] = i;
      for (const char* need : {"name", "entity_number", "type"}) {
        if (!col.count(need)) {
          return Status::Corruption(file + ":" + std::to_string(rec.line) +
                                        ": not a Consolidated Screening List CSV (no '" + need +
                                        "' column)",
                                    "bad_list");
        }
      }
      continue;
    }
    if (rec.fields == header) {
      problem(rec.line, "repeated header row skipped");
      continue;
    }
    if (!rec.error.empty()) {
      problem(rec.line, rec.error);
      continue;
    }
    if (rec.fields.size() != header.size()) {
      problem(rec.line, "expected " + std::to_string(header.size()) + " fields, found " +
                            std::to_string(rec.fields.size()));
      continue;
    }
    CslRow row{col, rec.fields};
    std::string why;
    std::optional<Entity> e = RowEntity(row, list_name, why);
    if (!e) {
      problem(rec.line, why);
      continue;
    }
    std::string start = row.Get("start_date");
    if (start.size() >= 10 && start.substr(0, 10) > latest) latest = start.substr(0, 10);
    out.entities.push_back(std::move(*e));
  }
  if (header.empty()) return Status::Corruption(file + ": empty file", "bad_list");
  out.info.version = latest.empty() ? "unknown" : latest;
  out.info.skipped = out.info.problems.size();
  Recount(out);
  return out;
}

}  // namespace chokepoint::parties
