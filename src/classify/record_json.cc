#include "classify/record_json.h"

namespace chokepoint::classify {
namespace {

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json StatusToJson(const JurisdictionStatus& st) {
  Json j;
  j["category"] = rules::CategoryName(st.category);
  j["listing"] = OrNull(st.listing);
  j["basis"] = OrNull(st.basis);
  j["rule"] = OrNull(st.rule);
  if (!st.code.empty()) j["code"] = st.code;
  j["citation"] = OrNull(st.citation);
  j["effective"] = OrNull(st.effective);
  if (!st.in_force_by.empty()) j["in_force_by"] = st.in_force_by;
  if (!st.end.empty()) j["end"] = st.end;
  j["explanation"] = st.explanation;
  if (!st.modifications.empty()) j["modifications"] = st.modifications;
  if (!st.also.empty()) j["also"] = st.also;
  j["rulebook_version"] = st.rulebook_version;
  return j;
}

Json FlagToJson(const Flag& f) {
  Json j;
  j["type"] = f.type;
  j["target"] = f.target;
  j["jurisdictions"] = f.jurisdictions;
  j["score"] = f.score;
  j["explanation"] = f.explanation;
  if (!f.path.empty()) j["path"] = f.path;
  if (!f.target_smiles.empty()) j["target_smiles"] = f.target_smiles;
  if (!f.nearest.empty()) {
    Json nearest = Json::array();
    for (const auto& n : f.nearest) {
      Json x;
      x["name"] = n.name;
      x["rule"] = n.rule;
      x["smiles"] = n.smiles;
      x["score"] = n.score;
      x["jurisdictions"] = n.jurisdictions;
      nearest.push_back(x);
    }
    j["nearest"] = nearest;
  }
  return j;
}

Json RecordToJson(const Record& r) {
  Json j;
  j["line"] = r.line;
  j["input"] = r.input;
  j["input_type"] = chem::InputTypeName(r.input_type);
  j["ok"] = r.ok;
  if (r.ok) {
    j["error"] = nullptr;
  } else {
    Json e;
    e["code"] = r.error.tag();
    e["message"] = r.error.message();
    if (!r.suggestions.empty()) e["suggestions"] = r.suggestions;
    j["error"] = e;
  }
  if (r.ok) {
    Json s;
    s["name"] = OrNull(r.substance.name);
    s["smiles"] = r.substance.smiles;
    if (!r.substance.inchi.empty()) s["inchi"] = r.substance.inchi;
    s["inchikey"] = OrNull(r.substance.inchikey);
    s["formula"] = r.substance.formula;
    Json removed = Json::array();
    for (const auto& f : r.substance.removed) {
      Json x;
      x["name"] = OrNull(f.name);
      x["smiles"] = f.smiles;
      x["role"] = f.role;
      x["count"] = f.count;
      removed.push_back(x);
    }
    s["removed"] = removed;
    if (!r.substance.notes.empty()) s["notes"] = r.substance.notes;
    j["substance"] = s;
    Json status = Json::object();
    for (const auto& [jur, st] : r.status) status[jur] = StatusToJson(st);
    j["status"] = status;
    Json flags = Json::array();
    for (const auto& f : r.flags) flags.push_back(FlagToJson(f));
    j["flags"] = flags;
  } else {
    j["substance"] = nullptr;
    j["status"] = Json::object();
    j["flags"] = Json::array();
  }
  j["verdict"] = r.verdict;
  return j;
}

}  // namespace chokepoint::classify
