#include "exchange/indicators.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "util/csv.h"

namespace chokepoint::exchange {

namespace {

bool IsReply(const std::string& t) { return t == "clear" || t == "object" || t == "request_info"; }
bool IsFirstAnswer(const std::string& t) { return t == "acknowledge" || IsReply(t); }

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

Json Median(std::vector<double> v) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  return Round2(m);
}

struct Tally {
  int64_t notifications = 0, delivered = 0, answered = 0, expired = 0, pending = 0;
  std::vector<double> notif_hours;
  int64_t leads = 0, lead_delivered = 0, acknowledged = 0, acted_on = 0, declined = 0;
  std::vector<double> lead_hours;
  int64_t arrests = 0, prosecutions = 0, convictions = 0;
  double seized_kg = 0;

  Json ToJson() const {
    Json n = {{"sent", notifications}, {"delivered", delivered},
              {"answered", answered},  {"expired", expired},
              {"pending", pending},    {"median_hours_to_acknowledge", Median(notif_hours)}};
    Json l = {{"sent", leads},
              {"delivered", lead_delivered},
              {"acknowledged", acknowledged},
              {"acted_on", acted_on},
              {"acted_on_pct", leads ? Json(Round2(100.0 * static_cast<double>(acted_on) /
                                                   static_cast<double>(leads)))
                                     : Json(nullptr)},
              {"declined", declined},
              {"median_hours_to_acknowledge", Median(lead_hours)},
              {"arrests", arrests},
              {"prosecutions", prosecutions},
              {"convictions", convictions},
              {"seized_kg", Round2(seized_kg)}};
    return {{"notifications", n}, {"leads", l}};
  }
};

std::string Quarter(const std::string& ts) {
  int month = std::stoi(ts.substr(5, 2));
  return ts.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

// Adds one record to `t`, with `responder` the authority whose answers count.
void Count(const IndicatorRecord& r, const std::string& responder, int64_t now_ms, Tally* t) {
  const Json& rec = r.record;
  std::string kind = rec.value("kind", "");
  int64_t created = TimestampMs(rec.value("created_at", "1970-01-01T00:00:00Z"));
  bool delivered = r.receipts.count(responder) > 0;
  // The responder's own events, in order.
  std::vector<const IndicatorEvent*> mine;
  for (const auto& e : r.events)
    if (e.by == responder && ValidTimestamp(e.at)) mine.push_back(&e);
  auto hours = [&](const IndicatorEvent* e) {
    return static_cast<double>(TimestampMs(e->at) - created) / 3'600'000.0;
  };
  if (kind == "notification") {
    ++t->notifications;
    t->delivered += delivered;
    auto deadline = ReplyDeadlineMs(rec);
    const IndicatorEvent* first = nullptr;
    bool answered = false;
    for (const auto* e : mine) {
      if (!first && IsFirstAnswer(e->type)) first = e;
      if (IsReply(e->type) && deadline && TimestampMs(e->at) <= *deadline) answered = true;
    }
    if (first) t->notif_hours.push_back(hours(first));
    if (answered)
      ++t->answered;
    else if (deadline && now_ms > *deadline)
      ++t->expired;
    else
      ++t->pending;
  } else if (kind == "lead") {
    ++t->leads;
    t->lead_delivered += delivered;
    bool ack = false, acted = false, declined = false;
    for (const auto* e : mine) {
      if (e->type == "acknowledge" && !ack) {
        ack = true;
        t->lead_hours.push_back(hours(e));
      }
      acted |= e->type == "action_taken";
      declined |= e->type == "decline";
      if (e->type == "outcome" && e->event.contains("outcome")) {
        const Json& o = e->event["outcome"];
        t->arrests += o.value("arrests", int64_t{0});
        t->prosecutions += o.value("prosecutions", int64_t{0});
        t->convictions += o.value("convictions", int64_t{0});
        t->seized_kg += o.value("seized_kg", 0.0);
      }
    }
    t->acknowledged += ack;
    t->acted_on += acted;
    t->declined += declined;
  }
}

struct PartnerTally {
  Tally sent, received;
};

Json Reciprocity(const PartnerTally& p) {
  return {{"leads_given", p.sent.leads},
          {"leads_received", p.received.leads},
          {"ratio", p.received.leads ? Json(Round2(static_cast<double>(p.sent.leads) /
                                                   static_cast<double>(p.received.leads)))
                                     : Json(nullptr)}};
}

}  // namespace

Json ComputeIndicators(const IndicatorInput& in, const IndicatorQuery& q) {
  std::set<std::string> partners(in.peers.begin(), in.peers.end());
  std::map<std::string, PartnerTally> total;
  std::map<std::string, std::map<std::string, PartnerTally>> quarters;
  for (const auto& [id, r] : in.records) {
    const Json& rec = r.record;
    std::string created = rec.value("created_at", "");
    if (!ValidTimestamp(created)) continue;
    std::string day = created.substr(0, 10);
    if ((!q.from.empty() && day < q.from) || (!q.to.empty() && day > q.to)) continue;
    std::string originator = rec.value("originator", "");
    std::vector<std::string> to;
    for (const auto& t : rec.value("to", Json::array())) to.push_back(t.get<std::string>());
    if (originator == in.me) {
      for (const auto& p : to) {
        partners.insert(p);
        Count(r, p, in.now_ms, &total[p].sent);
        Count(r, p, in.now_ms, &quarters[p][Quarter(created)].sent);
      }
    } else if (std::find(to.begin(), to.end(), in.me) != to.end()) {
      partners.insert(originator);
      Count(r, in.me, in.now_ms, &total[originator].received);
      Count(r, in.me, in.now_ms, &quarters[originator][Quarter(created)].received);
    }
  }
  Json list = Json::array();
  for (const auto& p : partners) {
    if (!q.partner.empty() && p != q.partner) continue;
    const PartnerTally& t = total[p];
    Json qs = Json::array();
    for (const auto& [quarter, qt] : quarters[p])
      qs.push_back({{"quarter", quarter},
                    {"sent", qt.sent.ToJson()},
                    {"received", qt.received.ToJson()},
                    {"reciprocity", Reciprocity(qt)}});
    list.push_back({{"partner", p},
                    {"sent", t.sent.ToJson()},
                    {"received", t.received.ToJson()},
                    {"reciprocity", Reciprocity(t)},
                    {"quarters", qs}});
  }
  return {{"node", in.me},
          {"as_of", FormatTimestamp(in.now_ms)},
          {"from", q.from.empty() ? Json(nullptr) : Json(q.from)},
          {"to", q.to.empty() ? Json(nullptr) : Json(q.to)},
          {"partners", list}};
}

std::string IndicatorsCsv(const Json& ind) {
  std::string out =
      "partner,period,direction,notifications,notifications_delivered,notifications_answered,"
      "notifications_expired,"
      "notifications_pending,notifications_median_hours_to_acknowledge,leads,leads_delivered,leads_"
      "acknowledged,"
      "leads_acted_on,leads_acted_on_pct,leads_declined,leads_median_hours_to_acknowledge,arrests,"
      "prosecutions,"
      "convictions,seized_kg,leads_given,leads_received,reciprocity_ratio\n";
  auto num = [](const Json& v) -> std::string {
    if (v.is_null()) return "";
    if (v.is_number_float()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.get<double>());
      return buf;
    }
    return v.dump();
  };
  auto rows = [&](const std::string& partner, const std::string& period, const Json& block) {
    for (const char* dir : {"sent", "received"}) {
      const Json& n = block[dir]["notifications"];
      const Json& l = block[dir]["leads"];
      const Json& r = block["reciprocity"];
      std::vector<std::string> f = {CsvField(partner),
                                    period,
                                    dir,
                                    num(n["sent"]),
                                    num(n["delivered"]),
                                    num(n["answered"]),
                                    num(n["expired"]),
                                    num(n["pending"]),
                                    num(n["median_hours_to_acknowledge"]),
                                    num(l["sent"]),
                                    num(l["delivered"]),
                                    num(l["acknowledged"]),
                                    num(l["acted_on"]),
                                    num(l["acted_on_pct"]),
                                    num(l["declined"]),
                                    num(l["median_hours_to_acknowledge"]),
                                    num(l["arrests"]),
                                    num(l["prosecutions"]),
                                    num(l["convictions"]),
                                    num(l["seized_kg"]),
                                    num(r["leads_given"]),
                                    num(r["leads_received"]),
                                    num(r["ratio"])};
      for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
      out += "\n";
    }
  };
  for (const auto& p : ind["partners"]) {
    std::string partner = p["partner"];
    rows(partner, "all", p);
    for (const auto& q : p["quarters"]) rows(partner, q["quarter"], q);
  }
  return out;
}

}  // namespace chokepoint::exchange
