// The Chokepoint database schema as an ordered list of migrations. Append new migrations;
// never edit a released one (a database records the last version it applied).
#pragma once

#include <vector>

#include "store/db.h"

namespace chokepoint::store {

const std::vector<Migration>& Migrations();

// Opens `path`, creating it and its schema when new, and applies pending migrations.
Result<std::unique_ptr<Database>> OpenStore(const std::string& path);

}  // namespace chokepoint::store
