#include "access/role.h"

namespace chokepoint::access {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kAnalyst:
      return "analyst";
    case Role::kScreener:
      return "screener";
    case Role::kAuditor:
      return "auditor";
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view s) {
  for (Role r : AllRoles())
    if (s == RoleName(r)) return r;
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kAdmin, Role::kAnalyst, Role::kScreener,
                                         Role::kAuditor};
  return kAll;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kLookup:
      return "lookup";
    case Action::kScreenParty:
      return "screen_party";
    case Action::kScreenOrder:
      return "screen_order";
    case Action::kReadOrders:
      return "read_orders";
    case Action::kReviewOrder:
      return "review_order";
    case Action::kReadAudit:
      return "read_audit";
    case Action::kReadExchange:
      return "read_exchange";
    case Action::kWriteExchange:
      return "write_exchange";
  }
  return "?";
}

bool Allowed(Role role, Action action) {
  // Rows: action; columns: admin, analyst, screener, auditor.
  // The auditor never writes; the screener (a machine client) never reads stored records
  // beyond the decision it was just given, and never records dispositions.
  switch (action) {
    case Action::kLookup:
      return true;
    case Action::kScreenParty:
    case Action::kScreenOrder:
      return role != Role::kAuditor;
    case Action::kReadOrders:
      return role != Role::kScreener;
    case Action::kReviewOrder:
      return role == Role::kAdmin || role == Role::kAnalyst;
    case Action::kReadAudit:
      return role == Role::kAdmin || role == Role::kAuditor;
    // Authorities' exchange: analysts (and admins) write, the auditor reads; a screener is a
    // machine client of the order path and sees nothing of it.
    case Action::kReadExchange:
      return role != Role::kScreener;
    case Action::kWriteExchange:
      return role == Role::kAdmin || role == Role::kAnalyst;
  }
  return false;
}

}  // namespace chokepoint::access
