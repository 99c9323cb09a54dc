// Organization-scoped reads of screened orders and the analysts' dispositions.
//
// Every query carries `WHERE org = ?` with the caller's organization: a record of another
// organization is not filtered out after reading, it is never read. A missing and a foreign
// order look the same (NotFound).
//
// Reads the orders store's tables (orders, decisions; src/store/schema.cc) and owns
// order_reviews (src/access/schema.cc). Thread-safe (holds the connection's mutex).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "server/requests.h"
#include "store/connection.h"
#include "util/json.h"

namespace chokepoint::server {

struct OrderRow {
  std::string id, date, customer, raw, decision, policy, output, decided_at;
  double score = 0;
};

class OrderRepository {
 public:
  explicit OrderRepository(store::Connection& db) : db_(db) {}

  // {"orders": [...], "total": n, "limit", "offset"}; newest decisions first.
  Result<Json> List(const std::string& org, const OrderFilter& f);
  Result<OrderRow> Get(const std::string& org, const std::string& id);
  // Records a disposition; NotFound when `org` has no such order.
  Result<Json> AddReview(const std::string& org, const std::string& id, const ReviewRequest& r,
                         const std::string& actor);
  Result<Json> Reviews(const std::string& org, const std::string& id);
  // Dashboard figures over the last `days` days of order dates.
  Result<Json> Stats(const std::string& org, int days);

 private:
  store::Connection& db_;
};

}  // namespace chokepoint::server
