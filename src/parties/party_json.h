// JSON for the screening API: queries in, matches and list descriptions out. Used by the CLI
// and (later) the HTTP server so both print the same records.
#pragma once

#include <nlohmann/json.hpp>

#include "parties/entity.h"
#include "parties/screener.h"
#include "util/status.h"

namespace chokepoint::parties {

// {"name", "country", "address", "ids": {kind: value}, "emails": [], "phones": [],
//  "websites": [], "date_of_birth", "type": "entity|individual|vessel|aircraft"}.
// Unknown fields are errors (tag "bad_query") so typos do not silently screen less.
Result<PartyQuery> PartyQueryFromJson(const nlohmann::json& j);

// {"list", "entity_id", "name", "matched_name", "score", "programs", "type", "explanation"}.
nlohmann::ordered_json MatchToJson(const Match& m);
nlohmann::ordered_json ExplanationToJson(const Explanation& x);

// {"name", "format", "source", "version", "entities", "names", "addresses", "identifiers",
// "skipped"}.
nlohmann::ordered_json ListInfoToJson(const ListInfo& info);

}  // namespace chokepoint::parties
