// JSON form of a classification record: the `chokepoint classify` contract of DESIGN.md.
#pragma once

#include <nlohmann/json.hpp>

#include "classify/engine.h"
#include "util/json.h"

namespace chokepoint::classify {

Json StatusToJson(const JurisdictionStatus& st);
Json FlagToJson(const Flag& flag);
Json RecordToJson(const Record& record);

// RecordToJson(record).dump(), written directly into a string (no intermediate document): the
// CLI writes one per input, and building the document cost more than a third of a SMILES parse.
// The bytes are identical (record_json_test checks it on real records).
std::string RecordToJsonText(const Record& record);

}  // namespace chokepoint::classify
