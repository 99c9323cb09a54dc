#include "parties/party_json.h"

#include <cmath>

namespace chokepoint::parties {
namespace {

Status StringList(const nlohmann::json& j, const char* field, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
    return Status::OK();
  }
  if (!j.is_array())
    return Status::InvalidArgument(std::string("'") + field + "' must be a list of strings",
                                   "bad_query");
  for (const auto& x : j) {
    if (!x.is_string())
      return Status::InvalidArgument(std::string("'") + field + "' must be a list of strings",
                                     "bad_query");
    out.push_back(x.get<std::string>());
  }
  return Status::OK();
}

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

}  // namespace

Result<PartyQuery> PartyQueryFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Status::InvalidArgument("a party must be a JSON object", "bad_query");
  PartyQuery q;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const auto& v = it.value();
    if (v.is_null()) continue;
    auto str = [&](std::string& dst) -> Status {
      if (!v.is_string())
        return Status::InvalidArgument("'" + k + "' must be a string", "bad_query");
      dst = v.get<std::string>();
      return Status::OK();
    };
    if (k == "name") {
      CP_RETURN_IF_ERROR(str(q.name));
    } else if (k == "country") {
      CP_RETURN_IF_ERROR(str(q.country));
    } else if (k == "address") {
      CP_RETURN_IF_ERROR(str(q.address));
    } else if (k == "date_of_birth" || k == "dob") {
      CP_RETURN_IF_ERROR(str(q.date_of_birth));
    } else if (k == "type") {
      std::string t;
      CP_RETURN_IF_ERROR(str(t));
      q.type = ParseEntityType(t);
      if (q.type == EntityType::kUnknown && !t.empty() && t != "unknown")
        return Status::InvalidArgument(
            "'type' must be entity, individual, vessel or aircraft, not '" + t + "'", "bad_query");
    } else if (k == "ids") {
      if (!v.is_object())
        return Status::InvalidArgument("'ids' must be an object of kind: value", "bad_query");
      for (auto x = v.begin(); x != v.end(); ++x) {
        if (x.value().is_string())
          q.ids[x.key()] = x.value().get<std::string>();
        else if (x.value().is_number_integer())
          q.ids[x.key()] = std::to_string(x.value().get<long long>());
        else
          return Status::InvalidArgument("'ids." + x.key() + "' must be a string", "bad_query");
      }
    } else if (k == "emails") {
      CP_RETURN_IF_ERROR(StringList(v, "emails", q.emails));
    } else if (k == "phones") {
      CP_RETURN_IF_ERROR(StringList(v, "phones", q.phones));
    } else if (k == "websites") {
      CP_RETURN_IF_ERROR(StringList(v, "websites", q.websites));
    } else
      return Status::InvalidArgument("unknown field '" + k + "'", "bad_query");
  }
  return q;
}

nlohmann::ordered_json ExplanationToJson(const Explanation& x) {
  nlohmann::ordered_json aligned = nlohmann::ordered_json::array();
  for (const auto& a : x.name.aligned) {
    aligned.push_back({{"query", a.query},
                       {"candidate", a.candidate},
                       {"how", a.how},
                       {"credit", Round3(a.credit)}});
  }
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const auto& i : x.identifiers) {
    ids.push_back(
        {{"kind", i.kind}, {"query", i.query_value}, {"list", i.list_value}, {"key", i.key}});
  }
  return {
      {"summary", x.summary},
      {"name_score", Round3(x.name_score)},
      {"query_variant", x.name.query_variant},
      {"candidate_variant", x.name.candidate_variant},
      {"aligned", aligned},
      {"unmatched_query", x.name.unmatched_query},
      {"unmatched_candidate", x.name.unmatched_candidate},
      {"legal_form", x.name.legal_form},
      {"penalties", x.name.penalties},
      {"normalization", x.normalization},
      {"identifiers", ids},
      {"country", x.country},
      {"date_of_birth", x.date_of_birth},
      {"type", x.type},
  };
}

nlohmann::ordered_json MatchToJson(const Match& m) {
  return {{"list", m.list},
          {"entity_id", m.entity_id},
          {"name", m.name},
          {"matched_name", m.matched_name},
          {"score", Round3(m.score)},
          {"programs", m.programs},
          {"type", EntityTypeName(m.type)},
          {"explanation", ExplanationToJson(m.explanation)}};
}

nlohmann::ordered_json ListInfoToJson(const ListInfo& i) {
  return {{"name", i.name},           {"format", i.format},           {"source", i.source},
          {"version", i.version},     {"entities", i.entities},       {"names", i.names},
          {"addresses", i.addresses}, {"identifiers", i.identifiers}, {"skipped", i.skipped}};
}

}  // namespace chokepoint::parties
