// UN Security Council consolidated list (XML).
#include <cctype>
#include <string>

#include "parties/loaders.h"
#include "parties/remarks.h"
#include "parties/xml.h"
#include "util/country.h"

namespace chokepoint::parties {
namespace {

void AddCountry(Entity& e, const std::string& name) {
  std::string c = CountryCode(name);
  if (!c.empty()) e.countries.push_back(c);
}

}  // namespace

Result<LoadedList> ParseUnXml(std::string_view text, const std::string& file,
                              const std::string& list_name) {
  auto doc = ParseXml(text);
  if (!doc.ok()) return Status::Corruption(file + ":" + doc.status().message(), "bad_list");
  const XmlNode& root = **doc;
  if (root.name != "CONSOLIDATED_LIST") {
    return Status::Corruption(file + ":" + std::to_string(root.line) +
                                  ": not a UN consolidated list (root <" + root.name + ">)",
                              "bad_list");
  }
  LoadedList out;
  out.info.name = list_name;
  out.info.format = "un_xml";
  auto gen = root.attrs.find("dateGenerated");
  out.info.version = gen == root.attrs.end() ? "unknown" : gen->second.substr(0, 10);
  for (const char* group : {"INDIVIDUALS", "ENTITIES"}) {
    const XmlNode* g = root.Child(group);
    if (!g) continue;
    bool person = std::string(group) == "INDIVIDUALS";
    for (const auto& n : g->children) {
      auto problem = [&](const std::string& why) {
        out.info.problems.push_back(file + ":" + std::to_string(n->line) + ": " + why);
      };
      Entity e;
      e.list = list_name;
      e.entity_id = n->ChildText("DATAID");
      e.type = person ? EntityType::kIndividual : EntityType::kEntity;
      for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
        std::string p = n->ChildText(part);
        if (!p.empty()) e.name += (e.name.empty() ? "" : " ") + p;
      }
      if (e.entity_id.empty()) {
        problem("<" + n->name + "> without DATAID");
        continue;
      }
      if (e.name.empty()) {
        problem("DATAID " + e.entity_id + " has no name");
        continue;
      }
      std::string original = n->ChildText("NAME_ORIGINAL_SCRIPT");
      if (!original.empty()) e.aliases.push_back(original);
      std::string list_type = n->ChildText("UN_LIST_TYPE");
      if (!list_type.empty()) e.programs.push_back(list_type);
      std::string ref = n->ChildText("REFERENCE_NUMBER");
      for (const auto& c : n->children) {
        const std::string& cn = c->name;
        if (cn == "INDIVIDUAL_ALIAS" || cn == "ENTITY_ALIAS") {
          std::string a = c->ChildText("ALIAS_NAME");
          if (a.empty()) continue;
          // "Low" quality aliases are weak (nicknames, partial names) but still screened.
          if (c->ChildText("QUALITY") == "Low")
            e.weak_aliases.push_back(a);
          else
            e.aliases.push_back(a);
        } else if (cn == "NATIONALITY") {
          for (const auto& v : c->children)
            if (v->name == "VALUE") AddCountry(e, v->text);
        } else if (cn == "INDIVIDUAL_ADDRESS" || cn == "ENTITY_ADDRESS") {
          std::string addr;
          for (const char* k : {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"}) {
            std::string p = c->ChildText(k);
            if (!p.empty()) addr += (addr.empty() ? "" : ", ") + p;
          }
          if (!addr.empty()) e.addresses.push_back(addr);
          AddCountry(e, c->ChildText("COUNTRY"));
        } else if (cn == "INDIVIDUAL_DATE_OF_BIRTH") {
          std::string d = c->ChildText("DATE");
          if (d.empty()) d = c->ChildText("YEAR");
          std::string p = ParseLooseDate(d);
          if (!p.empty()) e.dates_of_birth.push_back(p);
        } else if (cn == "INDIVIDUAL_DOCUMENT") {
          std::string num = c->ChildText("NUMBER");
          if (num.empty()) continue;
          std::string kind = c->ChildText("TYPE_OF_DOCUMENT");
          std::string lk;
          for (char ch : kind)
            lk += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          e.ids.push_back({lk.find("passport") != std::string::npos ? "passport"
                           : lk.empty()                             ? "id"
                                                                    : lk,
                           num, CountryCode(c->ChildText("ISSUING_COUNTRY"))});
        }
      }
      e.remarks = ref;
      out.entities.push_back(std::move(e));
    }
  }
  out.info.skipped = out.info.problems.size();
  Recount(out);
  return out;
}

}  // namespace chokepoint::parties
