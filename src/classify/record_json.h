// JSON form of a classification record: the `chokepoint classify` contract of DESIGN.md.
#pragma once

#include <nlohmann/json.hpp>

#include "classify/engine.h"

namespace chokepoint::classify {

using Json = nlohmann::ordered_json;

Json StatusToJson(const JurisdictionStatus& st);
Json FlagToJson(const Flag& flag);
Json RecordToJson(const Record& record);

}  // namespace chokepoint::classify
