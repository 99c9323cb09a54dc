#include "parties/name.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "parties/name_stages.h"
#include "parties/pinyin.h"
#include "parties/similarity.h"
#include "parties/text.h"

namespace chokepoint::parties {
namespace {

bool IsAlpha(const std::string& s) {
  for (char c : s)
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}
bool IsDigits(const std::string& s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

bool IsAmbiguousLegal(const std::string& w) {
  static const std::set<std::string> kAmbiguous = {
      "chao", "prat", "tov",  "fop",       "ip",  "pt",  "cv",  "as",      "ab",  "ao",  "sa",
      "sl",   "bt",   "est",  "dd",        "kk",  "oy",  "sal", "sia",     "gk",  "yk",  "bm",
      "lc",   "spe",  "shps", "sti",       "pte", "pty", "pvt", "private", "ug",  "kg",  "nv",
      "bv",   "ou",   "ehf",  "sac",       "sas", "snc", "ets", "gie",     "ska", "doo", "sro",
      "wll",  "sae",  "cos",  "companies", "spa", "ag",  "saa", "tbk",     "sau", "slu"};
  return kAmbiguous.count(w) > 0;
}

// Words before a colon that mark a field label in payment and shipping messages.
bool IsLabelWord(const std::string& w) {
  static const std::set<std::string> kLabels = {
      "shipper",  "consignee", "beneficiary", "customer", "field",    "buyer", "seller",
      "notify",   "party",     "applicant",   "ordering", "remitter", "payee", "payer",
      "importer", "exporter",  "name",        "to",       "from",     "attn",  "account",
      "holder",   "bank",      "sender",      "receiver"};
  return kLabels.count(w) > 0;
}

std::string DropLabel(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon > 40) return s;
  std::string word;
  bool label = false;
  for (size_t i = 0; i <= colon; ++i) {
    char c = i < colon ? s[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)))
      word += c;
    else {
      if (!word.empty() && (IsLabelWord(word) || IsDigits(word))) label = true;
      word.clear();
    }
  }
  return label ? s.substr(colon + 1) : s;
}

std::vector<RawToken> Tokenize(const std::string& in) {
  std::vector<RawToken> out;
  int group = 0, depth = 0;
  std::string cur;
  std::vector<std::string> cur_alts;
  bool cur_han = false, cur_abjad = false, cur_unspaced = false, cur_word = false;
  auto flush = [&] {
    if (cur.empty()) {
      cur_alts.clear();
      return;
    }
    if (cur_han || cur_word) {
      // One syllable, or one transliterated word, with its other readings: never split.
      out.push_back({cur, group, cur_han, false, depth > 0, false, std::move(cur_alts)});
      cur.clear();
      cur_alts.clear();
      cur_han = cur_word = false;
      return;
    }
    // Split letters from digits: "no3" → "no" "3", "v214w" → "v" "214" "w"; keep ordinals.
    size_t start = 0;
    for (size_t i = 1; i <= cur.size(); ++i) {
      bool split = i == cur.size() || (std::isdigit(static_cast<unsigned char>(cur[i])) !=
                                       std::isdigit(static_cast<unsigned char>(cur[i - 1])));
      if (split && i < cur.size()) {
        std::string rest = cur.substr(i);
        if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") split = false;
      }
      if (split) {
        out.push_back(
            {cur.substr(start, i - start), group, cur_han, cur_abjad, depth > 0, cur_unspaced, {}});
        start = i;
      }
    }
    cur.clear();
    cur_han = cur_abjad = cur_unspaced = false;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\x01') {
      flush();
      cur_han = true;
      continue;
    }
    if (c == '\x04') {
      flush();
      cur_word = true;
      continue;
    }
    if (c == '|' && (cur_han || cur_word)) {
      // Another reading of the syllable being read.
      size_t e = i + 1;
      while (e < in.size() && std::isalnum(static_cast<unsigned char>(in[e]))) ++e;
      if (e > i + 1) cur_alts.push_back(in.substr(i + 1, e - i - 1));
      i = e - 1;
      continue;
    }
    if (c == '\x02') {
      flush();
      cur_abjad = true;
      continue;
    }
    if (c == '\x03') {
      flush();
      cur_unspaced = true;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += c;
      continue;
    }
    if (c == '.') continue;  // "S.A." → "sa"; "F.lli" → "flli"
    if (c == '\'') {
      flush();
      // Possessive: "Bank's" → "bank".
      if (i + 1 < in.size() && in[i + 1] == 's' &&
          (i + 2 >= in.size() || !std::isalnum(static_cast<unsigned char>(in[i + 2]))))
        ++i;
      continue;
    }
    flush();
    if (c == '&')
      out.push_back({"and", group, false, false, depth > 0, false, {}});
    else if (c == ',' || c == '(' || c == ')' || c == ';' || c == ':')
      ++group;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
  }
  flush();
  return out;
}

// "d o o" → "doo", "m v" → "mv", "n k" → "nk": runs of single letters in one group join.
std::vector<RawToken> JoinSingleLetters(const std::vector<RawToken>& in) {
  std::vector<RawToken> out;
  for (size_t i = 0; i < in.size();) {
    if (in[i].text.size() == 1 && IsAlpha(in[i].text) && !in[i].from_han) {
      size_t j = i + 1;
      std::string joined = in[i].text;
      while (j < in.size() && in[j].text.size() == 1 && IsAlpha(in[j].text) && !in[j].from_han &&
             in[j].group == in[i].group) {
        joined += in[j].text;
        ++j;
      }
      out.push_back({joined, in[i].group, false, in[i].abjad, in[i].in_parens, in[i].unspaced, {}});
      i = j;
      continue;
    }
    out.push_back(in[i]);
    ++i;
  }
  return out;
}

std::string StripZeros(const std::string& d) {
  size_t k = d.find_first_not_of('0');
  return k == std::string::npos ? "0" : d.substr(k);
}

// The names of the folding steps that changed something ("case_fold,han_to_pinyin").
void AddFoldSteps(unsigned fold_steps, std::set<std::string>& steps) {
  if (!fold_steps) return;
  std::string names = FoldStepNames(fold_steps);
  size_t s = 0;
  while (s <= names.size()) {
    size_t e = names.find(',', s);
    if (e == std::string::npos) e = names.size();
    if (e > s) steps.insert(names.substr(s, e - s));
    s = e + 1;
  }
}

// "c/o" introduces an address: it becomes a group boundary so a head variant can drop it.
void MarkCareOf(std::string& text) {
  for (size_t p = text.find("c/o"); p != std::string::npos; p = text.find("c/o", p + 3)) {
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(text[p - 1]));
    bool right = p + 3 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[p + 3]));
    if (left && right) text.replace(p, 3, ",  ");
  }
}

// Roman numerals ("II", "XIV") are numbers only at the end of a group, after a word: "Xi
// Jinping" keeps its syllable, "Sino Iron II" gets its number; a legal form may follow.
bool IsTrailingNumeral(const std::vector<RawToken>& toks, size_t i) {
  if (i == 0) return false;
  return i + 1 == toks.size() || toks[i + 1].group != toks[i].group ||
         MatchVocabulary({toks[i + 1].text}, 0).cls == TokenClass::kLegal;
}

// Numbers: "no 3" → "3", "three" → "3", "iii" → "3", leading zeros dropped; a final lone
// "i"/"v"/"x" after a word is a numeral too ("Sino Iron I" vs "Sino Iron II"). Abbreviations
// are expanded ("bros" → "brothers") on the words that are not numbers.
std::vector<RawToken> ReadNumbers(const std::vector<RawToken>& raw, std::set<std::string>& steps) {
  std::vector<RawToken> toks;
  for (size_t i = 0; i < raw.size(); ++i) {
    RawToken t = raw[i];
    bool number_next = i + 1 < raw.size() && IsDigits(raw[i + 1].text);
    if ((t.text == "no" || t.text == "nr" || t.text == "number") && number_next) continue;
    if (t.text == "v" && number_next && i > 0) {
      // A voyage number after a vessel name ("V.214W") is not part of the name.
      ++i;
      if (i + 1 < raw.size() && raw[i + 1].text.size() == 1) ++i;
      steps.insert("annotation_removed");
      continue;
    }
    if (IsDigits(t.text)) {
      t.text = StripZeros(t.text);
    } else if (!t.from_han) {
      int n = WordNumber(t.text);
      bool roman = n >= 0 && t.text.find_first_not_of("ivxl") == std::string::npos;
      if (roman && !IsTrailingNumeral(raw, i)) n = -1;
      if (n >= 0) {
        t.text = std::to_string(n);
        steps.insert("numbers");
      } else if (std::string_view ab = ExpandAbbreviation(t.text); !ab.empty()) {
        t.text = std::string(ab);
        steps.insert("abbreviations");
      }
    }
    toks.push_back(t);
  }
  return toks;
}

// The words as the vocabulary reads them. A vocabulary word misspelt by one typing slip is
// read as that word ("GENERAL TARDING" → general trading), except in persons' names ("Marin"
// is a name).
struct VocabularyWords {
  std::vector<std::string> words;
  std::vector<bool> corrected;
};
VocabularyWords CorrectVocabularySlips(const std::vector<RawToken>& toks, bool person) {
  VocabularyWords out;
  for (const auto& t : toks) {
    std::string_view fix;
    if (!person && !t.from_han && !t.abjad && !t.unspaced && IsAlpha(t.text))
      fix = CorrectVocabularyTypo(t.text);
    out.words.emplace_back(fix.empty() ? std::string_view(t.text) : fix);
    out.corrected.push_back(!fix.empty());
  }
  return out;
}

// May `hit`, starting at word i, be read as a phrase here?
bool PhraseAllowed(const std::vector<RawToken>& toks, const std::vector<std::string>& words,
                   size_t i, const VocabHit& hit) {
  if (toks[i].from_han) return false;
  if (hit.length > 1 && hit.cls != TokenClass::kLegal &&
      toks[i + hit.length - 1].group != toks[i].group)
    return false;
  if (hit.length == 1 && hit.cls == TokenClass::kLegal && IsAmbiguousLegal(words[i])) {
    return i == 0 || i + 1 == toks.size() || toks[i - 1].group != toks[i].group ||
           toks[i + 1].group != toks[i].group;
  }
  return true;
}

// One token per piece the phrase choice made, with its class, concept and the words it covers.
std::vector<Token> MakeTokens(const std::vector<RawToken>& toks,
                              const std::vector<VocabHit>& pieces,
                              const std::vector<bool>& corrected, std::set<std::string>& steps) {
  std::vector<Token> tokens;
  size_t i = 0;
  for (const VocabHit& hit : pieces) {
    Token tok;
    tok.group = toks[i].group;
    tok.from_han = toks[i].from_han;
    tok.abjad = toks[i].abjad;
    tok.in_parens = toks[i].in_parens;
    tok.unspaced = toks[i].unspaced;
    for (const auto& a : toks[i].alts) {
      std::string k = Skeleton(a);
      if (std::find(tok.alts.begin(), tok.alts.end(), k) == tok.alts.end())
        tok.alts.push_back(std::move(k));
    }
    if (hit.length > 0) {
      tok.cls = hit.cls;
      tok.text = hit.canon;
      for (size_t k = 0; k < hit.length; ++k) {
        tok.surface += (k ? " " : "") + toks[i + k].text;
        tok.typo |= corrected[i + k];
      }
      tok.family = hit.family;
      tok.jurisdiction = hit.jurisdiction;
      if (hit.cls == TokenClass::kLegal) steps.insert("legal_form");
      if (hit.cls == TokenClass::kIndustry) steps.insert("industry_word");
      if (tok.typo) steps.insert("typo");
      i += hit.length;
    } else {
      tok.text = tok.surface = toks[i].text;
      tok.cls = IsDigits(tok.text) ? TokenClass::kNumber : TokenClass::kName;
      ++i;
    }
    tokens.push_back(std::move(tok));
  }
  return tokens;
}

// Vessel prefixes are only prefixes at the start: "MV Salaam Dar".
void MarkVesselPrefix(std::vector<Token>& tokens, std::set<std::string>& steps) {
  if (tokens.size() > 1 && tokens[0].cls == TokenClass::kName && IsVesselPrefix(tokens[0].text)) {
    tokens[0].cls = TokenClass::kStop;
    steps.insert("vessel_prefix");
  }
}

std::string WithoutSpaces(const std::string& s) {
  std::string flat;
  for (char c : s)
    if (c != ' ') flat += c;
  return flat;
}

// Skeletons for variant matching and the index; name words also get the pinyin readings of
// a Wade-Giles syllable.
void SetSkeletons(std::vector<Token>& tokens) {
  for (auto& t : tokens) {
    if (t.cls != TokenClass::kName) {
      // Vocabulary words keep their spelling's skeleton so a misspelled word can still meet
      // them ("Enterprisses").
      t.skel = Skeleton(WithoutSpaces(t.surface));
      continue;
    }
    t.skel = t.abjad ? AbjadKey(t.text) : Skeleton(t.text);
    if (!t.from_han) {
      for (const auto& p : WadeGilesToPinyin(t.text)) {
        std::string k = Skeleton(p);
        if (k != t.skel && std::find(t.alts.begin(), t.alts.end(), k) == t.alts.end())
          t.alts.push_back(std::move(k));
      }
    }
    // Readings equal to the main one add nothing.
    t.alts.erase(std::remove(t.alts.begin(), t.alts.end(), t.skel), t.alts.end());
  }
}

// A name made only of industry words ("Trading & Maritime Investments") is its own name:
// those words are then what identifies the party. Legal forms alone never are ("CORP").
void GenericWordsAsName(std::vector<Token>& tokens, std::set<std::string>& steps) {
  for (const auto& t : tokens)
    if (IsDistinctive(t.cls)) return;
  for (auto& t : tokens) {
    if (t.cls == TokenClass::kIndustry ||
        (t.cls == TokenClass::kLegal && IsAmbiguousLegal(t.surface))) {
      t.cls = TokenClass::kName;
      t.text = WithoutSpaces(t.surface);
      t.skel = Skeleton(t.text);
      steps.insert("generic_words_as_name");
    }
  }
}

// The former name after an alias marker at tokens[i] ("ex", "f.k.a.", "formerly known as"):
// the rest of its group, up to the next marker, without dates ("until 2019"). Returns the
// index of the last token read.
size_t ReadFormerName(const std::vector<Token>& tokens, size_t i, NameVariant& alias) {
  size_t j = i + 1;
  if (j + 1 < tokens.size() && tokens[j].text == "known" && tokens[j + 1].text == "as") j += 2;
  int g = tokens[j < tokens.size() ? j : i].group;
  for (; j < tokens.size() && tokens[j].group == g; ++j) {
    if (tokens[j].cls == TokenClass::kName && IsAliasMarker(tokens[j].text)) break;
    if (tokens[j].text == "until" || tokens[j].text == "since" || tokens[j].text == "till") {
      while (j + 1 < tokens.size() && tokens[j + 1].group == g &&
             tokens[j + 1].cls == TokenClass::kNumber)
        ++j;
      continue;
    }
    alias.tokens.push_back(tokens[j]);
  }
  return j - 1;
}

// The name itself, with former names split off into `aliases` and branch and flag
// annotations dropped.
NameVariant SplitFormerNames(const std::vector<Token>& tokens, std::vector<NameVariant>& aliases,
                             std::set<std::string>& steps) {
  NameVariant main{"name", {}};
  std::set<int> dropped_groups;
  for (const auto& t : tokens) {
    if (t.text == "flag" && t.group > 0) dropped_groups.insert(t.group);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (dropped_groups.count(t.group)) {
      steps.insert("annotation_removed");
      continue;
    }
    if (t.text == "branch" && t.cls == TokenClass::kName) {
      // "(Kakamega Branch)", "- Malindi Branch": the branch and its place go.
      if (!main.tokens.empty() && main.tokens.back().group == t.group &&
          main.tokens.back().cls == TokenClass::kName)
        main.tokens.pop_back();
      steps.insert("annotation_removed");
      continue;
    }
    if (t.cls == TokenClass::kName && IsAliasMarker(t.text) && i + 1 < tokens.size() &&
        !main.tokens.empty()) {
      NameVariant alias{"former_name", {}};
      i = ReadFormerName(tokens, i, alias);
      if (!alias.tokens.empty()) aliases.push_back(std::move(alias));
      steps.insert("former_name");
      continue;
    }
    main.tokens.push_back(t);
  }
  return main;
}

// A vessel's port or flag in parentheses: "M/V MZIURI (Batumi)" is also "MZIURI".
std::optional<NameVariant> VesselWithoutParentheses(const NameVariant& main) {
  if (main.tokens.empty() || main.tokens[0].cls != TokenClass::kStop ||
      !IsVesselPrefix(main.tokens[0].surface))
    return std::nullopt;
  NameVariant bare{"head", {}};
  for (const auto& t : main.tokens)
    if (!t.in_parens) bare.tokens.push_back(t);
  if (bare.tokens.size() < main.tokens.size() && bare.HasDistinctive()) return bare;
  return std::nullopt;
}

// For non-persons, the part before the first comma when the rest carries no legal form
// ("MV Siam Orchid 7, Bangkok") and the head has two words of its own.
std::optional<NameVariant> HeadBeforeComma(const NameVariant& main) {
  if (main.tokens.empty()) return std::nullopt;
  int g0 = main.tokens.front().group;
  NameVariant head{"head", {}};
  bool rest_has_legal = false, has_rest = false;
  size_t head_distinct = 0;
  for (const auto& t : main.tokens) {
    if (t.group == g0) {
      head.tokens.push_back(t);
      head_distinct += t.cls != TokenClass::kStop && t.cls != TokenClass::kLegal;
    } else {
      has_rest = true;
      rest_has_legal |= t.cls == TokenClass::kLegal;
    }
  }
  if (has_rest && !rest_has_legal && head_distinct >= 2 && head.HasDistinctive()) return head;
  return std::nullopt;
}

}  // namespace

std::vector<VocabHit> ChoosePhrases(const std::vector<RawToken>& toks,
                                    const std::vector<std::string>& words) {
  // Cost of the best reading of words [i, end): unexplained words, then pieces.
  struct Cost {
    size_t names = 0, pieces = 0;
    VocabHit hit;
  };
  std::vector<Cost> best(toks.size() + 1);
  for (size_t i = toks.size(); i-- > 0;) {
    best[i] = {best[i + 1].names + 1, best[i + 1].pieces + 1, VocabHit{}};
    for (const VocabHit& hit : MatchVocabularyAll(words, i)) {
      if (!PhraseAllowed(toks, words, i, hit)) continue;
      const Cost& rest = best[i + hit.length];
      // Hits come shortest first: "<=" keeps the longest of equally good ones.
      if (rest.names < best[i].names ||
          (rest.names == best[i].names && rest.pieces + 1 <= best[i].pieces))
        best[i] = {rest.names, rest.pieces + 1, hit};
    }
  }
  std::vector<VocabHit> pieces;
  for (size_t i = 0; i < toks.size(); i += std::max<size_t>(1, best[i].hit.length))
    pieces.push_back(best[i].hit);
  return pieces;
}

bool IsDistinctive(TokenClass c) {
  return c == TokenClass::kName || c == TokenClass::kNumber || c == TokenClass::kPlace;
}

bool NameVariant::HasDistinctive() const {
  for (const auto& t : tokens)
    if (IsDistinctive(t.cls)) return true;
  return false;
}

std::string JoinTokens(const NameVariant& v) {
  std::string s;
  for (const auto& t : v.tokens) {
    if (!s.empty()) s += ' ';
    s += t.text;
  }
  return s;
}

Result<NormalizedName> NormalizeName(std::string_view raw, const NormalizeOptions& options) {
  if (raw.size() > options.max_bytes) {
    return Status::InvalidArgument("name is " + std::to_string(raw.size()) +
                                       " bytes; the limit is " + std::to_string(options.max_bytes),
                                   "name_too_long");
  }
  CP_ASSIGN_OR_RETURN(FoldedText folded, FoldToAscii(raw));
  std::set<std::string> steps;
  AddFoldSteps(folded.steps, steps);
  std::string text = DropLabel(folded.text);
  if (text.size() != folded.text.size()) steps.insert("label_removed");
  MarkCareOf(text);

  std::vector<RawToken> toks = ReadNumbers(JoinSingleLetters(Tokenize(text)), steps);
  VocabularyWords vocab = CorrectVocabularySlips(toks, options.person);
  std::vector<Token> tokens =
      MakeTokens(toks, ChoosePhrases(toks, vocab.words), vocab.corrected, steps);
  MarkVesselPrefix(tokens, steps);
  SetSkeletons(tokens);
  GenericWordsAsName(tokens, steps);

  NormalizedName result;
  std::vector<NameVariant> aliases;
  NameVariant main = SplitFormerNames(tokens, aliases, steps);
  result.variants.push_back(main);
  for (auto& a : aliases) result.variants.push_back(std::move(a));
  if (auto bare = VesselWithoutParentheses(main)) result.variants.push_back(std::move(*bare));
  if (!options.person) {
    if (auto head = HeadBeforeComma(main)) result.variants.push_back(std::move(*head));
  }
  result.steps.assign(steps.begin(), steps.end());
  return result;
}

}  // namespace chokepoint::parties
