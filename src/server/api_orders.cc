// Record routes: order screening, the review queue, order detail, reports, dashboard figures,
// the audit log. Every query is confined to the caller's organization (c.who->org).
#include <algorithm>
#include <iostream>
#include <map>

#include "orders/decision_json.h"
#include "orders/report.h"
#include "server/requests.h"
#include "server/server_impl.h"
#include "util/json.h"

namespace chokepoint::server {

namespace {

// "items[2].unit: unknown unit 'lb'" -> "items[2].unit".
std::string FieldOf(const std::string& message) {
  auto colon = message.find(": ");
  if (colon == std::string::npos || colon > 120) return "";
  std::string f = message.substr(0, colon);
  return f.find(' ') == std::string::npos ? f : "";
}

std::multimap<std::string, std::string> Params(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

Reply InternalError(const Status& s) {
  return Reply::Of({500, "internal", "internal error: " + s.message(), ""});
}
}  // namespace

Reply Server::Impl::ScreenOrder(const Call& c) {
  nlohmann::json body;
  if (auto p = ParseJsonObject(c.req.body, &body)) return Reply::Of(*p);
  auto order = orders::ParseOrder(c.req.body);
  if (!order.ok()) {
    Problem p = Problem::BadRequest(order.status().tag(), order.status().message(),
                                    FieldOf(order.status().message()));
    return Reply::Of(p);
  }
  std::string id = order->id;
  if (auto p = ValidateOrderId(id))
    return Reply::Of(
        Problem::BadRequest("bad_field", "'id' must be 1 to 200 printable characters", "id"));
  // The expensive part (classification, list screening) runs before the organization's queue.
  orders::Prepared prepared = order_screener->Prepare(std::move(*order));
  auto ledger = Ledger(c.who->org);
  if (!ledger.ok()) return InternalError(ledger.status());
  OrderLedger::Outcome r = (*ledger)->Screen(prepared, c.req.body, AuditEventOf(c));
  if (!r.status.ok()) {
    std::cerr << "chokepoint serve: storing decision of order '" << id
              << "' failed: " << r.status.message() << "\n";
    return InternalError(r.status);
  }
  if (!r.stored) metrics.CountDecision(r.decision);
  // The record as stored, plus "stored": no second serialization of the decision.
  r.record.insert(r.record.rfind('}'), r.stored ? ",\"stored\":true" : ",\"stored\":false");
  return {r.stored ? 200 : 201, std::move(r.record), "application/json"};
}

Reply Server::Impl::ListOrders(const Call& c) {
  OrderFilter f;
  if (auto p = ParseOrderFilter(Params(c.req), &f)) return Reply::Of(*p);
  auto r = orders_repo->List(c.who->org, f);
  if (!r.ok()) return InternalError(r.status());
  Json ids = Json::array();
  for (const auto& o : (*r)["orders"]) ids.push_back(o["id"]);
  Json q = Json::object();
  for (const auto& [k, v] : c.req.params) q[k] = v;
  if (!Audit(c, "orders.list", "orders", {{"query", q}, {"returned", ids}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*r);
}

Reply Server::Impl::GetOrder(const Call& c) {
  std::string id = c.Param(1);
  if (auto p = ValidateOrderId(id)) return Reply::Of(*p);
  auto row = orders_repo->Get(c.who->org, id);
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kNotFound)
      return Reply::Of(Problem::NotFound("no order '" + id + "'"));
    return InternalError(row.status());
  }
  auto reviews = orders_repo->Reviews(c.who->org, id);
  if (!reviews.ok()) return InternalError(reviews.status());
  Json decision = Json::parse(row->output, nullptr, false);
  Json order = Json::parse(row->raw, nullptr, false);
  // History: every audit entry about this order in this organization.
  Json history = Json::array();
  Status s = audit->Scan(
      {.org_id = c.who->org_id, .after_seq = 0, .limit = 10000, .target = "order:" + id},
      [&](const access::AuditEntry& e) {
        if (e.event.action != "order.read" && e.event.action != "order.report")
          history.push_back({{"seq", e.seq},
                             {"ts", e.ts},
                             {"actor", e.event.actor},
                             {"action", e.event.action},
                             {"detail", Json::parse(e.event.detail, nullptr, false)}});
        return true;
      });
  if (!s.ok()) return InternalError(s);
  Json out;
  out["id"] = row->id;
  out["date"] = row->date;
  out["customer"] = row->customer;
  out["decision"] = row->decision;
  out["score"] = row->score;
  out["policy"] = row->policy;
  out["decided_at"] = row->decided_at;
  out["reasons"] =
      decision.is_object() && decision.contains("reasons") ? decision["reasons"] : Json::array();
  out["items"] =
      decision.is_object() && decision.contains("items") ? decision["items"] : Json::array();
  out["parties"] =
      decision.is_object() && decision.contains("parties") ? decision["parties"] : Json::array();
  out["notes"] =
      decision.is_object() && decision.contains("notes") ? decision["notes"] : Json::array();
  out["reviews"] = *reviews;
  out["disposition"] = reviews->empty() ? Json(nullptr) : reviews->back()["disposition"];
  out["history"] = std::move(history);
  out["order"] = std::move(order);
  if (!Audit(c, "order.read", "order:" + id, Json::object()))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(out);
}

Reply Server::Impl::ReviewOrder(const Call& c) {
  std::string id = c.Param(1);
  if (auto p = ValidateOrderId(id)) return Reply::Of(*p);
  ReviewRequest r;
  if (auto p = ParseReviewRequest(c.req.body, &r)) return Reply::Of(*p);
  auto review = orders_repo->AddReview(c.who->org, id, r, c.who->Actor());
  if (!review.ok()) {
    if (review.status().code() == StatusCode::kNotFound)
      return Reply::Of(Problem::NotFound("no order '" + id + "'"));
    return InternalError(review.status());
  }
  if (!Audit(c, "order.review", "order:" + id,
             {{"review", (*review)["id"]}, {"disposition", r.disposition}, {"note", r.note}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json(*review, 201);
}

Reply Server::Impl::OrderReport(const Call& c) {
  std::string id = c.Param(1);
  if (auto p = ValidateOrderId(id)) return Reply::Of(*p);
  for (const auto& [k, v] : c.req.params)
    if (k != "aware" && k != "format")
      return Reply::Of(Problem::BadRequest(
          "bad_parameter", "unknown query parameter '" + k + "' (expected aware, format)", k));
  std::string format = c.req.has_param("format") ? c.req.get_param_value("format") : "json";
  if (format != "json" && format != "markdown")
    return Reply::Of(
        Problem::BadRequest("bad_parameter", "'format' must be json or markdown", "format"));
  auto row = orders_repo->Get(c.who->org, id);
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kNotFound)
      return Reply::Of(Problem::NotFound("no order '" + id + "'"));
    return InternalError(row.status());
  }
  Date aware = Date::Today();
  if (c.req.has_param("aware")) {
    auto d = Date::Parse(c.req.get_param_value("aware"));
    if (!d.ok())
      return Reply::Of(
          Problem::BadRequest("bad_parameter", "'aware': " + d.status().message(), "aware"));
    aware = *d;
  } else if (auto reviews = orders_repo->Reviews(c.who->org, id); reviews.ok()) {
    // The report clock starts when an analyst first decided to report.
    for (const auto& rv : *reviews)
      if (rv["disposition"] == "report") {
        auto d = Date::Parse(rv["created_at"].get<std::string>().substr(0, 10));
        if (d.ok()) aware = *d;
        break;
      }
  }
  auto report = orders::BuildReport({row->raw, row->output, row->policy, aware});
  if (!report.ok()) return InternalError(report.status());
  if (!Audit(c, "order.report", "order:" + id, {{"format", format}, {"aware", aware.ToString()}}))
    return InternalError(Status::Internal("audit log unavailable"));
  if (format == "markdown")
    return {200, orders::ReportMarkdown(*report), "text/markdown; charset=utf-8"};
  return Reply::Json(*report);
}

Reply Server::Impl::Stats(const Call& c) {
  int days = 30;
  for (const auto& [k, v] : c.req.params) {
    if (k != "days")
      return Reply::Of(Problem::BadRequest(
          "bad_parameter", "unknown query parameter '" + k + "' (expected days)", k));
    auto n = ParseIntParam(v, 1, 3660);
    if (!n)
      return Reply::Of(
          Problem::BadRequest("bad_parameter", "'days' must be an integer from 1 to 3660", "days"));
    days = static_cast<int>(*n);
  }
  auto r = orders_repo->Stats(c.who->org, days);
  if (!r.ok()) return InternalError(r.status());
  return Reply::Json(*r);
}

Reply Server::Impl::AuditEntries(const Call& c) {
  int64_t after = 0;
  int limit = 100;
  for (const auto& [k, v] : c.req.params) {
    std::optional<int64_t> n;
    if (k == "after" && (n = ParseIntParam(v, 0, 999'999'999'999)))
      after = *n;
    else if (k == "limit" && (n = ParseIntParam(v, 1, 1000)))
      limit = static_cast<int>(*n);
    else
      return Reply::Of(
          Problem::BadRequest("bad_parameter",
                              k == "after" || k == "limit"
                                  ? "'" + k + "' must be a non-negative integer (limit 1 to 1000)"
                                  : "unknown query parameter '" + k + "' (expected after, limit)",
                              k));
  }
  Json entries = Json::array();
  Status s =
      audit->Scan({.org_id = c.who->org_id, .after_seq = after, .limit = limit, .target = ""},
                  [&](const access::AuditEntry& e) {
                    entries.push_back(Json::parse(access::AuditEntryJson(e)));
                    return true;
                  });
  if (!s.ok()) return InternalError(s);
  // Reading the audit log is itself audited (after the scan, so it does not list itself).
  if (!Audit(c, "audit.read", "audit", {{"after", after}, {"returned", entries.size()}}))
    return InternalError(Status::Internal("audit log unavailable"));
  return Reply::Json({{"entries", entries}});
}

}  // namespace chokepoint::server
