// The cooperation exchange's routes (docs/exchange.md): inbound delivery between nodes,
// authenticated by the envelope's signature instead of a bearer token, and the user routes
// over records, events, indicators, the outbox and the peers.
//
// Only the organization the node's authority is bound to (exchange init --org) sees the
// exchange; any other organization's token gets the same 404 as a node without exchange, so
// nothing tells it whether a record exists. Business-confidential fields are shown to
// analysts and admins only.
#include <algorithm>
#include <iostream>
#include <set>

#include "classify/record_json.h"
#include "exchange/indicators.h"
#include "orders/report.h"
#include "server/requests.h"
#include "server/server_impl.h"
#include "util/hash.h"

namespace chokepoint::server {

namespace {

Reply InternalError(const Status& s) {
  return Reply::Of({500, "internal", "internal error: " + s.message(), ""});
}

Reply FromStatus(const Status& s, const std::string& field = "") {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return Reply::Of({400, s.tag(), s.message(), field});
    case StatusCode::kNotFound:
      return Reply::Of({404, "not_found", s.message(), field});
    case StatusCode::kFailedPrecondition:
      return Reply::Of({409, s.tag(), s.message(), field});
    default:
      return InternalError(s);
  }
}

bool MaySeeConfidential(const access::Principal& who) {
  return who.role == access::Role::kAdmin || who.role == access::Role::kAnalyst;
}

// Record ids in paths: "<AUTHORITY>-<ULID>", printable, no '/'.
bool ValidRecordId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == 0x7f) return false;
  return true;
}

}  // namespace

std::optional<Reply> Server::Impl::ExchangeGate(const Call& c, exchange::NodeInfo* node) {
  static const Problem kNone{404, "not_found", "no exchange for this organization on this node",
                             ""};
  if (!exchange) return Reply::Of(kNone);
  auto n = exchange->Node();
  if (!n.ok()) {
    if (n.status().code() == StatusCode::kNotFound) return Reply::Of(kNone);
    return InternalError(n.status());
  }
  if (!c.who || c.who->org_id != n->org_id) return Reply::Of(kNone);
  if (node) *node = *n;
  return std::nullopt;
}

Reply Server::Impl::ExchangeInbound(const Call& c) {
  if (!exchange)
    return Reply::Of({503, "not_initialized", "this node takes part in no exchange", ""});
  exchange::Inbound in = exchange->Accept(c.req.body);
  if (in.status >= 200 && in.status < 300) {
    if (in.status == 201 && exchange_sender) exchange_sender->Wake();
    return {in.status, std::move(in.receipt), "application/json"};
  }
  // The route takes no token, so a flood of bad envelopes from one address could fill the audit
  // log: past the server's default rate (--rate-limit, per second and at once) per address they
  // are answered 429 and not recorded. A peer's sender backs off and retries.
  double retry = 1;
  if (!inbound_rejections.Allow(static_cast<int64_t>(Fnv1a(c.source)), options.rate_limit,
                                std::chrono::steady_clock::now(), &retry))
    return Reply::Of({429, "rate_limited",
                      "too many rejected envelopes from this address (" + in.code +
                          " again); retry after a second",
                      ""});
  // Nothing was stored; the rejection is recorded in the audit log of the bound organization
  // (installation-level when the node has no exchange identity) and on stderr.
  std::cerr << "chokepoint serve: exchange inbound from " << c.source << " rejected (" << in.code
            << "): " << in.detail << "\n";
  access::AuditEvent e;
  if (auto n = exchange->Node(); n.ok()) e.org_id = n->org_id;
  e.actor = in.from.empty() ? "exchange:unknown" : "exchange:" + in.from;
  e.role = "peer";
  e.action = "exchange.inbound.reject";
  e.target = "envelope:" + (in.envelope_id.empty() ? std::string("?") : in.envelope_id);
  e.detail = Json{{"code", in.code}, {"detail", in.detail}, {"status", in.status}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  e.source = c.source;
  if (auto r = audit->Append(e); !r.ok())
    std::cerr << "chokepoint serve: audit append failed: " << r.status().message() << "\n";
  return Reply::Of({in.status, in.code, in.detail, ""});
}

Json Server::Impl::ClassifySubstances(const std::vector<std::string>& substances) {
  Json out = Json::array();
  for (const auto& s : substances) {
    classify::Record r = engine->Classify(s, classify::ClassifyOptions{});
    Json j = classify::RecordToJson(r);
    Json status = Json::object();
    if (j.contains("status"))
      for (const auto& [code, st] : j["status"].items())
        status[code] = {{"category", st.value("category", "")},
                        {"listing", st.value("listing", "")},
                        {"citation", st.value("citation", "")}};
    out.push_back({{"input", s},
                   {"ok", r.ok},
                   {"name", j.contains("substance") && j["substance"].is_object()
                                ? j["substance"].value("name", "")
                                : ""},
                   {"verdict", r.verdict},
                   {"status", status}});
  }
  return out;
}

Json Server::Impl::ScreenNames(const std::vector<std::string>& names) {
  Json out = Json::array();
  if (!party_screener) return out;
  for (const auto& n : names) {
    parties::PartyQuery q;
    q.name = n;
    auto matches = party_screener->Screen(q, parties::ScreenOptions{});
    Json hits = Json::array();
    if (matches.ok())
      for (const auto& m : *matches)
        hits.push_back(
            {{"list", m.list}, {"entity_id", m.entity_id}, {"name", m.name}, {"score", m.score}});
    out.push_back({{"name", n}, {"matches", hits}});
  }
  return out;
}

Reply Server::Impl::ExchangeCreateRecord(const Call& c) {
  exchange::NodeInfo node;
  if (auto r = ExchangeGate(c, &node)) return *r;
  nlohmann::json req;
  if (auto p = ParseJsonObject(c.req.body, &req)) return Reply::Of(*p);
  for (auto it = req.begin(); it != req.end(); ++it) {
    static const std::set<std::string> kFields = {"kind",     "to",   "tlp",
                                                  "handling", "body", "confidential"};
    if (!kFields.count(it.key()))
      return Reply::Of(Problem::BadRequest(
          "bad_field",
          "unknown field '" + it.key() + "' (expected kind, to, tlp, handling, body, confidential)",
          it.key()));
  }
  exchange::RecordDraft d;
  if (!req.contains("kind") || !req["kind"].is_string())
    return Reply::Of(Problem::BadRequest(
        "bad_field", "'kind' must be notification, incident, lead or report", "kind"));
  d.kind = req["kind"];
  if (!req.contains("to") || !req["to"].is_array())
    return Reply::Of(
        Problem::BadRequest("bad_field", "'to' must be an array of authority codes", "to"));
  for (const auto& t : req["to"]) {
    if (!t.is_string())
      return Reply::Of(Problem::BadRequest("bad_field", "'to' must hold authority codes", "to"));
    d.to.push_back(t);
  }
  if (!req.contains("tlp") || !req["tlp"].is_string())
    return Reply::Of(Problem::BadRequest(
        "bad_field", "'tlp' must be clear, green, amber, amber+strict or red", "tlp"));
  d.tlp = req["tlp"];
  if (req.contains("handling")) d.handling = req["handling"];
  d.body = req.contains("body") ? Json(req["body"]) : Json::object();
  if (req.contains("confidential")) {
    if (!req["confidential"].is_array())
      return Reply::Of(Problem::BadRequest(
          "bad_field", "'confidential' must be an array of body field names", "confidential"));
    for (const auto& f : req["confidential"]) {
      if (!f.is_string())
        return Reply::Of(Problem::BadRequest("bad_field", "'confidential' must hold field names",
                                             "confidential"));
      d.confidential.push_back(f);
    }
  }
  if (d.kind == "report") {
    // The report of a decided order of the caller's organization, as `chokepoint report` builds it.
    if (!d.body.is_object() || !d.body.contains("order_id") || !d.body["order_id"].is_string())
      return Reply::Of(Problem::BadRequest(
          "bad_record", "body.order_id: the id of a screened order", "body.order_id"));
    std::string order_id = d.body["order_id"];
    auto row = orders_repo->Get(c.who->org, order_id);
    if (!row.ok()) {
      if (row.status().code() == StatusCode::kNotFound)
        return Reply::Of(Problem::BadRequest(
            "bad_record", "body.order_id: no order '" + order_id + "'", "body.order_id"));
      return InternalError(row.status());
    }
    Date aware = Date::Today();
    if (d.body.contains("aware") && d.body["aware"].is_string()) {
      auto a = Date::Parse(d.body["aware"].get<std::string>());
      if (!a.ok())
        return Reply::Of(
            Problem::BadRequest("bad_record", "body.aware: " + a.status().message(), "body.aware"));
      aware = *a;
    }
    auto report = orders::BuildReport({row->raw, row->output, row->policy, aware});
    if (!report.ok()) return InternalError(report.status());
    d.body["report"] = *report;
  }
  // Parties named in incidents and leads, screened against the loaded lists.
  std::vector<std::string> names;
  if (d.body.is_object()) {
    if (d.kind == "incident" && d.body.contains("parties") && d.body["parties"].is_array())
      for (const auto& p : d.body["parties"])
        if (p.is_object() && p.contains("name") && p["name"].is_string())
          names.push_back(p["name"]);
    if (d.kind == "lead" && d.body.contains("subjects") && d.body["subjects"].is_object() &&
        d.body["subjects"].contains("parties") && d.body["subjects"]["parties"].is_array())
      for (const auto& p : d.body["subjects"]["parties"]) {
        if (p.is_string())
          names.push_back(p);
        else if (p.is_object() && p.contains("name") && p["name"].is_string())
          names.push_back(p["name"]);
      }
  }
  Json classification =
      d.body.is_object() ? ClassifySubstances(exchange::Substances(d.kind, d.body)) : Json::array();
  auto made = exchange->CreateRecord(std::move(d), classification, ScreenNames(names));
  if (!made.ok()) return FromStatus(made.status());
  if (exchange_sender) exchange_sender->Wake();
  std::string id = (*made)["id"];
  if (!Audit(c, "exchange.record.create", "exchange:" + id,
             {{"kind", (*made)["kind"]}, {"to", (*made)["to"]}, {"tlp", (*made)["tlp"]}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*made, 201);
}

Reply Server::Impl::ExchangeListRecords(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  std::string box, kind;
  int limit = 100, offset = 0;
  for (const auto& [k, v] : c.req.params) {
    if (k == "box") {
      if (v != "inbox" && v != "outbox")
        return Reply::Of(
            Problem::BadRequest("bad_parameter", "'box' must be inbox or outbox", "box"));
      box = v;
    } else if (k == "kind") {
      if (std::find(exchange::Kinds().begin(), exchange::Kinds().end(), v) ==
          exchange::Kinds().end())
        return Reply::Of(Problem::BadRequest(
            "bad_parameter", "'kind' must be notification, incident, lead or report", "kind"));
      kind = v;
    } else if (k == "limit" || k == "offset") {
      auto n = ParseIntParam(v, k == "limit" ? 1 : 0, k == "limit" ? 1000 : 1'000'000'000);
      if (!n)
        return Reply::Of(Problem::BadRequest("bad_parameter",
                                             "'limit' must be 1 to 1000, 'offset' 0 or more", k));
      (k == "limit" ? limit : offset) = static_cast<int>(*n);
    } else {
      return Reply::Of(Problem::BadRequest(
          "bad_parameter",
          "unknown query parameter '" + k + "' (expected box, kind, limit, offset)", k));
    }
  }
  auto list = exchange->List(box, kind, MaySeeConfidential(*c.who), limit, offset);
  if (!list.ok()) return FromStatus(list.status());
  Json ids = Json::array();
  for (const auto& r : (*list)["records"]) ids.push_back(r["id"]);
  if (!Audit(c, "exchange.records.list", "exchange",
             {{"box", box}, {"kind", kind}, {"returned", ids}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*list);
}

Reply Server::Impl::ExchangeGetRecord(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  std::string id = c.Param(1);
  if (!ValidRecordId(id)) return Reply::Of(Problem::NotFound("no exchange record '" + id + "'"));
  auto v = exchange->Get(id, MaySeeConfidential(*c.who));
  if (!v.ok()) return FromStatus(v.status());
  if (auto allowed = exchange->AllowedNow(id); allowed.ok() && MaySeeConfidential(*c.who))
    (*v)["allowed_events"] = (*allowed)["allowed"];
  if (!Audit(c, "exchange.record.read", "exchange:" + id, Json::object()))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*v);
}

Reply Server::Impl::ExchangeRecordEvents(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  std::string id = c.Param(1);
  if (!ValidRecordId(id)) return Reply::Of(Problem::NotFound("no exchange record '" + id + "'"));
  auto v = exchange->Events(id);
  if (!v.ok()) return FromStatus(v.status());
  if (!Audit(c, "exchange.record.read", "exchange:" + id, {{"events", true}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*v);
}

Reply Server::Impl::ExchangeAddEvent(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  std::string id = c.Param(1);
  if (!ValidRecordId(id)) return Reply::Of(Problem::NotFound("no exchange record '" + id + "'"));
  nlohmann::json req;
  if (auto p = ParseJsonObject(c.req.body, &req)) return Reply::Of(*p);
  exchange::EventDraft e;
  for (auto it = req.begin(); it != req.end(); ++it) {
    const std::string& k = it.key();
    if (k == "type" || k == "note" || k == "action" || k == "track") {
      if (!it->is_string())
        return Reply::Of(Problem::BadRequest("bad_field", "'" + k + "' must be a string", k));
      (k == "type"     ? e.type
       : k == "note"   ? e.note
       : k == "action" ? e.action
                       : e.track) = it->get<std::string>();
    } else if (k == "outcome") {
      e.outcome = Json(*it);
    } else {
      return Reply::Of(Problem::BadRequest(
          "bad_field", "unknown field '" + k + "' (expected type, note, action, outcome, track)",
          k));
    }
  }
  if (Status s = exchange::ValidateEventDraft(e); !s.ok()) {
    std::string field = s.message().substr(0, s.message().find(':'));
    return Reply::Of(Problem::BadRequest("bad_event", s.message(), field));
  }
  auto made = exchange->AddEvent(id, e);
  if (!made.ok()) {
    if (made.status().tag() == "illegal_transition") {
      // 409 with what the record's state allows next, for the console and for scripts.
      Problem p{409, "illegal_transition", made.status().message(), "type"};
      Json body = p.ToJson();
      if (auto a = exchange->AllowedNow(id); a.ok()) {
        body["allowed"] = (*a)["allowed"];
        body["states"] = (*a)["states"];
      }
      return {409, body.dump(), "application/problem+json"};
    }
    return FromStatus(made.status());
  }
  if (exchange_sender) exchange_sender->Wake();
  if (!Audit(c, "exchange.event", "exchange:" + id,
             {{"type", e.type}, {"envelope_id", (*made)["envelope_id"]}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*made, 201);
}

Reply Server::Impl::ExchangeIndicators(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  exchange::IndicatorQuery q;
  std::string format = "json";
  for (const auto& [k, v] : c.req.params) {
    if (k == "partner") {
      if (!exchange::ValidAuthority(v))
        return Reply::Of(
            Problem::BadRequest("bad_parameter", "'partner' must be an authority code", k));
      q.partner = v;
    } else if (k == "from" || k == "to") {
      if (!Date::Parse(v).ok())
        return Reply::Of(
            Problem::BadRequest("bad_parameter", "'" + k + "' must be a date YYYY-MM-DD", k));
      (k == "from" ? q.from : q.to) = v;
    } else if (k == "format") {
      if (v != "json" && v != "csv")
        return Reply::Of(Problem::BadRequest("bad_parameter", "'format' must be json or csv", k));
      format = v;
    } else {
      return Reply::Of(Problem::BadRequest(
          "bad_parameter",
          "unknown query parameter '" + k + "' (expected partner, from, to, format)", k));
    }
  }
  if (!c.req.has_param("format") &&
      c.req.get_header_value("Accept").find("text/csv") != std::string::npos)
    format = "csv";
  auto ind = exchange->Indicators(q);
  if (!ind.ok()) return FromStatus(ind.status());
  if (format == "csv") return {200, exchange::IndicatorsCsv(*ind), "text/csv; charset=utf-8"};
  return Reply::Json(*ind);
}

Reply Server::Impl::ExchangeOutbox(const Call& c) {
  if (auto r = ExchangeGate(c, nullptr)) return *r;
  std::string peer;
  bool all = false;
  for (const auto& [k, v] : c.req.params) {
    if (k == "peer")
      peer = v;
    else if (k == "all" && (v == "true" || v == "false"))
      all = v == "true";
    else
      return Reply::Of(
          Problem::BadRequest("bad_parameter", "query parameters: peer=CODE, all=true|false", k));
  }
  auto rows = exchange->Outbox(peer, all);
  if (!rows.ok()) return FromStatus(rows.status());
  Json out = Json::array();
  for (const auto& r : *rows) out.push_back(exchange::OutboxRowToJson(r));
  return Reply::Json({{"envelopes", out}});
}

Reply Server::Impl::ExchangePeers(const Call& c) {
  exchange::NodeInfo node;
  if (auto r = ExchangeGate(c, &node)) return *r;
  auto peers = exchange->Peers();
  if (!peers.ok()) return FromStatus(peers.status());
  Json list = Json::array();
  for (const auto& p : *peers)
    list.push_back({{"authority", p.authority},
                    {"name", p.name},
                    {"url", p.url},
                    {"public_key", p.public_key},
                    {"added_at", p.added_at}});
  return Reply::Json(
      {{"node",
        {{"authority", node.authority}, {"name", node.name}, {"public_key", node.public_key}}},
       {"peers", list}});
}

}  // namespace chokepoint::server
