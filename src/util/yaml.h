// A small read-only YAML document model over libyaml, for the data files people edit (rulebooks,
// transforms, watch lists, policies): every node knows the line it was written on, so loaders can
// say "file:line: what is wrong". It parses about ten times faster than yaml-cpp, which matters
// because the rulebooks are read at every start.
//
// Supports what those files use: mappings, sequences, scalars (any style), anchors and aliases,
// one document. Mapping keys are scalars. Tags are ignored.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace chokepoint::yaml {

struct Position {
  int line = 0;  //!< 0-based, like yaml-cpp's Mark
};

class Node {
 public:
  enum class Type { kUndefined, kNull, kScalar, kSequence, kMap };

  Node() = default;

  // Parses the first document of `text`. A syntax error names its 1-based line.
  static Result<Node> Parse(std::string_view text);

  Type type() const { return impl_ ? impl_->type : Type::kUndefined; }
  explicit operator bool() const { return impl_ != nullptr; }  //!< false for a missing key
  bool IsNull() const { return type() == Type::kNull; }
  bool IsScalar() const { return type() == Type::kScalar; }
  bool IsSequence() const { return type() == Type::kSequence; }
  bool IsMap() const { return type() == Type::kMap; }
  Position Mark() const { return {impl_ ? impl_->line : 0}; }
  int line() const { return (impl_ ? impl_->line : 0) + 1; }  //!< 1-based

  //! The scalar's text ("" for null, sequences and maps).
  const std::string& scalar() const;
  // yaml-cpp style accessors used by the loaders: as<std::string>(), as<int>() (0 when the
  // scalar is not an integer; check with IsInt).
  template <typename T>
  T as() const;
  bool IsInt() const;

  //! Value of `key` in a mapping; an undefined node when absent or when this is not a mapping.
  Node operator[](std::string_view key) const;
  size_t size() const;

  // Iteration: a sequence yields its items; a mapping yields items whose `first` is the key and
  // `second` the value (the item itself is the value), as yaml-cpp's iterators do.
  struct Item;
  class Iterator;
  Iterator begin() const;
  Iterator end() const;

 private:
  struct Impl {
    Type type = Type::kUndefined;
    int line = 0;
    std::string scalar;
    std::vector<std::shared_ptr<Impl>> items;                                      // sequence
    std::vector<std::pair<std::shared_ptr<Impl>, std::shared_ptr<Impl>>> entries;  // mapping
  };
  explicit Node(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  friend class Builder;
  std::shared_ptr<Impl> impl_;
};

struct Node::Item : Node {
  Node first, second;
};

class Node::Iterator {
 public:
  Iterator(const Node::Impl* impl, size_t i) : impl_(impl), i_(i) {}
  Item operator*() const;
  struct Arrow {
    Item item;
    const Item* operator->() const { return &item; }
  };
  Arrow operator->() const { return {**this}; }
  Iterator& operator++() {
    ++i_;
    return *this;
  }
  bool operator!=(const Iterator& o) const { return i_ != o.i_ || impl_ != o.impl_; }
  bool operator==(const Iterator& o) const { return !(*this != o); }

 private:
  const Node::Impl* impl_;
  size_t i_;
};

template <>
std::string Node::as<std::string>() const;
template <>
int Node::as<int>() const;

}  // namespace chokepoint::yaml
