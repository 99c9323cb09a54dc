#include "exchange/record.h"

#include <algorithm>
#include <set>

#include "util/date.h"

namespace chokepoint::exchange {

namespace {

Status Bad(const std::string& field, const std::string& what) {
  return Status::InvalidArgument(field + ": " + what, "bad_record");
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

const char* kWithheld =
    "business confidential (1988 Convention art. 12(11)); not shown to this role";

Status NonEmptyString(const Json& body, const std::string& name, size_t max = 2000) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty() ||
      it->get<std::string>().size() > max)
    return Bad("body." + name,
               "must be a non-empty string of at most " + std::to_string(max) + " bytes");
  return Status::OK();
}

Status Party(const Json& body, const std::string& name) {
  auto it = body.find(name);
  if (it != body.end() && it->is_string() && !it->get<std::string>().empty()) return Status::OK();
  if (it != body.end() && it->is_object())
    return NonEmptyString(*it, "name").WithContext("body." + name);
  return Bad(
      "body." + name,
      "must be a party: a name, or an object with \"name\" (and \"country\", \"address\" …)");
}

Status Number(const Json& body, const std::string& field, const std::string& name, bool positive) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number() || it->get<double>() < 0 ||
      (positive && it->get<double>() == 0))
    return Bad(field + name, positive ? "must be a number above 0" : "must be a number, 0 or more");
  return Status::OK();
}

Status StringArray(const Json& body, const std::string& field, const std::string& name,
                   bool required) {
  auto it = body.find(name);
  if (it == body.end())
    return required ? Bad(field + name, "is required (an array of strings)") : Status::OK();
  if (!it->is_array()) return Bad(field + name, "must be an array of strings");
  for (const auto& e : *it)
    if (!e.is_string() || e.get<std::string>().empty())
      return Bad(field + name, "must hold non-empty strings only");
  return Status::OK();
}

Status DateField(const Json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string() || !Date::Parse(it->get<std::string>()).ok())
    return Bad("body." + name, "must be a date YYYY-MM-DD");
  return Status::OK();
}

Status Body(const std::string& kind, const Json& body) {
  if (!body.is_object()) return Bad("body", "must be an object");
  if (kind == "notification") {
    // 1988 Convention art. 12(10)(a) fields, plus what PEN Online carries.
    for (const char* p : {"exporter", "importer", "consignee"}) CP_RETURN_IF_ERROR(Party(body, p));
    CP_RETURN_IF_ERROR(NonEmptyString(body, "substance"));
    CP_RETURN_IF_ERROR(Number(body, "body.", "quantity_kg", true));
    CP_RETURN_IF_ERROR(NonEmptyString(body, "point_of_entry"));
    CP_RETURN_IF_ERROR(DateField(body, "dispatch_date"));
    CP_RETURN_IF_ERROR(NonEmptyString(body, "hs_code", 20));
    CP_RETURN_IF_ERROR(NonEmptyString(body, "export_authorization", 200));
    CP_RETURN_IF_ERROR(StringArray(body, "body.", "transit_countries", false));
    auto d = body.find("reply_deadline");
    if (d == body.end() || !d->is_string() || !ValidTimestamp(d->get<std::string>()))
      return Bad("body.reply_deadline",
                 "must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ (or a date: the end of that day)");
  } else if (kind == "incident") {
    static const std::vector<std::string> kTypes = {"seizure", "stopped_shipment",
                                                    "diversion_attempt", "clandestine_lab"};
    auto t = body.find("incident_type");
    if (t == body.end() || !t->is_string() || !Contains(kTypes, t->get<std::string>()))
      return Bad("body.incident_type",
                 "must be seizure, stopped_shipment, diversion_attempt or clandestine_lab");
    CP_RETURN_IF_ERROR(DateField(body, "date"));
    auto s = body.find("substances");
    if (s == body.end() || !s->is_array() || s->empty())
      return Bad("body.substances",
                 "must be a non-empty array of {\"substance\", \"quantity_kg\"}");
    for (size_t i = 0; i < s->size(); ++i) {
      const Json& e = (*s)[i];
      std::string f = "body.substances[" + std::to_string(i) + "]";
      if (!e.is_object()) return Bad(f, "must be an object {\"substance\", \"quantity_kg\"}");
      CP_RETURN_IF_ERROR(NonEmptyString(e, "substance").WithContext(f));
      if (e.contains("quantity_kg")) CP_RETURN_IF_ERROR(Number(e, f + ".", "quantity_kg", false));
    }
    CP_RETURN_IF_ERROR(StringArray(body, "body.", "route", false));
    CP_RETURN_IF_ERROR(StringArray(body, "body.", "links", false));
    if (body.contains("parties")) {
      const Json& p = body["parties"];
      if (!p.is_array()) return Bad("body.parties", "must be an array of parties");
      for (size_t i = 0; i < p.size(); ++i) {
        if (!p[i].is_object())
          return Bad("body.parties[" + std::to_string(i) + "]", "must be an object with \"name\"");
        CP_RETURN_IF_ERROR(
            NonEmptyString(p[i], "name").WithContext("body.parties[" + std::to_string(i) + "]"));
      }
    }
    if (body.contains("modus_operandi"))
      CP_RETURN_IF_ERROR(NonEmptyString(body, "modus_operandi", 20000));
  } else if (kind == "lead") {
    auto s = body.find("subjects");
    if (s == body.end() || !s->is_object())
      return Bad(
          "body.subjects",
          "must be an object of arrays: parties, addresses, phones, emails, wallets, websites");
    size_t n = 0;
    for (auto it = s->begin(); it != s->end(); ++it) {
      static const std::vector<std::string> kKeys = {"parties", "addresses", "phones",
                                                     "emails",  "wallets",   "websites"};
      if (!Contains(kKeys, it.key()))
        return Bad("body.subjects." + it.key(),
                   "unknown subject kind (parties, addresses, phones, emails, wallets, websites)");
      if (!it->is_array()) return Bad("body.subjects." + it.key(), "must be an array");
      for (const auto& e : *it)
        if (!(e.is_string() && !e.get<std::string>().empty()) &&
            !(e.is_object() && e.contains("name")))
          return Bad("body.subjects." + it.key(), "must hold strings (or parties with \"name\")");
      n += it->size();
    }
    if (n == 0) return Bad("body.subjects", "must name at least one subject");
    CP_RETURN_IF_ERROR(StringArray(body, "body.", "substances", false));
    CP_RETURN_IF_ERROR(NonEmptyString(body, "evidence_summary", 20000));
  } else if (kind == "report") {
    CP_RETURN_IF_ERROR(NonEmptyString(body, "order_id", 200));
    if (!body.contains("report") || !body["report"].is_object())
      return Bad("body.report", "must be the suspicious-order report of a decided order");
  }
  return Status::OK();
}

Status Audience(const Json& to) {
  if (!to.is_array() || to.empty() || to.size() > 64)
    return Bad("to", "must be an array of 1 to 64 authority codes");
  std::set<std::string> seen;
  for (const auto& t : to) {
    if (!t.is_string() || !ValidAuthority(t.get<std::string>()))
      return Bad("to", "holds an invalid authority code (A-Z, 0-9, '-', '_'; 2 to 32 characters)");
    if (!seen.insert(t.get<std::string>()).second)
      return Bad("to", "names " + t.get<std::string>() + " twice");
  }
  return Status::OK();
}

Status Handling(const Json& h, const std::string& tlp) {
  if (!h.is_object())
    return Bad("handling", "must be an object of booleans: read, act, evidence, re_share");
  for (auto it = h.begin(); it != h.end(); ++it) {
    static const std::vector<std::string> kKeys = {"read", "act", "evidence", "re_share"};
    if (!Contains(kKeys, it.key()))
      return Bad("handling." + it.key(), "unknown permission (read, act, evidence, re_share)");
    if (!it->is_boolean()) return Bad("handling." + it.key(), "must be true or false");
  }
  if (h.value("read", true) != true)
    return Bad("handling.read", "a record is always readable by its audience");
  if (h.value("re_share", false) && (tlp == "red" || tlp == "amber+strict"))
    return Bad("handling.re_share",
               "TLP:" + tlp + " forbids re-sharing beyond the addressed authorities");
  return Status::OK();
}

Status Confidential(const Json& c, const Json& body) {
  if (!c.is_array()) return Bad("confidential", "must be an array of body field names");
  for (const auto& f : c)
    if (!f.is_string() || !body.contains(f.get<std::string>()))
      return Bad("confidential", "names a field the body does not have");
  return Status::OK();
}

struct Rule {
  const char* kind;
  std::vector<std::string> from;
  const char* type;
  Side side;
  const char* to;
};

// The transition tables. "sent" is a track whose recipient has not yet receipted; every
// transition allowed from "received"/"delivered" is allowed from "sent" too, since a receipt
// may travel behind the recipient's first event.
const std::vector<Rule>& Rules() {
  using S = Side;
  static const std::vector<Rule> k = {
      {"notification", {"sent", "received"}, "acknowledge", S::kRecipient, "acknowledged"},
      {"notification", {"sent", "received", "acknowledged"}, "clear", S::kRecipient, "cleared"},
      {"notification", {"sent", "received", "acknowledged"}, "object", S::kRecipient, "objected"},
      {"notification",
       {"sent", "received", "acknowledged"},
       "request_info",
       S::kRecipient,
       "info_requested"},
      {"notification", {"info_requested"}, "clear", S::kRecipient, "cleared"},
      {"notification", {"info_requested"}, "object", S::kRecipient, "objected"},
      {"notification", {"cleared"}, "shipped", S::kOriginator, "shipped"},
      {"notification", {"shipped"}, "arrived", S::kRecipient, "arrived"},

      {"incident", {"sent", "received"}, "acknowledge", S::kRecipient, "acknowledged"},
      {"incident",
       {"sent", "received", "acknowledged"},
       "request_info",
       S::kRecipient,
       "info_requested"},
      {"incident", {"info_requested"}, "acknowledge", S::kRecipient, "acknowledged"},
      {"incident",
       {"sent", "received", "acknowledged", "info_requested"},
       "close",
       S::kOriginator,
       "closed"},

      {"lead", {"sent", "delivered"}, "acknowledge", S::kRecipient, "acknowledged"},
      {"lead", {"acknowledged"}, "under_review", S::kRecipient, "under_review"},
      {"lead",
       {"acknowledged", "under_review", "action_taken"},
       "action_taken",
       S::kRecipient,
       "action_taken"},
      {"lead", {"action_taken", "outcome"}, "outcome", S::kRecipient, "outcome"},
      {"lead", {"action_taken", "outcome"}, "close", S::kRecipient, "closed"},
      {"lead",
       {"sent", "delivered", "acknowledged", "under_review"},
       "decline",
       S::kRecipient,
       "declined"},

      {"report", {"sent", "received"}, "acknowledge", S::kRecipient, "acknowledged"},
      {"report",
       {"sent", "received", "acknowledged"},
       "request_info",
       S::kRecipient,
       "info_requested"},
      {"report", {"acknowledged", "info_requested"}, "under_review", S::kRecipient, "under_review"},
      {"report", {"acknowledged", "under_review"}, "action_taken", S::kRecipient, "action_taken"},
      {"report",
       {"sent", "received", "acknowledged", "under_review"},
       "decline",
       S::kRecipient,
       "declined"},
      {"report",
       {"acknowledged", "under_review", "action_taken"},
       "close",
       S::kRecipient,
       "closed"},
  };
  return k;
}

bool IsReply(const std::string& type) {
  return type == "clear" || type == "object" || type == "request_info";
}

}  // namespace

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> k = {"notification", "incident", "lead", "report"};
  return k;
}
const std::vector<std::string>& TlpLabels() {
  static const std::vector<std::string> k = {"clear", "green", "amber", "amber+strict", "red"};
  return k;
}
const std::vector<std::string>& EventTypes() {
  static const std::vector<std::string> k = {
      "acknowledge", "clear",   "object", "request_info", "under_review", "action_taken",
      "outcome",     "decline", "close",  "shipped",      "arrived"};
  return k;
}
const std::vector<std::string>& LeadActions() {
  static const std::vector<std::string> k = {"inspection", "investigation", "seizure",
                                             "licence_revoked", "website_taken_down"};
  return k;
}

Status ValidateDraft(RecordDraft* d) {
  if (!Contains(Kinds(), d->kind))
    return Bad("kind", "must be notification, incident, lead or report");
  CP_RETURN_IF_ERROR(Audience(Json(d->to)));
  if (!Contains(TlpLabels(), d->tlp))
    return Bad("tlp", "must be clear, green, amber, amber+strict or red (TLP 2.0)");
  if (d->handling.is_null()) d->handling = Json::object();
  CP_RETURN_IF_ERROR(Handling(d->handling, d->tlp));
  Json h = {{"read", true},
            {"act", d->handling.value("act", true)},
            {"evidence", d->handling.value("evidence", false)},
            {"re_share", d->handling.value("re_share", false)}};
  d->handling = std::move(h);
  if (d->kind == "notification" && d->body.is_object() && d->body.contains("reply_deadline") &&
      d->body["reply_deadline"].is_string() &&
      Date::Parse(d->body["reply_deadline"].get<std::string>()).ok())
    d->body["reply_deadline"] = d->body["reply_deadline"].get<std::string>() + "T23:59:59Z";
  CP_RETURN_IF_ERROR(Body(d->kind, d->body));
  return Confidential(Json(d->confidential), d->body);
}

Status ValidateRecord(const Json& r) {
  if (!r.is_object()) return Bad("record", "must be an object");
  for (const char* f : {"id", "kind", "originator", "tlp", "created_at"})
    if (!r.contains(f) || !r[f].is_string())
      return Bad(std::string("record.") + f, "must be a string");
  std::string kind = r["kind"], tlp = r["tlp"];
  if (!Contains(Kinds(), kind))
    return Bad("record.kind", "must be notification, incident, lead or report");
  if (!Contains(TlpLabels(), tlp)) return Bad("record.tlp", "must be a TLP 2.0 label");
  if (!ValidAuthority(r["originator"].get<std::string>()))
    return Bad("record.originator", "invalid authority code");
  if (r["id"].get<std::string>().rfind(r["originator"].get<std::string>() + "-", 0) != 0)
    return Bad("record.id", "must start with the originator's code");
  if (!ValidTimestamp(r["created_at"].get<std::string>()))
    return Bad("record.created_at", "must be a UTC timestamp");
  if (!r.contains("to")) return Bad("record.to", "is required");
  CP_RETURN_IF_ERROR(Audience(r["to"]));
  if (!r.contains("handling")) return Bad("record.handling", "is required");
  CP_RETURN_IF_ERROR(Handling(r["handling"], tlp));
  if (!r.contains("body")) return Bad("record.body", "is required");
  CP_RETURN_IF_ERROR(Body(kind, r["body"]));
  return Confidential(r.value("confidential", Json::array()), r["body"]);
}

Json Redacted(const Json& record) {
  Json out = record;
  if (!out.contains("confidential") || !out["confidential"].is_array() || !out.contains("body"))
    return out;
  for (const auto& f : out["confidential"])
    if (f.is_string() && out["body"].contains(f.get<std::string>()))
      out["body"][f.get<std::string>()] = {{"withheld", kWithheld}};
  return out;
}

std::vector<std::string> Substances(const std::string& kind, const Json& body) {
  std::vector<std::string> out;
  if (kind == "notification" && body.contains("substance") && body["substance"].is_string())
    out.push_back(body["substance"]);
  if (kind == "incident" && body.contains("substances") && body["substances"].is_array())
    for (const auto& s : body["substances"])
      if (s.is_object() && s.contains("substance") && s["substance"].is_string())
        out.push_back(s["substance"]);
  if (kind == "lead" && body.contains("substances") && body["substances"].is_array())
    for (const auto& s : body["substances"])
      if (s.is_string()) out.push_back(s);
  return out;
}

std::string Summary(const std::string& kind, const Json& body) {
  auto text = [&](const Json& j, const char* f) -> std::string {
    if (!j.contains(f)) return "";
    const Json& v = j[f];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) {
      Json copy = v;
      return copy.dump();
    }
    if (v.is_object() && v.contains("name") && v["name"].is_string())
      return v["name"].get<std::string>();
    if (v.is_object() && v.contains("withheld")) return "[withheld]";
    return "";
  };
  if (kind == "notification")
    return text(body, "substance") + ", " + text(body, "quantity_kg") + " kg, dispatch " +
           text(body, "dispatch_date") + ", entry " + text(body, "point_of_entry");
  if (kind == "incident") {
    std::string s = text(body, "incident_type") + " on " + text(body, "date");
    if (body.contains("substances") && body["substances"].is_array() && !body["substances"].empty())
      s += ": " + text(body["substances"][0], "substance");
    return s;
  }
  if (kind == "lead") {
    size_t n = 0;
    std::string first;
    if (body.contains("subjects") && body["subjects"].is_object())
      for (const auto& [k, v] : body["subjects"].items())
        if (v.is_array())
          for (const auto& e : v) {
            ++n;
            if (first.empty()) first = e.is_string() ? e.get<std::string>() : text(e, "name");
          }
    if (body.contains("subjects") && body["subjects"].is_object() &&
        body["subjects"].contains("withheld"))
      return "subjects [withheld]";
    return std::to_string(n) + (n == 1 ? " subject: " : " subjects: ") + first;
  }
  if (kind == "report") return "suspicious order " + text(body, "order_id");
  return "";
}

Status ValidateEventDraft(const EventDraft& e) {
  if (!Contains(EventTypes(), e.type))
    return Status::InvalidArgument(
        "type: must be one of acknowledge, clear, object, request_info, under_review, "
        "action_taken, outcome, decline, close, shipped, arrived",
        "bad_event");
  if (e.note.size() > 4000) return Status::InvalidArgument("note: at most 4000 bytes", "bad_event");
  if ((e.type == "decline" || e.type == "object" || e.type == "request_info") && e.note.empty())
    return Status::InvalidArgument(
        "note: a " + e.type + " event needs a note saying why (or what is asked)", "bad_event");
  if (e.type == "action_taken" && !Contains(LeadActions(), e.action))
    return Status::InvalidArgument(
        "action: action_taken needs one of inspection, investigation, seizure, licence_revoked, "
        "website_taken_down",
        "bad_event");
  if (e.type != "action_taken" && !e.action.empty())
    return Status::InvalidArgument("action: only an action_taken event carries an action",
                                   "bad_event");
  if (e.type == "outcome") {
    if (!e.outcome || !e.outcome->is_object())
      return Status::InvalidArgument(
          "outcome: an outcome event needs {\"arrests\", \"prosecutions\", \"convictions\", "
          "\"seized_kg\"}",
          "bad_event");
    for (auto it = e.outcome->begin(); it != e.outcome->end(); ++it) {
      bool count = it.key() == "arrests" || it.key() == "prosecutions" || it.key() == "convictions";
      if (!count && it.key() != "seized_kg")
        return Status::InvalidArgument(
            "outcome." + it.key() +
                ": unknown figure (arrests, prosecutions, convictions, seized_kg)",
            "bad_event");
      if (count
              ? !(it->is_number_unsigned() || (it->is_number_integer() && it->get<int64_t>() >= 0))
              : !(it->is_number() && it->get<double>() >= 0))
        return Status::InvalidArgument(
            "outcome." + it.key() +
                (count ? ": must be a whole number, 0 or more" : ": must be a number, 0 or more"),
            "bad_event");
    }
  } else if (e.outcome) {
    return Status::InvalidArgument("outcome: only an outcome event carries figures", "bad_event");
  }
  if (!e.track.empty() && !ValidAuthority(e.track))
    return Status::InvalidArgument("track: an authority code", "bad_event");
  return Status::OK();
}

Json EventJson(const std::string& record_id, const std::string& by, const EventDraft& e) {
  Json j;
  j["record_id"] = record_id;
  j["type"] = e.type;
  j["by"] = by;
  if (!e.track.empty()) j["track"] = e.track;
  if (!e.note.empty()) j["note"] = e.note;
  if (!e.action.empty()) j["action"] = e.action;
  if (e.outcome) {
    Json o;
    for (const char* f : {"arrests", "prosecutions", "convictions"})
      o[f] = e.outcome->value(f, int64_t{0});
    o["seized_kg"] = e.outcome->value("seized_kg", 0.0);
    j["outcome"] = o;
  }
  return j;
}

Status ValidateEvent(const Json& ev) {
  if (!ev.is_object()) return Status::InvalidArgument("event: must be an object", "bad_event");
  for (const char* f : {"record_id", "type", "by"})
    if (!ev.contains(f) || !ev[f].is_string())
      return Status::InvalidArgument(std::string("event.") + f + ": must be a string", "bad_event");
  EventDraft d;
  d.type = ev["type"];
  if (ev.contains("note")) {
    if (!ev["note"].is_string())
      return Status::InvalidArgument("event.note: must be a string", "bad_event");
    d.note = ev["note"];
  }
  if (ev.contains("action")) {
    if (!ev["action"].is_string())
      return Status::InvalidArgument("event.action: must be a string", "bad_event");
    d.action = ev["action"];
  }
  if (ev.contains("track")) {
    if (!ev["track"].is_string())
      return Status::InvalidArgument("event.track: must be a string", "bad_event");
    d.track = ev["track"];
  }
  if (ev.contains("outcome")) d.outcome = ev["outcome"];
  return ValidateEventDraft(d);
}

std::optional<std::string> Next(const std::string& kind, const std::string& state,
                                const std::string& type, Side side) {
  for (const Rule& r : Rules())
    if (kind == r.kind && type == r.type && side == r.side && Contains(r.from, state))
      return std::string(r.to);
  return std::nullopt;
}

bool SideMaySend(const std::string& kind, const std::string& type, Side side) {
  for (const Rule& r : Rules())
    if (kind == r.kind && type == r.type && side == r.side) return true;
  return false;
}

std::vector<std::string> AllowedEvents(const std::string& kind, const std::string& state,
                                       Side side) {
  std::vector<std::string> out;
  for (const Rule& r : Rules())
    if (kind == r.kind && side == r.side && Contains(r.from, state) && !Contains(out, r.type))
      out.push_back(r.type);
  return out;
}

std::string RawTrackState(const std::string& kind, bool delivered,
                          const std::vector<TrackEvent>& events) {
  std::string s = delivered ? (kind == "lead" ? "delivered" : "received") : "sent";
  for (const auto& e : events)
    if (auto n = Next(kind, s, e.type, e.side)) s = *n;
  return s;
}

std::optional<int64_t> ReplyDeadlineMs(const Json& record) {
  if (record.value("kind", "") != "notification" || !record.contains("body")) return std::nullopt;
  const Json& b = record["body"];
  if (!b.contains("reply_deadline") || !b["reply_deadline"].is_string() ||
      !ValidTimestamp(b["reply_deadline"].get<std::string>()))
    return std::nullopt;
  return TimestampMs(b["reply_deadline"].get<std::string>());
}

std::string TrackState(const Json& record, bool delivered, const std::vector<TrackEvent>& events,
                       int64_t now_ms) {
  std::string kind = record.value("kind", "");
  std::string s = RawTrackState(kind, delivered, events);
  if (kind == "notification" && (s == "sent" || s == "received" || s == "acknowledged")) {
    bool replied = std::any_of(events.begin(), events.end(),
                               [](const TrackEvent& e) { return IsReply(e.type); });
    auto deadline = ReplyDeadlineMs(record);
    if (!replied && deadline && now_ms > *deadline) return "expired";
  }
  return s;
}

std::vector<std::string> EventAudience(const Json& record, const std::string& by) {
  std::string originator = record.value("originator", "");
  std::vector<std::string> to;
  for (const auto& t : record.value("to", Json::array())) to.push_back(t.get<std::string>());
  if (by == originator) return to;
  std::vector<std::string> out = {originator};
  if (record.value("kind", "") == "incident")
    for (const auto& t : to)
      if (t != by) out.push_back(t);
  return out;
}

}  // namespace chokepoint::exchange
