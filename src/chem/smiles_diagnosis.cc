#include "chem/smiles_diagnosis.h"

#include <array>
#include <cctype>
#include <string>

namespace chokepoint::chem {
namespace {

bool IsSmilesChar(unsigned char c) {
  if (std::isalnum(c)) return true;
  switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '=':
    case '#':
    case '$':
    case ':':
    case '/':
    case '\\':
    case '.':
    case '-':
    case '+':
    case '@':
    case '%':
    case '*':
      return true;
    default:
      return false;
  }
}

std::string Position(size_t i) { return "position " + std::to_string(i + 1); }

std::string Describe(unsigned char c) {
  if (c < 0x20 || c >= 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return std::string("byte ") + buf;
  }
  return std::string("character '") + static_cast<char>(c) + "'";
}

}  // namespace

std::string DiagnoseSmilesSyntax(std::string_view s) {
  int depth = 0;
  bool in_bracket = false;
  size_t bracket_start = 0;
  std::array<long, 100> open_ring{};  // ring-bond label -> position+1 of its opening, 0 if closed
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!IsSmilesChar(c)) return Describe(c) + " at " + Position(i) + " is not valid in SMILES";
    if (in_bracket) {
      if (c == '[') return "'[' at " + Position(i) + " opens an atom inside another bracket atom";
      if (c == ']') in_bracket = false;
      continue;
    }
    switch (c) {
      case '[':
        in_bracket = true;
        bracket_start = i;
        break;
      case ']':
        return "unbalanced ']' at " + Position(i);
      case '(':
        ++depth;
        break;
      case ')':
        if (--depth < 0) return "unbalanced ')' at " + Position(i);
        break;
      case '%': {
        if (i + 2 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
            !std::isdigit(static_cast<unsigned char>(s[i + 2])))
          return "'%' at " + Position(i) + " must be followed by two digits";
        int label = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        open_ring[label] = open_ring[label] ? 0 : static_cast<long>(i + 1);
        i += 2;
        break;
      }
      default:
        if (std::isdigit(c)) {
          int label = c - '0';
          open_ring[label] = open_ring[label] ? 0 : static_cast<long>(i + 1);
        }
    }
  }
  if (in_bracket) return "'[' at " + Position(bracket_start) + " is never closed";
  if (depth > 0) return std::to_string(depth) + " '(' never closed";
  for (size_t label = 0; label < open_ring.size(); ++label) {
    if (open_ring[label]) {
      return "ring bond " + std::to_string(label) + " opened at " +
             Position(static_cast<size_t>(open_ring[label] - 1)) + " is never closed";
    }
  }
  return "";
}

size_t CountSmilesHeavyAtoms(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '[') {
      // [isotope]symbol...]: a hydrogen or a dummy atom is not heavy.
      size_t j = i + 1;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      const bool hydrogen =
          j < s.size() && s[j] == 'H' &&
          (j + 1 >= s.size() || !std::islower(static_cast<unsigned char>(s[j + 1])));
      const bool dummy = j < s.size() && s[j] == '*';
      if (!hydrogen && !dummy) ++n;
      while (i < s.size() && s[i] != ']') ++i;
      continue;
    }
    switch (c) {
      // Organic subset, aliphatic and aromatic ("Cl" and "Br" are one atom each).
      case 'B':
      case 'C':
      case 'N':
      case 'O':
      case 'P':
      case 'S':
      case 'F':
      case 'I':
      case 'b':
      case 'c':
      case 'n':
      case 'o':
      case 'p':
      case 's':
        ++n;
        if ((c == 'C' && i + 1 < s.size() && s[i + 1] == 'l') ||
            (c == 'B' && i + 1 < s.size() && s[i + 1] == 'r'))
          ++i;
        break;
      default:
        break;
    }
  }
  return n;
}

}  // namespace chokepoint::chem
