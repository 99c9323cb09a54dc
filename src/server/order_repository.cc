#include "server/order_repository.h"

#include <algorithm>
#include <map>
#include <set>

#include "orders/history.h"
#include "util/date.h"
#include "util/strings.h"

namespace chokepoint::server {

namespace {
Json ReviewJson(const store::Statement& st, int c) {
  return Json{{"id", st.Int(c)},
              {"disposition", st.Text(c + 1)},
              {"note", st.Text(c + 2)},
              {"actor", st.Text(c + 3)},
              {"created_at", st.Text(c + 4)}};
}

// The latest disposition per order, joined into list queries.
constexpr const char* kLastReview =
    "LEFT JOIN order_reviews r ON r.id = (SELECT max(id) FROM order_reviews x WHERE x.org = o.org "
    "AND "
    "x.order_id = o.id)";

// `text`, lower-cased, as a LIKE pattern that matches itself only (backslash escapes).
std::string LikeLiteral(const std::string& text) {
  std::string out;
  for (char c : Lower(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The first order date the dashboard counts: `days` days back from today (UTC).
std::string SinceDate(int days) {
  return orders::FromDayNumber(orders::DayNumber(Date::Today()) - days).ToString();
}
}  // namespace

Result<Json> OrderRepository::List(const std::string& org, const OrderFilter& f) {
  std::string where = " WHERE o.org = ?";
  if (!f.decision.empty()) where += " AND d.decision = ?";
  if (!f.from.empty()) where += " AND o.date >= ?";
  if (!f.to.empty()) where += " AND o.date <= ?";
  if (!f.customer.empty()) where += " AND lower(o.customer) LIKE '%' || ? || '%' ESCAPE '\\'";
  if (f.open) where += " AND d.decision IN ('review', 'hold') AND r.id IS NULL";
  auto bind = [&](store::Statement& st) {
    int i = 1;
    st.Bind(i++, org);
    if (!f.decision.empty()) st.Bind(i++, f.decision);
    if (!f.from.empty()) st.Bind(i++, f.from);
    if (!f.to.empty()) st.Bind(i++, f.to);
    if (!f.customer.empty()) st.Bind(i++, LikeLiteral(f.customer));
    return i;
  };
  std::string from =
      std::string(" FROM orders o JOIN decisions d ON d.org = o.org AND d.order_id = o.id ") +
      kLastReview;
  std::lock_guard lock(db_.mutex());
  Json out;
  Json rows = Json::array();
  {
    CP_ASSIGN_OR_RETURN(
        store::Statement st,
        db_.Prepare("SELECT o.id, o.date, o.customer, d.decision, d.score, d.decided_at, d.output, "
                    "r.disposition, r.created_at" +
                    from + where + " ORDER BY o.seq DESC LIMIT ? OFFSET ?"));
    int i = bind(st);
    st.Bind(i, static_cast<int64_t>(f.limit)).Bind(i + 1, static_cast<int64_t>(f.offset));
    for (;;) {
      CP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      Json o;
      o["id"] = st.Text(0);
      o["date"] = st.Text(1);
      o["customer"] = st.Text(2);
      o["decision"] = st.Text(3);
      o["score"] = st.Real(4);
      o["decided_at"] = st.Text(5);
      // Most severe reason first, for the queue.
      auto out_json = Json::parse(st.Text(6), nullptr, false);
      Json top = nullptr;
      size_t nreasons = 0;
      if (out_json.is_object() && out_json.contains("reasons") && out_json["reasons"].is_array()) {
        nreasons = out_json["reasons"].size();
        static const std::map<std::string, int> kRank = {
            {"critical", 4}, {"high", 3}, {"medium", 2}, {"low", 1}};
        for (const auto& r : out_json["reasons"]) {
          auto rank = [&](const Json& x) {
            auto it = kRank.find(x.value("severity", ""));
            return it == kRank.end() ? 0 : it->second;
          };
          if (top.is_null() || rank(r) > rank(top)) top = r;
        }
        if (out_json.contains("parties") && out_json["parties"].is_array())
          for (const auto& p : out_json["parties"])
            if (p.value("role", "") == "buyer") o["customer_name"] = p.value("name", "");
      }
      o["reasons"] = nreasons;
      o["top_reason"] = top;
      o["disposition"] = st.IsNull(7) ? Json(nullptr) : Json(st.Text(7));
      o["reviewed_at"] = st.IsNull(8) ? Json(nullptr) : Json(st.Text(8));
      rows.push_back(std::move(o));
    }
  }
  CP_ASSIGN_OR_RETURN(store::Statement count, db_.Prepare("SELECT count(*)" + from + where));
  bind(count);
  CP_ASSIGN_OR_RETURN(bool row, count.Step());
  out["orders"] = std::move(rows);
  out["total"] = row ? count.Int(0) : 0;
  out["limit"] = f.limit;
  out["offset"] = f.offset;
  return out;
}

Result<OrderRow> OrderRepository::Get(const std::string& org, const std::string& id) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare(
          "SELECT o.id, o.date, o.customer, o.raw, d.decision, d.score, d.policy, d.output, "
          "d.decided_at FROM orders o JOIN decisions d ON d.org = o.org AND d.order_id = o.id "
          "WHERE o.org = ? AND o.id = ?"));
  st.Bind(1, org).Bind(2, id);
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no order '" + id + "'", "not_found");
  OrderRow r;
  r.id = st.Text(0);
  r.date = st.Text(1);
  r.customer = st.Text(2);
  r.raw = st.Text(3);
  r.decision = st.Text(4);
  r.score = st.Real(5);
  r.policy = st.Text(6);
  r.output = st.Text(7);
  r.decided_at = st.Text(8);
  return r;
}

Result<Json> OrderRepository::AddReview(const std::string& org, const std::string& id,
                                        const ReviewRequest& r, const std::string& actor) {
  std::lock_guard lock(db_.mutex());
  std::string now = NowIso();
  // The existence check is part of the insert: no window in which another org's id counts.
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare(
          "INSERT INTO order_reviews(org, order_id, disposition, note, actor, created_at) "
          "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM orders WHERE org = ? AND id = ?) "
          "RETURNING id"));
  st.Bind(1, org)
      .Bind(2, id)
      .Bind(3, r.disposition)
      .Bind(4, r.note)
      .Bind(5, actor)
      .Bind(6, now)
      .Bind(7, org)
      .Bind(8, id);
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no order '" + id + "'", "not_found");
  int64_t review_id = st.Int(0);
  st.Reset();
  return Json{{"id", review_id},
              {"disposition", r.disposition},
              {"note", r.note},
              {"actor", actor},
              {"created_at", now}};
}

Result<Json> OrderRepository::Reviews(const std::string& org, const std::string& id) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare("SELECT id, disposition, note, actor, created_at FROM order_reviews "
                  "WHERE org = ? AND order_id = ? ORDER BY id"));
  st.Bind(1, org).Bind(2, id);
  Json out = Json::array();
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReviewJson(st, 0));
  }
}

Result<Json> OrderRepository::Stats(const std::string& org, int days) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare(
          "SELECT o.date, d.decision, d.output FROM orders o JOIN decisions d ON d.org = o.org "
          "AND d.order_id = o.id WHERE o.org = ? AND o.date >= ? "
          "ORDER BY o.date LIMIT 20000"));
  const std::string since = SinceDate(days);
  st.Bind(1, org).Bind(2, since);
  std::map<std::string, std::map<std::string, int>> by_day;
  std::map<std::string, int> by_decision, rules, substances, destinations;
  int64_t orders = 0;
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ++orders;
    std::string decision = st.Text(1);
    ++by_day[st.Text(0)][decision];
    ++by_decision[decision];
    auto j = Json::parse(st.Text(2), nullptr, false);
    if (!j.is_object()) continue;
    if (j.contains("reasons") && j["reasons"].is_array()) {
      std::set<std::string> seen;  // count each rule once per order
      for (const auto& r : j["reasons"])
        if (r.is_object() && seen.insert(r.value("rule", "")).second) ++rules[r.value("rule", "")];
    }
    if (j.contains("items") && j["items"].is_array())
      for (const auto& it : j["items"]) {
        if (!it.is_object()) continue;
        std::string name =
            it.contains("name") && it["name"].is_string() ? it["name"].get<std::string>() : "";
        if (name.empty() && it.contains("input") && it["input"].is_string()) name = it["input"];
        if (!name.empty() && it.value("verdict", "") != "clear") ++substances[name];
      }
    if (j.contains("route") && j["route"].is_object() && j["route"].contains("destination") &&
        j["route"]["destination"].is_string())
      ++destinations[j["route"]["destination"].get<std::string>()];
  }
  // Destinations are not in the decision record: the history facts keep each order's.
  if (destinations.empty()) {
    CP_ASSIGN_OR_RETURN(
        store::Statement rs,
        db_.Prepare(
            "SELECT f.destination, count(*) FROM history_facts f JOIN orders o ON o.org = f.org "
            "AND o.id = f.order_id WHERE o.org = ? AND o.date >= ? GROUP BY f.destination"));
    rs.Bind(1, org).Bind(2, since);
    for (;;) {
      CP_ASSIGN_OR_RETURN(bool row, rs.Step());
      if (!row) break;
      if (!rs.Text(0).empty()) destinations[rs.Text(0)] += static_cast<int>(rs.Int(1));
    }
  }
  auto top = [](const std::map<std::string, int>& m, size_t n) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    Json out = Json::array();
    for (size_t i = 0; i < v.size() && i < n; ++i)
      out.push_back({{"key", v[i].first}, {"count", v[i].second}});
    return out;
  };
  Json series = Json::array();
  for (const auto& [day, counts] : by_day) {
    Json d{{"date", day}};
    for (const char* k : {"clear", "review", "hold", "block"})
      d[k] = counts.count(k) ? counts.at(k) : 0;
    series.push_back(std::move(d));
  }
  Json out;
  out["days"] = days;
  out["orders"] = orders;
  Json dec;
  for (const char* k : {"clear", "review", "hold", "block"})
    dec[k] = by_decision.count(k) ? by_decision[k] : 0;
  out["by_decision"] = dec;
  out["over_time"] = std::move(series);
  out["top_rules"] = top(rules, 10);
  out["top_substances"] = top(substances, 10);
  out["top_destinations"] = top(destinations, 10);
  return out;
}

}  // namespace chokepoint::server
