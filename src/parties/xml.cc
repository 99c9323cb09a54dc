#include "parties/xml.h"

#include <cctype>

#include "util/strings.h"

namespace chokepoint::parties {
namespace {

constexpr int kMaxDepth = 64;

void AppendUtf8(unsigned long cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    out += "\xEF\xBF\xBD";
    return;
  }
  if (cp < 0x80)
    out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  Result<std::unique_ptr<XmlNode>> Document() {
    std::unique_ptr<XmlNode> root;
    while (true) {
      SkipSpace();
      if (p_ >= t_.size()) break;
      if (t_.compare(p_, 2, "<?") == 0) {
        CP_RETURN_IF_ERROR(SkipUntil("?>"));
        continue;
      }
      if (t_.compare(p_, 4, "<!--") == 0) {
        CP_RETURN_IF_ERROR(SkipUntil("-->"));
        continue;
      }
      if (t_.compare(p_, 9, "<!DOCTYPE") == 0) {
        CP_RETURN_IF_ERROR(SkipUntil(">"));
        continue;
      }
      if (t_[p_] == '<' && !root) {
        CP_ASSIGN_OR_RETURN(root, Element(0));
        continue;
      }
      return Error("content after the root element");
    }
    if (!root) return Error("no root element");
    return root;
  }

 private:
  Status Error(const std::string& why) const {
    return Status::Corruption("line " + std::to_string(line_) + ": " + why, "bad_xml");
  }
  void Advance(size_t n) {
    for (size_t i = 0; i < n && p_ < t_.size(); ++i) line_ += t_[p_++] == '\n';
  }
  void SkipSpace() {
    while (p_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[p_]))) Advance(1);
  }
  Status SkipUntil(std::string_view end) {
    size_t e = t_.find(end, p_);
    if (e == std::string_view::npos) return Error("unterminated markup");
    Advance(e + end.size() - p_);
    return Status::OK();
  }
  std::string Name() {
    size_t b = p_;
    while (p_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[p_])) || t_[p_] == '_' ||
                              t_[p_] == ':' || t_[p_] == '-' || t_[p_] == '.'))
      ++p_;
    return std::string(t_.substr(b, p_ - b));
  }
  Status Decode(std::string_view raw, std::string& out) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      size_t semi = raw.find(';', i);
      if (semi == std::string_view::npos || semi - i > 12) return Error("bad entity reference");
      std::string_view ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "amp")
        out += '&';
      else if (ent == "lt")
        out += '<';
      else if (ent == "gt")
        out += '>';
      else if (ent == "quot")
        out += '"';
      else if (ent == "apos")
        out += '\'';
      else if (!ent.empty() && ent[0] == '#') {
        unsigned long cp = 0;
        bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        std::string_view digits = ent.substr(hex ? 2 : 1);
        if (digits.empty()) return Error("bad character reference");
        for (char c : digits) {
          int v = std::isdigit(static_cast<unsigned char>(c))           ? c - '0'
                  : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                        : -1;
          if (v < 0) return Error("bad character reference");
          cp = cp * (hex ? 16 : 10) + v;
          if (cp > 0x10FFFF) return Error("bad character reference");
        }
        AppendUtf8(cp, out);
      } else {
        return Error("unknown entity &" + std::string(ent) + ";");
      }
      i = semi;
    }
    return Status::OK();
  }

  Result<std::unique_ptr<XmlNode>> Element(int depth) {
    if (depth > kMaxDepth) return Error("elements nested too deeply");
    auto node = std::make_unique<XmlNode>();
    node->line = line_;
    Advance(1);  // '<'
    node->name = Name();
    if (node->name.empty()) return Error("expected an element name");
    while (true) {
      SkipSpace();
      if (p_ >= t_.size()) return Error("unterminated start tag <" + node->name + ">");
      if (t_[p_] == '/') {
        if (p_ + 1 >= t_.size() || t_[p_ + 1] != '>') return Error("expected '/>'");
        Advance(2);
        return node;
      }
      if (t_[p_] == '>') {
        Advance(1);
        break;
      }
      std::string an = Name();
      if (an.empty()) return Error("bad attribute in <" + node->name + ">");
      SkipSpace();
      if (p_ >= t_.size() || t_[p_] != '=') return Error("expected '=' after attribute " + an);
      Advance(1);
      SkipSpace();
      if (p_ >= t_.size() || (t_[p_] != '"' && t_[p_] != '\''))
        return Error("expected a quoted attribute value");
      char q = t_[p_];
      size_t e = t_.find(q, p_ + 1);
      if (e == std::string_view::npos) return Error("unterminated attribute value");
      std::string v;
      CP_RETURN_IF_ERROR(Decode(t_.substr(p_ + 1, e - p_ - 1), v));
      node->attrs[an] = v;
      Advance(e + 1 - p_);
    }
    while (true) {
      if (p_ >= t_.size()) return Error("unterminated element <" + node->name + ">");
      if (t_[p_] != '<') {
        size_t e = t_.find('<', p_);
        if (e == std::string_view::npos) e = t_.size();
        CP_RETURN_IF_ERROR(Decode(t_.substr(p_, e - p_), node->text));
        Advance(e - p_);
        continue;
      }
      if (t_.compare(p_, 4, "<!--") == 0) {
        CP_RETURN_IF_ERROR(SkipUntil("-->"));
        continue;
      }
      if (t_.compare(p_, 2, "<?") == 0) {
        CP_RETURN_IF_ERROR(SkipUntil("?>"));
        continue;
      }
      if (t_.compare(p_, 9, "<![CDATA[") == 0) {
        size_t e = t_.find("]]>", p_ + 9);
        if (e == std::string_view::npos) return Error("unterminated CDATA");
        node->text += t_.substr(p_ + 9, e - p_ - 9);
        Advance(e + 3 - p_);
        continue;
      }
      if (t_.compare(p_, 2, "</") == 0) {
        Advance(2);
        std::string n = Name();
        SkipSpace();
        if (n != node->name) return Error("</" + n + "> closes <" + node->name + ">");
        if (p_ >= t_.size() || t_[p_] != '>') return Error("expected '>'");
        Advance(1);
        return node;
      }
      CP_ASSIGN_OR_RETURN(auto child, Element(depth + 1));
      node->children.push_back(std::move(child));
    }
  }

  std::string_view t_;
  size_t p_ = 0;
  int line_ = 1;
};

}  // namespace

const XmlNode* XmlNode::Child(std::string_view n) const {
  for (const auto& c : children)
    if (c->name == n) return c.get();
  return nullptr;
}

std::string XmlNode::ChildText(std::string_view n) const {
  const XmlNode* c = Child(n);
  return c ? std::string(Trim(c->text)) : "";
}

Result<std::unique_ptr<XmlNode>> ParseXml(std::string_view text) { return Parser(text).Document(); }

}  // namespace chokepoint::parties
