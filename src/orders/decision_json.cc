#include "orders/decision_json.h"

#include <cmath>

namespace chokepoint::orders {

Json ReasonToJson(const Reason& r) {
  Json j;
  j["rule"] = r.rule;
  j["severity"] = SeverityName(r.severity);
  j["source"] = r.source;
  j["explanation"] = r.explanation;
  if (r.item >= 0) j["item"] = r.item + 1;
  if (!r.party_role.empty()) j["party"] = r.party_role;
  return j;
}

namespace {

double Round(double v, double scale) { return std::round(v * scale) / scale; }

Json ItemToJson(const Item& it, const ItemResult& r) {
  Json j;
  j["item"] = r.index + 1;
  if (it.is_equipment) {
    j["kind"] = "equipment";
    j["equipment"] = it.equipment;
    j["quantity"] = it.quantity;
    if (!it.make.empty()) j["make"] = it.make;
    if (!it.model.empty()) j["model"] = it.model;
    if (!it.serial.empty()) j["serial"] = it.serial;
    j["verdict"] = r.verdict;
    return j;
  }
  j["kind"] = "chemical";
  j["input"] = it.substance;
  j["name"] = r.name.empty() ? Json(nullptr) : Json(r.name);
  j["smiles"] = r.smiles.empty() ? Json(nullptr) : Json(r.smiles);
  j["quantity"] = it.quantity;
  j["unit"] = UnitName(it.unit);
  j["kg"] = Round(r.kg, 1e6);
  j["verdict"] = r.verdict;
  j["category"] = rules::CategoryName(r.worst);
  if (!r.identified) {
    j["error"] = {{"code", r.error_code}, {"message", r.error_message}};
    return j;
  }
  Json st = Json::object();
  for (const Reading& rd : r.readings) {
    Json s;
    s["role"] = rd.role;
    s["reading"] = rd.strictest ? "strictest" : "rulebook";
    s["rulebook"] = rd.rulebook.empty() ? Json(nullptr) : Json(rd.rulebook);
    s["category"] = rules::CategoryName(rd.status.category);
    if (rd.status.category != rules::Category::kNone) {
      s["listing"] = rd.status.listing;
      s["basis"] = rd.status.basis;
      s["rule"] = rd.status.rule;
      s["citation"] = rd.status.citation;
      s["effective"] = rd.status.effective;
    }
    st[rd.country] = std::move(s);
  }
  j["status"] = std::move(st);
  Json flags = Json::array();
  for (const auto& f : r.flags) flags.push_back({{"type", f.type}, {"target", f.target}});
  j["flags"] = std::move(flags);
  return j;
}

Json PartyToJson(const PartyResult& p) {
  Json j;
  j["role"] = p.role;
  j["name"] = p.party.name;
  j["country"] = p.party.country.empty() ? Json(nullptr) : Json(p.party.country);
  Json hits = Json::array();
  for (const auto& h : p.hits) {
    Json x;
    x["list"] = h.list;
    x["entity_id"] = h.entity_id;
    x["name"] = h.name;
    x["matched_name"] = h.matched_name;
    x["score"] = Round(h.score, 1e4);
    x["programs"] = h.programs;
    x["explanation"] = h.explanation;
    hits.push_back(std::move(x));
  }
  j["hits"] = std::move(hits);
  if (!p.note.empty()) j["note"] = p.note;
  return j;
}

}  // namespace

Json DecisionToJson(int line, const Prepared& p, const DecisionResult& d) {
  Json j;
  j["line"] = line;
  j["id"] = p.order.id;
  j["ok"] = true;
  j["error"] = nullptr;
  j["decision"] = DecisionName(d.decision);
  j["score"] = Round(d.score, 1e4);
  Json reasons = Json::array();
  for (const auto& r : d.reasons) reasons.push_back(ReasonToJson(r));
  j["reasons"] = std::move(reasons);
  Json items = Json::array();
  for (size_t i = 0; i < p.eval.items.size(); ++i)
    items.push_back(ItemToJson(p.order.items[i], p.eval.items[i]));
  j["items"] = std::move(items);
  Json parties = Json::array();
  for (const auto& pr : p.eval.parties) parties.push_back(PartyToJson(pr));
  j["parties"] = std::move(parties);
  if (!p.eval.notes.empty()) j["notes"] = p.eval.notes;
  return j;
}

std::string EvaluationTail(const Prepared& p) {
  Json items = Json::array();
  for (size_t i = 0; i < p.eval.items.size(); ++i)
    items.push_back(ItemToJson(p.order.items[i], p.eval.items[i]));
  Json parties = Json::array();
  for (const auto& pr : p.eval.parties) parties.push_back(PartyToJson(pr));
  std::string tail = ",\"items\":" + items.dump() + ",\"parties\":" + parties.dump();
  if (!p.eval.notes.empty()) tail += ",\"notes\":" + Json(p.eval.notes).dump();
  return tail + "}";
}

std::string DecisionRecord(int line, const std::string& id, const DecisionResult& d,
                           const std::string& tail) {
  Json head;
  head["line"] = line;
  head["id"] = id;
  head["ok"] = true;
  head["error"] = nullptr;
  head["decision"] = DecisionName(d.decision);
  head["score"] = Round(d.score, 1e4);
  Json reasons = Json::array();
  for (const auto& r : d.reasons) reasons.push_back(ReasonToJson(r));
  head["reasons"] = std::move(reasons);
  std::string s = head.dump();
  s.pop_back();  // the closing brace; the tail closes the object
  return s + tail;
}

Json ErrorToJson(int line, const std::string& id, const Status& error) {
  Json j;
  j["line"] = line;
  j["id"] = id.empty() ? Json(nullptr) : Json(id);
  j["ok"] = false;
  j["error"] = {{"code", error.tag()}, {"message", error.message()}};
  j["decision"] = nullptr;
  j["reasons"] = Json::array();
  j["items"] = Json::array();
  j["parties"] = Json::array();
  return j;
}

}  // namespace chokepoint::orders
