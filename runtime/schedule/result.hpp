#pragma once
// A value or the typed error explaining why there is none (errors are values: DESIGN rule 7).
// Check ok() before value(); the class is [[nodiscard]] so a dropped result is a warning
// (an error under -Werror).
#include <cassert>
#include <utility>
#include <variant>

namespace courtside::schedule {

template <class T, class E>
class [[nodiscard]] result {
public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: ok().
  [[nodiscard]] T& value() & {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::move(*std::get_if<0>(&state_));
  }

  /// Precondition: !ok().
  [[nodiscard]] const E& error() const {
    assert(!ok());
    return *std::get_if<1>(&state_);
  }

private:
  std::variant<T, E> state_;
};

} // namespace courtside::schedule
