// The two backends behind store::Connection. Internal to src/store.
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"

namespace chokepoint::store {

Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path);
Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& url);

}  // namespace chokepoint::store
