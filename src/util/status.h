// Status and Result<T>: the one error vocabulary of Chokepoint.
//
// A Status is the outcome of an operation: ok, or a code plus a message a user can act on.
// Expected failures (bad input, missing file, unknown name) are returned as values; exceptions
// are reserved for programmer errors and are converted at third-party adapters (RDKit, YAML).
// `tag` is an optional stable snake_case identifier for machine consumers
// (e.g. "invalid_smiles", "bad_cas_checksum"); it appears as `error.code` in JSON output.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace chokepoint {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is wrong (bad SMILES, bad CAS, bad option)
  kNotFound,         // a name, id or file that does not exist
  kCorruption,       // stored or loaded data violates its own format
  kIOError,          // the operating system refused (open, read, write)
  kFailedPrecondition,
  kUnimplemented,
  kInternal,  // a bug: an invariant did not hold
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg, std::string tag = "invalid_argument") {
    return Status(StatusCode::kInvalidArgument, std::move(msg), std::move(tag));
  }
  static Status NotFound(std::string msg, std::string tag = "not_found") {
    return Status(StatusCode::kNotFound, std::move(msg), std::move(tag));
  }
  static Status Corruption(std::string msg, std::string tag = "corruption") {
    return Status(StatusCode::kCorruption, std::move(msg), std::move(tag));
  }
  static Status IOError(std::string msg, std::string tag = "io_error") {
    return Status(StatusCode::kIOError, std::move(msg), std::move(tag));
  }
  static Status FailedPrecondition(std::string msg, std::string tag = "failed_precondition") {
    return Status(StatusCode::kFailedPrecondition, std::move(msg), std::move(tag));
  }
  static Status Unimplemented(std::string msg, std::string tag = "unimplemented") {
    return Status(StatusCode::kUnimplemented, std::move(msg), std::move(tag));
  }
  static Status Internal(std::string msg, std::string tag = "internal") {
    return Status(StatusCode::kInternal, std::move(msg), std::move(tag));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Stable machine-readable identifier ("ok" when ok).
  const std::string& tag() const { return tag_; }
  // "InvalidArgument: message".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `, e.g. a file:line location.
  Status WithContext(const std::string& context) const;

  bool operator==(const Status& o) const {
    return code_ == o.code_ && message_ == o.message_ && tag_ == o.tag_;
  }

 private:
  Status(StatusCode code, std::string msg, std::string tag)
      : code_(code), message_(std::move(msg)), tag_(std::move(tag)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string tag_ = "ok";
};

// Result<T> holds either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result constructed from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace chokepoint

// Early-return helpers in the LevelDB spirit.
#define CP_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::chokepoint::Status _cp_status = (expr); \
    if (!_cp_status.ok()) return _cp_status;  \
  } while (0)

#define CP_CONCAT_INNER(a, b) a##b
#define CP_CONCAT(a, b) CP_CONCAT_INNER(a, b)
#define CP_ASSIGN_OR_RETURN(lhs, expr) \
  CP_ASSIGN_OR_RETURN_IMPL(CP_CONCAT(_cp_res_, __LINE__), lhs, expr)
#define CP_ASSIGN_OR_RETURN_IMPL(res, lhs, expr) \
  auto res = (expr);                             \
  if (!res.ok()) return res.status();            \
  lhs = std::move(res).value()
