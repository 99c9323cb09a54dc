// The OpenAPI 3.0 document, generated from the route table plus the per-route descriptions
// and schemas below. tests/server/api_test.cc checks that the two agree both ways.
#include <map>
#include <nlohmann/json.hpp>

#include "server/server.h"
#include "util/json.h"

namespace chokepoint::server {

namespace {

Json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

Json QueryParam(const std::string& name, const std::string& desc, Json schema,
                bool required = false) {
  return {{"name", name},
          {"in", "query"},
          {"required", required},
          {"description", desc},
          {"schema", schema}};
}

Json JsonBody(const std::string& schema) {
  return {{"required", true}, {"content", {{"application/json", {{"schema", Ref(schema)}}}}}};
}

Json Ok(const std::string& desc, const Json& content) {
  return {{"description", desc}, {"content", content}};
}
Json JsonContent(const std::string& schema) {
  return {{"application/json", {{"schema", Ref(schema)}}}};
}

struct Spec {
  std::string summary;
  std::string tag;
  Json parameters = Json::array();
  Json request_body;  // null: none
  std::string ok_status = "200";
  Json ok;
};

const std::map<std::string, Spec>& Specs() {
  static const std::map<std::string, Spec> k = [] {
    std::map<std::string, Spec> m;
    Json date = {{"type", "string"}, {"format", "date"}};
    m["healthz"] = {
        "Liveness and database check",       "operations", Json::array(), nullptr, "200",
        Ok("healthy", JsonContent("Health"))};
    m["metrics"] = {
        "Prometheus metrics: requests and latencies by route, decisions by outcome",
        "operations",
        Json::array(),
        nullptr,
        "200",
        Ok("text exposition format 0.0.4", {{"text/plain", {{"schema", {{"type", "string"}}}}}})};
    m["openapi"] = {
        "This document",
        "operations",
        Json::array(),
        nullptr,
        "200",
        Ok("OpenAPI 3.0 document", {{"application/json", {{"schema", {{"type", "object"}}}}}})};
    m["whoami"] = {
        "The caller's organization, role and user",   "access", Json::array(), nullptr, "200",
        Ok("the principal", JsonContent("Principal"))};
    m["classify"] = {
        "Control status of one or many substances per jurisdiction, with citations",
        "substances",
        Json::array(),
        JsonBody("ClassifyRequest"),
        "200",
        Ok("one record per substance, in request order", JsonContent("ClassifyResponse"))};
    m["depict"] = {
        "SVG of the substance's parent structure with rule-matched atoms highlighted",
        "substances",
        Json::array(
            {QueryParam("substance", "SMILES, InChI, CAS number or name", {{"type", "string"}},
                        true),
             QueryParam("jurisdictions", "comma-separated, e.g. US,CN", {{"type", "string"}}),
             QueryParam("at", "the law as of this date", date),
             QueryParam("width", "pixels, 100 to 2000 (default 400)", {{"type", "integer"}}),
             QueryParam("height", "pixels, 100 to 2000 (default 300)", {{"type", "integer"}})}),
        nullptr,
        "200",
        Ok("SVG image", {{"image/svg+xml", {{"schema", {{"type", "string"}}}}}})};
    m["rulebooks"] = {"Loaded rulebooks: versions, entry and class counts, class rules",
                      "reference",
                      Json::array(),
                      nullptr,
                      "200",
                      Ok("rulebooks", JsonContent("Rulebooks"))};
    m["lists"] = {"Loaded screening lists: versions, dates, counts",
                  "reference",
                  Json::array(),
                  nullptr,
                  "200",
                  Ok("lists", JsonContent("Lists"))};
    m["screenParties"] = {"Screen parties against the sanctions and watch lists",
                          "parties",
                          Json::array(),
                          JsonBody("PartyScreenRequest"),
                          "200",
                          Ok("matches per party, best first", JsonContent("PartyScreenResponse"))};
    m["screenOrder"] = {"Screen one order: decide, store and audit (idempotent per order id)",
                        "orders",
                        Json::array(),
                        JsonBody("Order"),
                        "201",
                        Ok("the decision (201 when new; 200 with stored=true when the order id was "
                           "already decided)",
                           JsonContent("Decision"))};
    m["listOrders"] = {
        "Orders of the caller's organization, newest first",
        "orders",
        Json::array(
            {QueryParam("decision", "clear, review, hold or block",
                        {{"type", "string"}, {"enum", {"clear", "review", "hold", "block"}}}),
             QueryParam("from", "order date on or after", date),
             QueryParam("to", "order date on or before", date),
             QueryParam("customer", "substring of the customer key (case-insensitive)",
                        {{"type", "string"}}),
             QueryParam("status", "open: on review or hold without a disposition (the queue)",
                        {{"type", "string"}, {"enum", {"open", "all"}}}),
             QueryParam("limit", "1 to 1000 (default 100)", {{"type", "integer"}}),
             QueryParam("offset", "rows to skip", {{"type", "integer"}})}),
        nullptr,
        "200",
        Ok("a page of orders", JsonContent("OrderList"))};
    Json id_param = {{"name", "id"},
                     {"in", "path"},
                     {"required", true},
                     {"schema", {{"type", "string"}}},
                     {"description", "the order's own id"}};
    m["getOrder"] = {"One order: decision, reasons, items, parties, reviews and history",
                     "orders",
                     Json::array({id_param}),
                     nullptr,
                     "200",
                     Ok("the order", JsonContent("OrderDetail"))};
    m["reviewOrder"] = {"Record an analyst disposition with a mandatory note",
                        "orders",
                        Json::array({id_param}),
                        JsonBody("ReviewRequest"),
                        "201",
                        Ok("the recorded review", JsonContent("Review"))};
    m["orderReport"] = {
        "The suspicious-order report (21 CFR 1310.06)",
        "orders",
        Json::array({id_param,
                     QueryParam("aware",
                                "day the suspicion arose (default: the first "
                                "'report' disposition, else today)",
                                date),
                     QueryParam("format", "json (default) or markdown",
                                {{"type", "string"}, {"enum", {"json", "markdown"}}})}),
        nullptr,
        "200",
        Ok("the report", {{"application/json", {{"schema", {{"type", "object"}}}}},
                          {"text/markdown", {{"schema", {{"type", "string"}}}}}})};
    m["stats"] = {"Dashboard figures: decisions over time, top red flags, substances, destinations",
                  "orders",
                  Json::array({QueryParam("days", "window in days, 1 to 3660 (default 30)",
                                          {{"type", "integer"}})}),
                  nullptr,
                  "200",
                  Ok("figures", JsonContent("Stats"))};
    m["auditLog"] = {
        "The organization's audit log entries (admin, auditor)",
        "access",
        Json::array({QueryParam("after", "entries after this seq", {{"type", "integer"}}),
                     QueryParam("limit", "1 to 1000 (default 100)", {{"type", "integer"}})}),
        nullptr,
        "200",
        Ok("entries in seq order", JsonContent("AuditEntries"))};
    Json xid = {{"name", "id"},
                {"in", "path"},
                {"required", true},
                {"description", "global record id (originator code + ULID)"},
                {"schema", {{"type", "string"}}}};
    m["exchangeInbound"] = {
        "Deliver a signed envelope from a peer node (authenticated by its Ed25519 signature, no "
        "token)",
        "exchange",
        Json::array(),
        JsonBody("Envelope"),
        "201",
        Ok("stored; the body is this node's signed receipt (a replay gets 200 and the same bytes)",
           JsonContent("Envelope"))};
    m["exchangeCreateRecord"] = {
        "Create, sign and queue a record (notification, incident, lead, report) for its audience",
        "exchange",
        Json::array(),
        JsonBody("ExchangeRecordRequest"),
        "201",
        Ok("the record as stored", JsonContent("ExchangeRecord"))};
    m["exchangeListRecords"] = {
        "Records this node sent (outbox) or that are addressed to it (inbox)",
        "exchange",
        Json::array(
            {QueryParam("box", "inbox or outbox (default: both)",
                        {{"type", "string"}, {"enum", {"inbox", "outbox"}}}),
             QueryParam("kind", "notification, incident, lead or report", {{"type", "string"}}),
             QueryParam("limit", "1 to 1000 (default 100)", {{"type", "integer"}}),
             QueryParam("offset", "records to skip (default 0)", {{"type", "integer"}})}),
        nullptr,
        "200",
        Ok("records, newest first", JsonContent("ExchangeRecordList"))};
    m["exchangeGetRecord"] = {"One record with its timeline of signed events and its receipts",
                              "exchange",
                              Json::array({xid}),
                              nullptr,
                              "200",
                              Ok("the record", JsonContent("ExchangeRecord"))};
    m["exchangeRecordEvents"] = {
        "A record's timeline and receipts",
        "exchange",
        Json::array({xid}),
        nullptr,
        "200",
        Ok("events in order", {{"application/json", {{"schema", {{"type", "object"}}}}}})};
    m["exchangeAddEvent"] = {
        "Record, sign and queue an event (acknowledge, clear, object, request_info, under_review, "
        "action_taken, outcome, decline, close, shipped, arrived)",
        "exchange",
        Json::array({xid}),
        JsonBody("ExchangeEventRequest"),
        "201",
        Ok("the event as signed", {{"application/json", {{"schema", {{"type", "object"}}}}}})};
    m["exchangeIndicators"] = {
        "Responsiveness per partner and quarter, from signed events and receipts only",
        "exchange",
        Json::array({QueryParam("partner", "an authority code (default: every partner)",
                                {{"type", "string"}}),
                     QueryParam("from", "records created on or after", date),
                     QueryParam("to", "records created on or before", date),
                     QueryParam("format", "json (default) or csv; Accept: text/csv also gives CSV",
                                {{"type", "string"}})}),
        nullptr,
        "200",
        Ok("figures", {{"application/json", {{"schema", {{"type", "object"}}}}},
                       {"text/csv", {{"schema", {{"type", "string"}}}}}})};
    m["exchangeOutbox"] = {
        "Envelopes waiting for delivery: attempts, next try, last error",
        "exchange",
        Json::array(
            {QueryParam("peer", "only this peer", {{"type", "string"}}),
             QueryParam("all", "true: delivered and rejected ones too", {{"type", "boolean"}})}),
        nullptr,
        "200",
        Ok("outbox rows", {{"application/json", {{"schema", {{"type", "object"}}}}}})};
    m["exchangePeers"] = {
        "This node's authority and public key, and its trusted peers",
        "exchange",
        Json::array(),
        nullptr,
        "200",
        Ok("node and peers", {{"application/json", {{"schema", {{"type", "object"}}}}}})};
    return m;
  }();
  return k;
}

const char* kSchemas = R"json({
  "Problem": {"type": "object", "required": ["type", "title", "status", "code", "detail"], "properties": {
    "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
    "code": {"type": "string", "description": "stable identifier, e.g. bad_field, invalid_token, rate_limited"},
    "detail": {"type": "string"}, "field": {"type": "string", "description": "the offending field or parameter"}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string"}, "database": {"type": "string"}}},
  "Principal": {"type": "object", "properties": {"org": {"type": "string"}, "role": {"type": "string",
    "enum": ["admin", "analyst", "screener", "auditor"]}, "user": {"type": "string"}, "token_id": {"type": "integer"}}},
  "ClassifyRequest": {"type": "object", "additionalProperties": false, "properties": {
    "substance": {"type": "string", "description": "one SMILES, InChI, CAS number, name or molfile"},
    "substances": {"type": "array", "maxItems": 1000, "items": {"type": "string"}},
    "jurisdictions": {"type": "array", "items": {"type": "string"}, "example": ["US", "CN"]},
    "at": {"type": "string", "format": "date"},
    "as": {"type": "string", "enum": ["auto", "smiles", "inchi", "cas", "name", "molfile"]},
    "fields": {"type": "array", "items": {"type": "string", "enum": ["inchi"]}}}},
  "ClassifyRecord": {"type": "object", "description": "the `chokepoint classify` record (docs/classify.md)",
    "properties": {"line": {"type": "integer"}, "input": {"type": "string"}, "input_type": {"type": "string"},
    "ok": {"type": "boolean"}, "error": {"type": "object", "nullable": true}, "substance": {"type": "object"},
    "status": {"type": "object", "additionalProperties": {"type": "object"}}, "flags": {"type": "array",
    "items": {"type": "object"}}, "verdict": {"type": "string", "enum": ["controlled", "precursor", "flagged",
    "clear", "error"]}}},
  "ClassifyResponse": {"type": "object", "properties": {"at": {"type": "string", "format": "date"},
    "count": {"type": "integer"}, "verdicts": {"type": "object", "additionalProperties": {"type": "integer"}},
    "results": {"type": "array", "items": {"$ref": "#/components/schemas/ClassifyRecord"}}}},
  "Rulebooks": {"type": "object", "properties": {"rulebooks": {"type": "array", "items": {"type": "object"}},
    "reference_substances": {"type": "integer"}, "policy": {"type": "string"}}},
  "Lists": {"type": "object", "properties": {"lists": {"type": "array", "items": {"type": "object"}},
    "entities": {"type": "integer"}}},
  "PartyQuery": {"type": "object", "properties": {"name": {"type": "string"}, "country": {"type": "string"},
    "address": {"type": "string"}, "ids": {"type": "object", "additionalProperties": {"type": "string"}},
    "emails": {"type": "array", "items": {"type": "string"}}, "phones": {"type": "array", "items": {"type": "string"}},
    "websites": {"type": "array", "items": {"type": "string"}}, "date_of_birth": {"type": "string"},
    "type": {"type": "string", "enum": ["entity", "individual", "vessel", "aircraft"]}}},
  "PartyScreenRequest": {"type": "object", "additionalProperties": false, "properties": {
    "party": {"$ref": "#/components/schemas/PartyQuery"},
    "parties": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/PartyQuery"}},
    "threshold": {"type": "number", "minimum": 0, "maximum": 1}, "top_k": {"type": "integer", "minimum": 1,
    "maximum": 50}}},
  "PartyScreenResponse": {"type": "object", "properties": {"count": {"type": "integer"}, "results": {"type": "array",
    "items": {"type": "object", "properties": {"query": {"type": "string"}, "ok": {"type": "boolean"},
    "error": {"type": "object", "nullable": true}, "matches": {"type": "array", "items": {"type": "object"}}}}}}},
  "Order": {"type": "object", "description": "an order or shipment as in docs/orders.md (docs/order.schema.json)",
    "required": ["id", "date", "items"], "properties": {"id": {"type": "string"}, "date": {"type": "string",
    "format": "date"}, "items": {"type": "array", "items": {"type": "object"}}}},
  "Decision": {"type": "object", "description": "the `chokepoint screen` record (docs/orders.md)", "properties": {
    "id": {"type": "string"}, "ok": {"type": "boolean"}, "decision": {"type": "string", "enum": ["clear", "review",
    "hold", "block"]}, "score": {"type": "number"}, "reasons": {"type": "array", "items": {"type": "object"}},
    "items": {"type": "array", "items": {"type": "object"}}, "parties": {"type": "array", "items": {"type": "object"}},
    "stored": {"type": "boolean"}}},
  "OrderSummary": {"type": "object", "properties": {"id": {"type": "string"}, "date": {"type": "string"},
    "customer": {"type": "string"}, "customer_name": {"type": "string"}, "decision": {"type": "string"},
    "score": {"type": "number"}, "decided_at": {"type": "string"}, "reasons": {"type": "integer"},
    "top_reason": {"type": "object", "nullable": true}, "disposition": {"type": "string", "nullable": true},
    "reviewed_at": {"type": "string", "nullable": true}}},
  "OrderList": {"type": "object", "properties": {"orders": {"type": "array", "items":
    {"$ref": "#/components/schemas/OrderSummary"}}, "total": {"type": "integer"}, "limit": {"type": "integer"},
    "offset": {"type": "integer"}}},
  "Review": {"type": "object", "properties": {"id": {"type": "integer"}, "disposition": {"type": "string"},
    "note": {"type": "string"}, "actor": {"type": "string"}, "created_at": {"type": "string"}}},
  "ReviewRequest": {"type": "object", "additionalProperties": false, "required": ["disposition", "note"],
    "properties": {"disposition": {"type": "string", "enum": ["release", "confirm_hold", "block", "report"]},
    "note": {"type": "string", "minLength": 1, "maxLength": 4000}}},
  "OrderDetail": {"type": "object", "properties": {"id": {"type": "string"}, "date": {"type": "string"},
    "customer": {"type": "string"}, "decision": {"type": "string"}, "score": {"type": "number"},
    "policy": {"type": "string"}, "decided_at": {"type": "string"}, "reasons": {"type": "array", "items":
    {"type": "object"}}, "items": {"type": "array", "items": {"type": "object"}}, "parties": {"type": "array",
    "items": {"type": "object"}}, "notes": {"type": "array", "items": {"type": "string"}}, "reviews": {"type": "array",
    "items": {"$ref": "#/components/schemas/Review"}}, "disposition": {"type": "string", "nullable": true},
    "history": {"type": "array", "items": {"type": "object"}}, "order": {"type": "object"}}},
  "Stats": {"type": "object", "properties": {"days": {"type": "integer"}, "orders": {"type": "integer"},
    "by_decision": {"type": "object"}, "over_time": {"type": "array", "items": {"type": "object"}},
    "top_rules": {"type": "array", "items": {"type": "object"}}, "top_substances": {"type": "array", "items":
    {"type": "object"}}, "top_destinations": {"type": "array", "items": {"type": "object"}}}},
  "AuditEntry": {"type": "object", "properties": {"seq": {"type": "integer"}, "ts": {"type": "string"},
    "org_id": {"type": "integer", "nullable": true}, "actor": {"type": "string"}, "role": {"type": "string"},
    "action": {"type": "string"}, "target": {"type": "string"}, "detail": {"type": "object"},
    "source": {"type": "string"}, "prev_hash": {"type": "string"}, "hash": {"type": "string"}}},
  "AuditEntries": {"type": "object", "properties": {"entries": {"type": "array", "items":
    {"$ref": "#/components/schemas/AuditEntry"}}}},
  "Envelope": {"type": "object", "required": ["payload", "signature"], "description": "docs/exchange.md: the signed JSON text and its Ed25519 signature", "properties": {
    "payload": {"type": "string", "description": "JSON text, verified byte for byte as received"},
    "signature": {"type": "string", "description": "standard base64 of the 64-byte Ed25519 signature of payload's UTF-8 bytes"}}},
  "ExchangeRecordRequest": {"type": "object", "required": ["kind", "to", "tlp", "body"], "additionalProperties": false, "properties": {
    "kind": {"type": "string", "enum": ["notification", "incident", "lead", "report"]},
    "to": {"type": "array", "items": {"type": "string"}, "description": "recipient authority codes, all peers"},
    "tlp": {"type": "string", "enum": ["clear", "green", "amber", "amber+strict", "red"]},
    "handling": {"type": "object", "properties": {"read": {"type": "boolean"}, "act": {"type": "boolean"},
      "evidence": {"type": "boolean"}, "re_share": {"type": "boolean"}}},
    "body": {"type": "object", "description": "the kind's fields (docs/exchange.md); report: {order_id, aware}"},
    "confidential": {"type": "array", "items": {"type": "string"}, "description": "body fields that are business secrets (art. 12(11))"}}},
  "ExchangeEventRequest": {"type": "object", "required": ["type"], "additionalProperties": false, "properties": {
    "type": {"type": "string", "enum": ["acknowledge", "clear", "object", "request_info", "under_review", "action_taken", "outcome", "decline", "close", "shipped", "arrived"]},
    "note": {"type": "string"}, "action": {"type": "string", "enum": ["inspection", "investigation", "seizure", "licence_revoked", "website_taken_down"]},
    "outcome": {"type": "object", "properties": {"arrests": {"type": "integer"}, "prosecutions": {"type": "integer"},
      "convictions": {"type": "integer"}, "seized_kg": {"type": "number"}}},
    "track": {"type": "string", "description": "originator events on a record with several recipients: only this one's copy"}}},
  "ExchangeRecord": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
    "box": {"type": "string", "enum": ["inbox", "outbox"]}, "originator": {"type": "string"},
    "to": {"type": "array", "items": {"type": "string"}}, "tlp": {"type": "string"}, "handling": {"type": "object"},
    "created_at": {"type": "string"}, "state": {"type": "string"}, "states": {"type": "object"}, "summary": {"type": "string"},
    "body": {"type": "object"}, "confidential": {"type": "array", "items": {"type": "string"}}, "withheld": {"type": "boolean"},
    "classification": {"type": "array", "items": {"type": "object"}}, "screening": {"type": "array", "items": {"type": "object"}},
    "timeline": {"type": "array", "items": {"type": "object"}}, "receipts": {"type": "array", "items": {"type": "object"}},
    "allowed_events": {"type": "array", "items": {"type": "string"}}}},
  "ExchangeRecordList": {"type": "object", "properties": {"node": {"type": "string"}, "box": {"type": "string"},
    "records": {"type": "array", "items": {"$ref": "#/components/schemas/ExchangeRecord"}}, "total": {"type": "integer"},
    "limit": {"type": "integer"}, "offset": {"type": "integer"}}}
})json";

Json ProblemResponse(const std::string& desc) {
  return {{"description", desc},
          {"content", {{"application/problem+json", {{"schema", Ref("Problem")}}}}}};
}

}  // namespace

std::string Server::OpenApiJson() {
  static const std::string doc = [] {
    Json d;
    d["openapi"] = "3.0.3";
    d["info"] = {
        {"title", "Chokepoint API"},
        {"version", "1.0.0"},
        {"description",
         "Screening of substances, parties and orders for fentanyl and methamphetamine precursors. "
         "Every "
         "/v1 route except this document needs 'Authorization: Bearer <token>' (chokepoint admin "
         "create-token). Records are confined to the token's organization: another organization's "
         "record "
         "answers 404, exactly like a missing one. Errors are application/problem+json."}};
    d["servers"] = Json::array({{{"url", "/"}}});
    Json paths = Json::object();
    for (const auto& r : Server::Routes()) {
      const Spec& s = Specs().at(r.name);
      Json op;
      op["operationId"] = r.name;
      op["summary"] = s.summary;
      op["tags"] = Json::array({s.tag});
      if (r.authenticated) {
        std::string roles;
        for (auto role : access::AllRoles())
          if (access::Allowed(role, r.action))
            roles += (roles.empty() ? "" : ", ") + std::string(access::RoleName(role));
        op["description"] = "Roles: " + roles + "." +
                            (r.org_records ? " Confined to the caller's organization." : "");
        op["security"] = Json::array({{{"bearer", Json::array()}}});
      } else {
        op["security"] = Json::array();
      }
      if (!s.parameters.empty()) op["parameters"] = s.parameters;
      if (!s.request_body.is_null()) op["requestBody"] = s.request_body;
      Json responses;
      responses[s.ok_status] = s.ok;
      if (r.name == "screenOrder")
        responses["200"] = Ok("already decided: the stored decision", JsonContent("Decision"));
      if (!s.parameters.empty() || !s.request_body.is_null())
        responses["400"] = ProblemResponse("malformed JSON or an invalid field (named in 'field')");
      if (r.authenticated) {
        responses["401"] = ProblemResponse("missing, unknown, revoked or expired token");
        responses["403"] = ProblemResponse("the token's role may not use this route");
        responses["429"] = ProblemResponse("the token's rate limit is exceeded (see Retry-After)");
      }
      if (r.path.find("{id}") != std::string::npos)
        responses["404"] = ProblemResponse("no such record in the caller's organization");
      if (r.authenticated && r.path.rfind("/v1/exchange/", 0) == 0)
        responses["404"] = ProblemResponse(
            "no such record here, or the caller's organization is not the one the node's exchange "
            "is bound to");
      if (r.method == "POST") {
        responses["411"] =
            ProblemResponse("the body has no Content-Length (chunked bodies are not accepted)");
        responses["413"] = ProblemResponse("the request body is too large");
      }
      if (r.name == "screenParties")
        responses["503"] = ProblemResponse("no screening lists are loaded");
      if (r.name == "classify") {
        responses["422"] = ProblemResponse(
            "a single substance too complex to classify within the time budget (too_complex)");
        responses["503"] = ProblemResponse(
            "the request used up its time budget with substances left (see Retry-After)");
      }
      if (r.name == "exchangeInbound") {
        responses["400"] = ProblemResponse("malformed envelope or payload (nothing stored)");
        responses["403"] = ProblemResponse(
            "unknown sender, bad signature, or this node is not addressed (nothing stored)");
        responses["409"] = ProblemResponse(
            "same envelope id with other bytes, or an event before its record (retried later)");
        responses["422"] = ProblemResponse("a record or event that violates its kind's rules");
      }
      if (r.name == "exchangeAddEvent")
        responses["409"] = ProblemResponse(
            "the record's state does not allow this event ('allowed' lists what does)");
      if (r.name == "healthz")
        responses["503"] = Ok("the database is unavailable", JsonContent("Health"));
      op["responses"] = std::move(responses);
      std::string method = r.method == "GET" ? "get" : "post";
      paths[r.path][method] = std::move(op);
    }
    d["paths"] = std::move(paths);
    d["components"]["securitySchemes"]["bearer"] = {
        {"type", "http"}, {"scheme", "bearer"}, {"description", "cp_ followed by 64 hex digits"}};
    d["components"]["schemas"] = Json::parse(kSchemas);
    return d.dump(2);
  }();
  return doc;
}

}  // namespace chokepoint::server
