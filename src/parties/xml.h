// A minimal XML reader for list files (the UN consolidated list): elements, attributes, text,
// the five predefined entities and numeric character references; comments, processing
// instructions, DOCTYPE and CDATA are handled. No namespaces or DTD expansion. Built for
// untrusted input: bounded nesting, every index checked, errors carry the line.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace chokepoint::parties {

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;  //!< concatenated character data directly inside this element
  std::vector<std::unique_ptr<XmlNode>> children;
  int line = 0;

  // First child named `n`, or nullptr.
  const XmlNode* Child(std::string_view n) const;
  // Trimmed text of the first child named `n`, or "".
  std::string ChildText(std::string_view n) const;
};

// Parses a whole document; returns the root element.
Result<std::unique_ptr<XmlNode>> ParseXml(std::string_view text);

}  // namespace chokepoint::parties
