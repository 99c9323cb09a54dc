// Stateless routes: health, metrics, OpenAPI, classify, depict, rulebooks, lists, party screening.
#include <algorithm>
#include <cctype>

#include "chem/molecule.h"
#include "classify/record_json.h"
#include "parties/party_json.h"
#include "server/depict.h"
#include "server/requests.h"
#include "server/server_impl.h"
#include "util/json.h"

namespace chokepoint::server {

namespace {

// Checks jurisdictions against the loaded rulebooks; upper-cases them. The problem names the
// field: "jurisdictions[i]" for a JSON array, "jurisdictions" for the comma-separated query
// parameter.
std::optional<Problem> CheckJurisdictions(const classify::Engine& engine,
                                          std::vector<std::string>* js, bool indexed) {
  auto loaded = engine.rules().Jurisdictions();
  for (size_t i = 0; i < js->size(); ++i) {
    std::string& j = (*js)[i];
    for (auto& c : j) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::find(loaded.begin(), loaded.end(), j) == loaded.end()) {
      std::string known;
      for (const auto& l : loaded) known += (known.empty() ? "" : ", ") + l;
      std::string field = indexed ? "jurisdictions[" + std::to_string(i) + "]" : "jurisdictions";
      return Problem::BadRequest(
          "bad_field", "'" + field + "': unknown jurisdiction '" + j + "' (loaded: " + known + ")",
          field);
    }
  }
  return std::nullopt;
}
}  // namespace

Reply Server::Impl::Healthz(const Call&) {
  // The database answers: a cheap read on the read connection.
  std::lock_guard lock(read_db->mutex());
  auto st = read_db->Prepare("SELECT 1");
  bool ok = st.ok() && st->Step().ok();
  Json j{{"status", ok ? "ok" : "degraded"}, {"database", ok ? "ok" : "unavailable"}};
  return Reply::Json(j, ok ? 200 : 503);
}

Reply Server::Impl::MetricsText(const Call&) {
  return {200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"};
}

Reply Server::Impl::OpenApi(const Call&) {
  return {200, Server::OpenApiJson(), "application/json"};
}

Reply Server::Impl::WhoAmI(const Call& c) {
  return Reply::Json({{"org", c.who->org},
                      {"role", access::RoleName(c.who->role)},
                      {"user", c.who->user},
                      {"token_id", c.who->token_id}});
}

Reply Server::Impl::Classify(const Call& c) {
  ClassifyRequest r;
  if (auto p = ParseClassifyRequest(c.req.body, &r)) return Reply::Of(*p);
  if (auto p = CheckJurisdictions(*engine, &r.jurisdictions, true)) return Reply::Of(*p);
  classify::ClassifyOptions o;
  o.jurisdictions = r.jurisdictions;
  if (r.at) o.at = *r.at;
  o.as = *chem::ParseInputType(r.as);
  o.want_inchi = r.inchi;
  if (options.request_budget.count() > 0)
    o.deadline = std::chrono::steady_clock::now() + options.request_budget;
  Json results = Json::array();
  std::map<std::string, int> verdicts;
  for (size_t i = 0; i < r.substances.size(); ++i) {
    classify::Record rec = engine->Classify(r.substances[i], o);
    if (rec.error.tag() == "too_complex") {
      if (r.substances.size() == 1)
        return Reply::Of({422, "too_complex", rec.error.message(), "substance"});
      if (i + 1 < r.substances.size())
        return Reply::Of({503, "time_budget_exceeded",
                          "the request used up its time budget of " +
                              std::to_string(options.request_budget.count() / 1000) +
                              " ms at substances[" + std::to_string(i) +
                              "]; send fewer substances per request",
                          "substances"});
    }
    rec.line = static_cast<int>(i + 1);
    ++verdicts[rec.verdict];
    results.push_back(classify::RecordToJson(rec));
  }
  Json out;
  out["at"] = o.at.ToString();
  out["count"] = results.size();
  out["verdicts"] = verdicts;
  out["results"] = std::move(results);
  return Reply::Json(out);
}

Reply Server::Impl::Depict(const Call& c) {
  for (const auto& [k, v] : c.req.params)
    if (k != "substance" && k != "jurisdictions" && k != "at" && k != "width" && k != "height")
      return Reply::Of(
          Problem::BadRequest("bad_parameter",
                              "unknown query parameter '" + k +
                                  "' (expected substance, jurisdictions, at, width, height)",
                              k));
  std::string substance = c.req.get_param_value("substance");
  if (substance.empty())
    return Reply::Of(Problem::BadRequest(
        "missing_parameter", "'substance' is required (SMILES, CAS or name)", "substance"));
  if (substance.size() > kMaxInputBytes)
    return Reply::Of(Problem::BadRequest("bad_parameter", "'substance' is too long", "substance"));
  classify::ClassifyOptions o;
  if (c.req.has_param("jurisdictions")) {
    std::string js = c.req.get_param_value("jurisdictions");
    size_t start = 0;
    while (start <= js.size()) {
      size_t comma = js.find(',', start);
      std::string j =
          js.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!j.empty()) o.jurisdictions.push_back(j);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (auto p = CheckJurisdictions(*engine, &o.jurisdictions, false)) {
      p->code = "bad_parameter";
      return Reply::Of(*p);
    }
  }
  if (c.req.has_param("at")) {
    auto d = Date::Parse(c.req.get_param_value("at"));
    if (!d.ok())
      return Reply::Of(Problem::BadRequest("bad_parameter", "'at': " + d.status().message(), "at"));
    o.at = *d;
  }
  int size[2] = {400, 300};
  const char* names[2] = {"width", "height"};
  for (int i = 0; i < 2; ++i) {
    if (!c.req.has_param(names[i])) continue;
    std::string v = c.req.get_param_value(names[i]);
    auto n = ParseIntParam(v, 100, 2000);
    if (!n)
      return Reply::Of(Problem::BadRequest(
          "bad_parameter", std::string("'") + names[i] + "' must be 100 to 2000", names[i]));
    size[i] = static_cast<int>(*n);
  }
  auto d = DepictSubstance(*engine, substance, o, size[0], size[1]);
  if (!d.ok()) {
    Problem p = Problem::FromStatus(d.status(), "substance");
    if (p.status == 404) p.status = 400;  // an unknown name is a bad parameter, not a missing route
    p.detail = "'substance': " + p.detail;
    return Reply::Of(p);
  }
  return {200, d->svg, "image/svg+xml"};
}

Reply Server::Impl::Rulebooks(const Call&) {
  Json out = Json::array();
  for (const auto& rb : engine->rules().rulebooks()) {
    Json j;
    j["jurisdiction"] = rb.jurisdiction;
    j["version"] = rb.version;
    j["files"] = rb.files;
    j["entries"] = rb.entries.size();
    j["classes"] = rb.classes.size();
    Json classes = Json::array();
    for (const auto& c : rb.classes)
      classes.push_back({{"id", c->id},
                         {"name", c->name},
                         {"listing", c->listing},
                         {"citation", c->citation},
                         {"effective", c->effective.ToString()}});
    j["class_rules"] = std::move(classes);
    j["coverage"] = rb.coverage;
    out.push_back(std::move(j));
  }
  return Reply::Json({{"rulebooks", out},
                      {"reference_substances", engine->rules().substances().size()},
                      {"policy", order_screener->policy().version}});
}

Reply Server::Impl::Lists(const Call&) {
  Json out = Json::array();
  if (lists)
    for (const auto& l : lists->lists()) out.push_back(parties::ListInfoToJson(l.info));
  return Reply::Json(
      {{"lists", out}, {"entities", party_screener ? party_screener->entity_count() : 0}});
}

Reply Server::Impl::ScreenParties(const Call& c) {
  PartyScreenRequest r;
  if (auto p = ParsePartyScreenRequest(c.req.body, &r)) return Reply::Of(*p);
  if (!party_screener)
    return Reply::Of(
        {503, "no_lists",
         "no screening lists are loaded: import one with `chokepoint lists import` or start the "
         "server with --list",
         ""});
  Json results = Json::array();
  for (const auto& q : r.parties) {
    auto m = party_screener->Screen(q, r.options);
    Json j;
    j["query"] = q.name;
    if (!m.ok()) {
      j["ok"] = false;
      j["error"] = {{"code", m.status().tag()}, {"message", m.status().message()}};
      j["matches"] = Json::array();
    } else {
      j["ok"] = true;
      j["error"] = nullptr;
      Json ms = Json::array();
      for (const auto& x : *m) ms.push_back(parties::MatchToJson(x));
      j["matches"] = std::move(ms);
    }
    results.push_back(std::move(j));
  }
  return Reply::Json({{"count", results.size()}, {"results", results}});
}

}  // namespace chokepoint::server
