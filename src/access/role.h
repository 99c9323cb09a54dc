// Roles and what each may do. One table (kPermissions in role.cc) decides every route's
// role check; the server, the docs and the authorization matrix test all read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::access {

enum class Role {
  kAdmin,     //!< manages its organization (tokens, audit) and may do everything an analyst does
  kAnalyst,   //!< works the review queue: reads orders, records dispositions
  kScreener,  //!< an API client (a marketplace checkout): screens substances, parties and orders
  kAuditor,   //!< read-only: decisions, reports, the audit log
};

const char* RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);
const std::vector<Role>& AllRoles();

// Operations a route performs. Organization boundaries are separate from roles: every
// operation on records is confined to the caller's organization, whatever the role.
enum class Action {
  kLookup,         //!< stateless reference lookups: classify, depict, rulebooks, lists
  kScreenParty,    //!< POST /v1/parties/screen
  kScreenOrder,    //!< POST /v1/orders/screen (decides and stores)
  kReadOrders,     //!< GET /v1/orders, /v1/orders/{id}, /v1/orders/{id}/report, /v1/stats
  kReviewOrder,    //!< POST /v1/orders/{id}/review
  kReadAudit,      //!< GET /v1/audit
  kReadExchange,   //!< GET /v1/exchange/…: records addressed to or sent by the node, indicators
  kWriteExchange,  //!< POST /v1/exchange/records and …/events: create records, record events
};

const char* ActionName(Action a);
bool Allowed(Role role, Action action);

}  // namespace chokepoint::access
