// The project's JSON value: nlohmann's ordered_json, so that objects keep the field order the
// documented contracts (and the golden files) show, instead of sorting keys.
#pragma once

#include <nlohmann/json.hpp>

namespace chokepoint {

using Json = nlohmann::ordered_json;

}  // namespace chokepoint
