// Result<T> and Error: how every layer reports failure to the layer above.
// Adapters (storage, search, render) catch their library's exceptions and return an Error; only
// http/ maps an ErrorCode to a status code.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kring {

enum class ErrorCode {
  kInvalidInput,  // the caller sent something we refuse (400)
  kNotFound,      // no such page, revision, topic (404)
  kForbidden,     // the caller's role does not allow it (403)
  kConflict,      // a stale base revision (409)
  kTooLarge,      // over a configured size cap (413)
  kUnavailable,   // a dependency is down or busy (503)
  kInternal,      // a bug or an unexpected library failure (500, logged)
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// Holds either a T or an Error. Cheap to move; check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Error& error() const { return std::get<Error>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status Ok() { return Done{}; }

}  // namespace kring
