#include "util/yaml.h"

#include <yaml.h>

#include <cstdlib>
#include <map>

namespace chokepoint::yaml {

namespace {
const std::string& Empty() {
  static const std::string s;
  return s;
}
}  // namespace

// Builds the node tree from libyaml's event stream.
class Builder {
 public:
  Result<Node> Run(std::string_view text) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
      return Status::Internal("cannot initialize the YAML parser");
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    Status status = Status::OK();
    bool done = false;
    while (!done) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser, &ev)) {
        int line = static_cast<int>(parser.problem_mark.line) + 1;
        std::string what = parser.problem ? parser.problem : "syntax error";
        if (parser.context) what = std::string(parser.context) + ": " + what;
        status = Status::InvalidArgument(
            "line " + std::to_string(line) + ": YAML syntax error: " + what, "yaml_syntax");
        status_line_ = line;
        break;
      }
      status = Event(ev, &done);
      yaml_event_delete(&ev);
      if (!status.ok()) break;
    }
    yaml_parser_delete(&parser);
    if (!status.ok()) return status;
    if (!root_) {
      auto n = std::make_shared<Node::Impl>();
      n->type = Node::Type::kNull;
      root_ = n;
    }
    return Node(root_);
  }
  int status_line() const { return status_line_; }

 private:
  using ImplPtr = std::shared_ptr<Node::Impl>;

  Status Event(const yaml_event_t& ev, bool* done) {
    const int line = static_cast<int>(ev.start_mark.line);
    switch (ev.type) {
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        if (root_) *done = true;
        return Status::OK();
      case YAML_SCALAR_EVENT: {
        auto n = std::make_shared<Node::Impl>();
        n->line = line;
        n->scalar.assign(reinterpret_cast<const char*>(ev.data.scalar.value),
                         ev.data.scalar.length);
        const bool plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        const std::string& v = n->scalar;
        n->type = plain && (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL")
                      ? Node::Type::kNull
                      : Node::Type::kScalar;
        if (n->type == Node::Type::kNull) n->scalar.clear();
        Anchor(ev.data.scalar.anchor, n);
        return Add(n);
      }
      case YAML_ALIAS_EVENT: {
        auto it = anchors_.find(reinterpret_cast<const char*>(ev.data.alias.anchor));
        if (it == anchors_.end())
          return Status::InvalidArgument("line " + std::to_string(line + 1) + ": unknown alias");
        return Add(it->second);
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        auto n = std::make_shared<Node::Impl>();
        n->line = line;
        n->type = ev.type == YAML_SEQUENCE_START_EVENT ? Node::Type::kSequence : Node::Type::kMap;
        Anchor(ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                    : ev.data.mapping_start.anchor,
               n);
        Status s = Add(n);
        if (!s.ok()) return s;
        stack_.push_back({n, nullptr});
        return Status::OK();
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (!stack_.empty()) stack_.pop_back();
        return Status::OK();
      default:
        return Status::OK();
    }
  }

  void Anchor(const yaml_char_t* anchor, const ImplPtr& n) {
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = n;
  }

  // Attaches `n` to the open collection (or makes it the root).
  Status Add(const ImplPtr& n) {
    if (stack_.empty()) {
      if (!root_) root_ = n;
      return Status::OK();
    }
    auto& [parent, pending_key] = stack_.back();
    if (parent->type == Node::Type::kSequence) {
      parent->items.push_back(n);
    } else if (!pending_key) {
      if (n->type != Node::Type::kScalar && n->type != Node::Type::kNull)
        return Status::InvalidArgument("line " + std::to_string(n->line + 1) +
                                       ": a mapping key must be a plain value");
      pending_key = n;
    } else {
      parent->entries.emplace_back(pending_key, n);
      pending_key = nullptr;
    }
    return Status::OK();
  }

  ImplPtr root_;
  std::vector<std::pair<ImplPtr, ImplPtr>> stack_;  // open collection, pending mapping key
  std::map<std::string, ImplPtr> anchors_;
  int status_line_ = 0;
};

Result<Node> Node::Parse(std::string_view text) { return Builder().Run(text); }

const std::string& Node::scalar() const { return impl_ ? impl_->scalar : Empty(); }

template <>
std::string Node::as<std::string>() const {
  return scalar();
}

bool Node::IsInt() const {
  if (!IsScalar() || impl_->scalar.empty()) return false;
  char* end = nullptr;
  std::strtol(impl_->scalar.c_str(), &end, 10);
  return *end == '\0';
}

template <>
int Node::as<int>() const {
  return IsInt() ? static_cast<int>(std::strtol(impl_->scalar.c_str(), nullptr, 10)) : 0;
}

Node Node::operator[](std::string_view key) const {
  if (!IsMap()) return Node();
  for (const auto& [k, v] : impl_->entries)
    if (k->scalar == key) return Node(v);
  return Node();
}

size_t Node::size() const {
  if (!impl_) return 0;
  return impl_->type == Type::kMap        ? impl_->entries.size()
         : impl_->type == Type::kSequence ? impl_->items.size()
                                          : 0;
}

Node::Iterator Node::begin() const { return Iterator(impl_.get(), 0); }
Node::Iterator Node::end() const { return Iterator(impl_.get(), size()); }

Node::Item Node::Iterator::operator*() const {
  Item item;
  if (impl_->type == Type::kSequence) {
    static_cast<Node&>(item) = Node(impl_->items[i_]);
  } else {
    item.first = Node(impl_->entries[i_].first);
    item.second = Node(impl_->entries[i_].second);
    static_cast<Node&>(item) = item.second;
  }
  return item;
}

}  // namespace chokepoint::yaml
