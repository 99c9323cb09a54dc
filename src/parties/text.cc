#include "parties/text.h"

#include <unicode/normalizer2.h>
#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parties/cjk_readings.h"
#include "parties/hangul.h"
#include "parties/native_words.h"

namespace chokepoint::parties {
namespace {

struct Prototypes {
  std::unique_ptr<icu::Transliterator> han;  // Han → pinyin, per character
  std::unique_ptr<icu::Transliterator> t2s;  // Traditional → Simplified
};

std::once_flag g_han_once;
Prototypes g_proto;

icu::Transliterator* Create(const char* id) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Transliterator* t =
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, st);
  if (U_FAILURE(st)) {
    delete t;
    return nullptr;
  }
  return t;
}

// French and German spellings of Russian names (Щукин: Chtchoukine, Schtschukin; Хрущёв:
// Khrouchtchev, Chruschtschow), as ICU transform rules; the English spelling is BGN/PCGN's.
const char* kCyrillicFrench = R"(
$v = [аеёиоуыэюя];
ий } [^[:L:]] > i ; ый } [^[:L:]] > y ; ин } [^[:L:]] > ine ;
$v { с } $v > ss ; [^[:L:]] { е > ie ; $v { е > ie ;
а > a ; б > b ; в > v ; г > g ; д > d ; е > e ; ё > e ; ж > j ; з > z ; и > i ; й > ï ; к > k ;
л > l ; м > m ; н > n ; о > o ; п > p ; р > r ; с > s ; т > t ; у > ou ; ф > f ; х > kh ; ц > ts ;
ч > tch ; ш > ch ; щ > chtch ; ъ > ; ы > y ; ь > ; э > e ; ю > iou ; я > ia ; і > i ; ї > ï ; є > ie ;
ґ > g ; ў > ou ;
)";
const char* kCyrillicGerman = R"(
$v = [аеёиоуыэюя];
ий } [^[:L:]] > i ; ый } [^[:L:]] > y ;
$v { с } $v > ss ; [^[:L:]] { е > je ; $v { е > je ; [жчшщ] { ё > o ;
а > a ; б > b ; в > w ; г > g ; д > d ; е > e ; ё > jo ; ж > sch ; з > s ; и > i ; й > j ; к > k ;
л > l ; м > m ; н > n ; о > o ; п > p ; р > r ; с > s ; т > t ; у > u ; ф > f ; х > ch ; ц > z ;
ч > tsch ; ш > sch ; щ > schtsch ; ъ > ; ы > y ; ь > ; э > e ; ю > ju ; я > ja ; і > i ; ї > ji ;
є > je ; ґ > g ; ў > u ;
)";

// Transliterators by ID ("Russian-Latin/BGN; Any-Latin; Latin-ASCII", or "fr"/"de" for the
// rules above), created once per process and cloned per thread.
icu::Transliterator* Prototype(const std::string& id) {
  static std::mutex mu;
  static auto* protos = new std::unordered_map<std::string, std::unique_ptr<icu::Transliterator>>;
  std::lock_guard<std::mutex> lock(mu);
  auto it = protos->find(id);
  if (it != protos->end()) return it->second.get();
  icu::Transliterator* t = nullptr;
  if (id == "fr" || id == "de") {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    t = icu::Transliterator::createFromRules(
        icu::UnicodeString::fromUTF8("Cyrillic-Latin/" + id),
        icu::UnicodeString::fromUTF8(id == "fr" ? kCyrillicFrench : kCyrillicGerman),
        UTRANS_FORWARD, pe, st);
    if (U_FAILURE(st)) {
      delete t;
      t = nullptr;
    }
  } else {
    t = Create(id.c_str());
  }
  return protos->emplace(id, std::unique_ptr<icu::Transliterator>(t)).first->second.get();
}

// Per-thread clones and caches: icu::Transliterator is not thread-safe.
struct ThreadState {
  std::unique_ptr<icu::Transliterator> han, t2s;
  std::unordered_map<std::string, std::unique_ptr<icu::Transliterator>> by_id;
  std::unordered_map<UChar32, std::string> han_syllable;
  std::unordered_map<std::u16string, std::u16string> simplified;
  std::unordered_map<std::u16string, std::string> other_run;

  icu::Transliterator* Han() {
    std::call_once(g_han_once, [] {
      g_proto.han.reset(Create("Han-Latin; Latin-ASCII"));
      g_proto.t2s.reset(Create("Traditional-Simplified"));
    });
    if (!han && g_proto.han) han.reset(g_proto.han->clone());
    if (!t2s && g_proto.t2s) t2s.reset(g_proto.t2s->clone());
    return han.get();
  }
  icu::Transliterator* Get(const std::string& id) {
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      icu::Transliterator* p = Prototype(id);
      it = by_id.emplace(id, std::unique_ptr<icu::Transliterator>(p ? p->clone() : nullptr)).first;
    }
    return it->second.get();
  }
  void Trim() {
    // Bounded memory: batches of millions of distinct names must not grow without limit.
    if (han_syllable.size() > 100000) han_syllable.clear();
    if (simplified.size() > 50000) simplified.clear();
    if (other_run.size() > 50000) other_run.clear();
  }
};

ThreadState& State() {
  thread_local ThreadState s;
  return s;
}

// ASCII-only folding of a UTF-16 string that ICU has already transliterated: non-ASCII → space.
void AppendAsciiOnly(const icu::UnicodeString& u, std::string& out) {
  std::string s;
  u.toUTF8String(s);
  for (unsigned char c : s) out += c < 0x80 ? static_cast<char>(c) : ' ';
}

// Letters outside Unicode decomposition that still have an obvious ASCII reading.
const char* SpecialLatin(UChar32 c) {
  switch (c) {
    case 0x0142:
      return "l";  // ł
    case 0x00F8:
      return "o";  // ø
    case 0x0111:
      return "d";  // đ
    case 0x00F0:
      return "d";  // ð
    case 0x00FE:
      return "th";  // þ
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x0131:
      return "i";  // dotless ı
    case 0x00DF:
      return "ss";  // ß (case folding normally does this)
    case 0x0127:
      return "h";  // ħ
    case 0x0259:
      return "e";  // ə
    case 0x02BC:
    case 0x2019:
    case 0x2018:
    case 0x02BB:
    case 0x0060:
    case 0x00B4:
      return "'";
    default:
      return nullptr;
  }
}

// 〇一二三四五六七八九 → 0–9, 十 → 10, 百 → 100; -1 for any other character.
int HanDigit(UChar32 c) {
  switch (c) {
    case 0x3007:
    case 0x96F6:
      return 0;
    case 0x4E00:
      return 1;
    case 0x4E8C:
      return 2;
    case 0x4E09:
      return 3;
    case 0x56DB:
      return 4;
    case 0x4E94:
      return 5;
    case 0x516D:
      return 6;
    case 0x4E03:
      return 7;
    case 0x516B:
      return 8;
    case 0x4E5D:
      return 9;
    case 0x5341:
      return 10;
    case 0x767E:
      return 100;
    default:
      return -1;
  }
}

bool IsKeptPunct(UChar32 c) {
  return c == '.' || c == ',' || c == '(' || c == ')' || c == '\'' || c == '&' || c == '/' ||
         c == ':' || c == ';' || c == '-';
}

// "|reading" for each Japanese and Korean reading of a Han character not yet written.
void AppendReadings(UChar32 c, const std::string& pinyin, std::string& out) {
  const HanReadings* r = ReadingsOfHan(static_cast<char32_t>(c));
  if (!r) return;
  for (const auto* list : {&r->korean, &r->japanese}) {
    for (const auto& x : *list) {
      if (x == pinyin) continue;
      out += '|';
      out += x;
    }
  }
}

// Hangul: business words translated, every other syllable romanized on its own with its
// variants (hangul.h). The first syllable of a two- to four-syllable word is a family name
// when the word is a person's name, so it also gets the family-name spellings.
void FoldHangulRun(const icu::UnicodeString& run, std::string& out, unsigned& steps) {
  const auto& words = RunWords(USCRIPT_HANGUL);
  int32_t n = run.length(), word_start = 0;
  for (int32_t i = 0; i < n;) {
    bool word = false;
    for (const auto& [w, english] : words) {
      if (run.compare(i, w.length(), w) == 0) {
        out += english;
        i += w.length();
        word_start = i;
        steps |= kFoldNativeWords;
        word = true;
        break;
      }
    }
    if (word) continue;
    UChar32 c = run.char32At(i);
    i += U16_LENGTH(c);
    auto romanized =
        RomanizeHangul(static_cast<char32_t>(c), i - U16_LENGTH(c) == word_start &&
                                                     n - word_start <= 4 && n - word_start >= 2);
    if (romanized.empty()) {
      out += ' ';
      continue;
    }
    out += " \x01";
    for (size_t k = 0; k < romanized.size(); ++k) out += (k ? "|" : "") + romanized[k];
    out += ' ';
    steps |= kFoldTransliterated;
  }
}

void FoldHanRun(const icu::UnicodeString& run, std::string& out, unsigned& steps) {
  ThreadState& ts = State();
  icu::Transliterator* han = ts.Han();
  std::u16string key(run.getBuffer(), run.length());
  icu::UnicodeString simp;
  auto it = ts.simplified.find(key);
  if (it != ts.simplified.end()) {
    simp = icu::UnicodeString(it->second.data(), static_cast<int32_t>(it->second.size()));
  } else {
    simp = run;
    if (ts.t2s) ts.t2s->transliterate(simp);
    ts.simplified.emplace(key, std::u16string(simp.getBuffer(), simp.length()));
  }
  if (simp != run) steps |= kFoldTradSimp;
  int32_t i = 0, n = simp.length();
  // The character as written, for its Japanese and Korean readings: those are listed under
  // the traditional forms (會社, 金) that the Simplified text no longer has.
  bool same_length = simp.length() == run.length();
  while (i < n) {
    bool word = false;
    for (const auto& [w, english] : RunWords(USCRIPT_HAN)) {
      if (simp.compare(i, w.length(), w) == 0) {
        out += english;
        i += w.length();
        steps |= kFoldHanWords;
        word = true;
        break;
      }
    }
    if (word) continue;
    UChar32 c = simp.char32At(i);
    UChar32 original = same_length ? run.char32At(i) : c;
    if (c == 0x7B2C /* 第 */ || HanDigit(c) >= 0) {
      // Ordinals and numbered names (第十八星風丸 → "18"): numbers must not read as syllables.
      int32_t k = c == 0x7B2C ? i + 1 : i;
      int value = 0, section = 0, digits = 0;
      for (; k < n; ++k) {
        int d = HanDigit(simp.charAt(k));
        if (d < 0) break;
        ++digits;
        if (d == 10) {
          section = (section == 0 ? 1 : section) * 10;
          value += section;
          section = 0;
        } else if (d == 100) {
          value += (section == 0 ? 1 : section) * 100;
          section = 0;
        } else
          section = section * 10 + d;
      }
      value += section;
      if (digits > 0 && (c == 0x7B2C || (k < n && (simp.charAt(k) == 0x53F7 /* 号 */)))) {
        out += ' ' + std::to_string(value) + ' ';
        i = k;
        if (i < n && simp.charAt(i) == 0x53F7) ++i;
        continue;
      }
    }
    i += U16_LENGTH(c);
    auto hit = ts.han_syllable.find(c);
    if (hit == ts.han_syllable.end()) {
      icu::UnicodeString one(c);
      if (han) han->transliterate(one);
      std::string syl;
      AppendAsciiOnly(one, syl);
      hit = ts.han_syllable.emplace(c, syl).first;
    }
    // \x01 marks a pinyin syllable so tokenization knows it is not an English word ("de"
    // from 德 is a name syllable, not the article); '|' separates its other readings.
    out += " \x01";
    out += hit->second;
    AppendReadings(original, hit->second, out);
    if (original != c) AppendReadings(c, hit->second, out);
    out += ' ';
    steps |= kFoldHanPinyin;
  }
}

// The transliterator for a run of `script`: BGN/PCGN (English-speaking conventions: Shchukin,
// Tsaturyan, Khobi) where ICU has it, by language for Cyrillic; ICU's default otherwise.
std::string ScriptTransliterator(UScriptCode script, const icu::UnicodeString& run) {
  const char* lang = nullptr;
  if (script == USCRIPT_CYRILLIC) {
    // The language by its own letters; Russian otherwise.
    bool i = false, be = false, uk = false, sr = false, mk = false, kk = false, mn = false;
    for (int32_t k = 0; k < run.length(); ++k) {
      UChar c = run.charAt(k);
      i |= c == u'і';
      be |= c == u'ў' || c == u'ы' || c == u'э';
      uk |= c == u'ї' || c == u'є' || c == u'ґ';
      sr |= c == u'ђ' || c == u'ћ' || c == u'џ' || c == u'љ' || c == u'њ' || c == u'ј';
      mk |= c == u'ѓ' || c == u'ќ' || c == u'ѕ';
      kk |= c == u'ә' || c == u'ғ' || c == u'қ' || c == u'ң' || c == u'ұ' || c == u'һ';
      mn |= c == u'ө' || c == u'ү';
    }
    lang = sr                               ? "Serbian"
           : mk                             ? "Macedonian"
           : kk                             ? "Kazakh"
           : mn                             ? "Mongolian"
           : uk                             ? "Ukrainian"
           : i                              ? (be ? "Belarusian" : "Ukrainian")
           : (be && run.indexOf(u'ў') >= 0) ? "Belarusian"
                                            : "Russian";
  } else if (script == USCRIPT_ARMENIAN) {
    lang = "Armenian";
  } else if (script == USCRIPT_GEORGIAN) {
    lang = "Georgian";
  }
  return lang ? std::string(lang) + "-Latin/BGN; Any-Latin; Latin-ASCII" : "Any-Latin; Latin-ASCII";
}

icu::UnicodeString Transliterate(ThreadState& ts, const icu::UnicodeString& run,
                                 const std::string& id) {
  icu::UnicodeString u = run;
  if (icu::Transliterator* t = ts.Get(id)) t->transliterate(u);
  if (id == "fr" || id == "de") {
    if (icu::Transliterator* a = ts.Get("Any-Latin; Latin-ASCII")) a->transliterate(u);
  }
  return u;
}

// Latin-ASCII leaves some letters (ʿ, ə …); fold them like Latin input. Apostrophes and
// primes are transliteration marks (ayin, soft signs, ejectives), not word breaks.
std::string ToAscii(const icu::UnicodeString& u) {
  std::string s;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\'' || c == 0x02B9 || c == 0x02BA) continue;
    if (const char* sp = SpecialLatin(c)) {
      if (sp[0] != '\'') s += sp;
    } else if (c < 0x80) {
      s += static_cast<char>(u_tolower(c));
    } else {
      s += ' ';
    }
  }
  return s;
}

void FoldOtherRun(const icu::UnicodeString& run, UScriptCode script, std::string& out,
                  unsigned& steps) {
  if (TranslateWord(run, out)) {
    steps |= kFoldNativeWords;
    return;
  }
  // Scripts without spaces between words: translate the business words inside the run and
  // transliterate the pieces between them.
  const auto& words = RunWords(script);
  if (!words.empty()) {
    int32_t n = run.length(), piece = 0;
    bool any = false;
    for (int32_t i = 0; i < n;) {
      bool hit = false;
      for (const auto& [w, english] : words) {
        if (w.length() <= n && run.compare(i, w.length(), w) == 0) {
          if (i > piece)
            FoldOtherRun(icu::UnicodeString(run, piece, i - piece), script, out, steps);
          out += english;
          i += w.length();
          piece = i;
          hit = any = true;
          break;
        }
      }
      if (!hit) ++i;
    }
    if (any) {
      if (piece < n) FoldOtherRun(icu::UnicodeString(run, piece, n - piece), script, out, steps);
      steps |= kFoldNativeWords;
      return;
    }
  }
  ThreadState& ts = State();
  std::u16string key(run.getBuffer(), run.length());
  auto it = ts.other_run.find(key);
  if (it == ts.other_run.end()) {
    std::string s = ToAscii(Transliterate(ts, run, ScriptTransliterator(script, run)));
    if (script == USCRIPT_CYRILLIC) {
      // One word (spaces end a run): the English (BGN/PCGN) spelling, then the French and
      // German ones as readings, behind \x04.
      std::string fr = ToAscii(Transliterate(ts, run, "fr")),
                  de = ToAscii(Transliterate(ts, run, "de"));
      const char* kLetters = "abcdefghijklmnopqrstuvwxyz0123456789";
      if (!s.empty() && s.find_first_not_of(kLetters) == std::string::npos) {
        std::string w = "\x04" + s;
        for (const std::string* a : {&fr, &de})
          if (*a != s && !a->empty() && a->find_first_not_of(kLetters) == std::string::npos)
            w += "|" + *a;
        s = std::move(w);
      }
    }
    // \x02 marks words of an abjad (written without most vowels, compared by consonants);
    // \x03 words of scripts written without spaces between words (Myanmar, Thai, Khmer, Lao),
    // whose romanizations differ in vowels and word breaks.
    char mark = 0;
    if (script == USCRIPT_HEBREW || script == USCRIPT_ARABIC || script == USCRIPT_SYRIAC)
      mark = '\x02';
    if (script == USCRIPT_MYANMAR || script == USCRIPT_THAI || script == USCRIPT_KHMER ||
        script == USCRIPT_LAO)
      mark = '\x03';
    if (mark) {
      std::string marked;
      for (size_t k = 0; k < s.size(); ++k) {
        if (std::isalnum(static_cast<unsigned char>(s[k])) &&
            (k == 0 || !std::isalnum(static_cast<unsigned char>(s[k - 1]))))
          marked += mark;
        marked += s[k];
      }
      s = std::move(marked);
    }
    it = ts.other_run.emplace(key, s).first;
  }
  out += ' ';
  out += it->second;
  out += ' ';
  steps |= kFoldTransliterated;
}

// ICU would silently replace bad bytes with U+FFFD, so the bytes are checked first.
Status ValidateUtf8(std::string_view utf8) {
  for (int32_t i = 0, n = static_cast<int32_t>(utf8.size()); i < n;) {
    UChar32 c;
    int32_t at = i;
    U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), i, n, c);
    if (c < 0) {
      return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(at), "invalid_utf8");
    }
  }
  return Status::OK();
}

bool IsAscii(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii &= c < 0x80;
  return ascii;
}

// The fast path, as almost every list name is ASCII: lower case, the punctuation that matters
// to tokenization kept, anything else a space.
FoldedText FoldAscii(std::string_view ascii) {
  FoldedText r;
  r.text.reserve(ascii.size());
  for (char c : ascii) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || IsKeptPunct(u)) {
      char l = static_cast<char>(std::tolower(u));
      if (l != c) r.steps |= kFoldCase;
      r.text += l;
    } else {
      r.text += ' ';
    }
  }
  return r;
}

// Folds one character that needs no transliterator: ASCII, a decimal digit of any script, a
// Latin letter (diacritics stripped) or a script-neutral symbol or mark. False for a letter of
// another script, which starts a run for FoldRun.
bool FoldCharacter(UChar32 c, UScriptCode sc, const icu::Normalizer2* nfd, UErrorCode& st,
                   std::string& out, unsigned& steps) {
  if (c < 0x80) {
    out += (std::isalnum(c) || IsKeptPunct(c)) ? static_cast<char>(c) : ' ';
    return true;
  }
  if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
    out += static_cast<char>('0' + u_charDigitValue(c));
    steps |= kFoldDigits;
    return true;
  }
  if (const char* sp = SpecialLatin(c)) {
    out += sp;
    steps |= kFoldDiacritics;
    return true;
  }
  if (sc == USCRIPT_LATIN) {
    icu::UnicodeString d = nfd->normalize(icu::UnicodeString(c), st);
    for (int32_t k = 0; k < d.length();) {
      UChar32 dc = d.char32At(k);
      k += U16_LENGTH(dc);
      if (dc < 0x80)
        out += static_cast<char>(dc);
      else if (const char* sp2 = SpecialLatin(dc))
        out += sp2;
    }
    steps |= kFoldDiacritics;
    return true;
  }
  if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_UNKNOWN) {
    // Combining marks left after NFKC on Latin letters are diacritics; other symbols split.
    if (u_charType(c) != U_NON_SPACING_MARK)
      out += ' ';
    else
      steps |= kFoldDiacritics;
    return true;
  }
  return false;
}

// End of the run of script `sc` that starts at `start`: the script's characters plus the
// marks and script-neutral letters inside it.
int32_t ScriptRunEnd(const icu::UnicodeString& u, int32_t start, UScriptCode sc) {
  int32_t i = start, n = u.length();
  while (i < n) {
    UChar32 d = u.char32At(i);
    UErrorCode e2 = U_ZERO_ERROR;
    UScriptCode s2 = uscript_getScript(d, &e2);
    bool joins = s2 == sc || s2 == USCRIPT_INHERITED ||
                 (s2 == USCRIPT_COMMON && d >= 0x80 && u_charType(d) != U_DECIMAL_DIGIT_NUMBER &&
                  !u_isspace(d) && u_hasBinaryProperty(d, UCHAR_ALPHABETIC));
    // Hebrew geresh/gershayim sit inside words (בע״מ).
    if (!joins && (d == 0x05F3 || d == 0x05F4) && sc == USCRIPT_HEBREW) joins = true;
    if (!joins) break;
    i += U16_LENGTH(d);
  }
  return i;
}

void FoldRun(const icu::UnicodeString& run, UScriptCode sc, std::string& out, unsigned& steps) {
  if (sc == USCRIPT_HAN)
    FoldHanRun(run, out, steps);
  else if (sc == USCRIPT_HANGUL)
    FoldHangulRun(run, out, steps);
  else
    FoldOtherRun(run, sc, out, steps);
}

}  // namespace

Result<FoldedText> FoldToAscii(std::string_view utf8) {
  CP_RETURN_IF_ERROR(ValidateUtf8(utf8));
  if (IsAscii(utf8)) return FoldAscii(utf8);
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_FAILURE(st)) return Status::Internal("ICU normalizer unavailable");
  icu::UnicodeString src = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString u = nfkc_cf->normalize(src, st);
  if (U_FAILURE(st)) return Status::InvalidArgument("text cannot be normalized", "invalid_text");
  FoldedText r;
  if (u != src) r.steps |= kFoldCase;
  int32_t i = 0, n = u.length();
  while (i < n) {
    UChar32 c = u.char32At(i);
    UErrorCode se = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &se);
    if (FoldCharacter(c, sc, nfd, st, r.text, r.steps)) {
      i += U16_LENGTH(c);
      continue;
    }
    int32_t end = ScriptRunEnd(u, i, sc);
    FoldRun(icu::UnicodeString(u, i, end - i), sc, r.text, r.steps);
    i = end;
  }
  State().Trim();
  return r;
}

std::string FoldStepNames(unsigned steps) {
  static const std::pair<unsigned, const char*> kNames[] = {
      {kFoldCase, "case_fold"},
      {kFoldDiacritics, "diacritics"},
      {kFoldTradSimp, "traditional_to_simplified"},
      {kFoldHanWords, "han_business_words"},
      {kFoldHanPinyin, "han_to_pinyin"},
      {kFoldTransliterated, "transliterated"},
      {kFoldDigits, "digits"},
      {kFoldNativeWords, "native_business_words"}};
  std::string s;
  for (const auto& [bit, name] : kNames) {
    if (steps & bit) {
      if (!s.empty()) s += ',';
      s += name;
    }
  }
  return s;
}

}  // namespace chokepoint::parties
