#include "parties/scorer_stages.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "parties/pinyin.h"
#include "parties/similarity.h"

namespace chokepoint::parties::scoring {
namespace {

std::string Flat(const std::string& s) {
  std::string f;
  for (char c : s)
    if (c != ' ') f += c;
  return f;
}

bool StopOrLegal(const Token& t) {
  return t.cls == TokenClass::kStop || t.cls == TokenClass::kLegal;
}

// Runs a pair rule over the free tokens: each free query token aligns with the first free
// candidate token the rule accepts.
template <class Rule>
void AlignFirstPairs(Alignment& al, Rule rule) {
  for (size_t i = 0; i < al.qt.size(); ++i) {
    if (!al.q.Free(i)) continue;
    for (size_t j = 0; j < al.ct.size(); ++j) {
      if (!al.c.Free(j)) continue;
      if (std::optional<PairMatch> m = rule(al.qt[i], al.ct[j])) {
        al.Align(i, j, m->credit, m->how);
        break;
      }
    }
  }
}

// The free candidate token the rule gives query token `i` the most credit with (the first of
// equal ones), and that credit; 0 when none gets any.
template <class Eligible, class Credit>
std::pair<size_t, double> BestPartner(const Alignment& al, size_t i, Eligible eligible,
                                      Credit credit) {
  double best = 0;
  size_t bj = 0;
  for (size_t j = 0; j < al.ct.size(); ++j) {
    if (!al.c.Free(j) || !eligible(al.ct[j])) continue;
    double c = credit(al.qt[i], al.ct[j]);
    if (c > best) {
      best = c;
      bj = j;
    }
  }
  return {bj, best};
}

bool AltsMeet(const Token& a, const Token& b) {
  for (const auto& x : a.alts) {
    if (x == b.skel) return true;
    for (const auto& y : b.alts)
      if (x == y) return true;
  }
  for (const auto& y : b.alts)
    if (y == a.skel) return true;
  return false;
}

// Search for a run of Y's tokens, from `k` on, whose spellings (as written, or any of their
// readings) concatenate to target[pos, end). A letter doubled across a joint counts once
// ("Wirra" + "long" = "Wirralong"), as skeletons collapse doubled letters.
struct JoinSearch {
  const std::vector<Token>& ys;
  const Side& Y;
  const std::string& target;
  size_t first;
  bool abjad;  // consonant keys: a Hebrew/Arabic side against a Latin one
  bool used_reading = false;
  size_t last = 0;

  bool Piece(const std::string& s, size_t k, size_t pos, bool reading) {
    if (s.empty()) return false;
    size_t off = pos > 0 && s[0] == target[pos - 1] ? 1 : 0;
    size_t len = s.size() - off;
    if (pos + len > target.size() || target.compare(pos, len, s, off, len) != 0) return false;
    if (pos + len == target.size()) {
      if (k == first) return false;
      bool all_legal = true;  // a run of legal-form words is the legal form's business
      for (size_t m = first; m <= k; ++m) all_legal &= ys[m].cls == TokenClass::kLegal;
      if (all_legal) return false;
      last = k;
      used_reading |= reading;
      return true;
    }
    if (Run(k + 1, pos + len)) {
      used_reading |= reading;
      return true;
    }
    return false;
  }
  bool Run(size_t k, size_t pos) {
    if (k >= ys.size() || k >= first + 4 || !Y.Free(k)) return false;
    const Token& y = ys[k];
    if (abjad) return Piece(y.abjad ? y.skel : AbjadKey(y.surface), k, pos, false);
    if (Piece(y.skel, k, pos, false)) return true;
    for (const auto& a : y.alts)
      if (Piece(a, k, pos, true)) return true;
    return false;
  }
};

// Tries to cover token `x` of side X with 2–4 consecutive free tokens of side Y whose spellings
// concatenate to x's ("EtsDiallo" = "Ets" + "Diallo", "Xingbiao" = "Xing" + "Biao"), readings
// included ("Chin" + "ping" → "jinping"; 山田 yama + da → "Yamada"), and by consonants between
// Hebrew or Arabic and Latin (عبد الله = "Abdullah").
bool TryJoin(Side& X, size_t xi, Side& Y, bool x_is_query, std::vector<AlignedTokens>& aligned) {
  const Token& x = (*X.toks)[xi];
  if (StopOrLegal(x) || x.skel.size() < 3) return false;
  const auto& ys = *Y.toks;
  for (size_t j = 0; j < ys.size(); ++j) {
    if (!Y.Free(j)) continue;
    bool abjad = x.abjad != ys[j].abjad;
    std::vector<std::string> targets;
    if (abjad)
      targets.push_back(x.abjad ? x.skel : AbjadKey(x.surface));
    else {
      targets.push_back(x.skel);
      for (const auto& a : x.alts) targets.push_back(a);
    }
    for (size_t ti = 0; ti < targets.size(); ++ti) {
      if (targets[ti].size() < 2) continue;
      JoinSearch search{ys, Y, targets[ti], j, abjad};
      if (!search.Run(j, 0)) continue;
      bool reading = search.used_reading || ti > 0;
      double credit = abjad ? 0.9 : reading ? 0.95 : 1.0;
      std::string names;
      for (size_t m = j; m <= search.last; ++m) names += (m > j ? " " : "") + ys[m].surface;
      X.credit[xi] = credit;
      for (size_t m = j; m <= search.last; ++m) Y.credit[m] = credit;
      AlignedTokens a;
      a.query = x_is_query ? x.surface : names;
      a.candidate = x_is_query ? names : x.surface;
      a.how = abjad ? "consonants" : reading ? "reading" : "joined";
      a.credit = credit;
      aligned.push_back(std::move(a));
      return true;
    }
  }
  return false;
}

// The last of up to four free Latin tokens of Y from `j` on whose loose consonant keys,
// concatenated, spell `key`; SIZE_MAX when no run does. `names` gets the run's words.
size_t LooseRunEnd(const std::string& key, const Side& Y, size_t j, std::string& names) {
  const auto& ys = *Y.toks;
  std::string cat, run;
  size_t best_k = SIZE_MAX;
  for (size_t k = j; k < ys.size() && k < j + 4; ++k) {
    if (!Y.Free(k) || ys[k].unspaced || StopOrLegal(ys[k])) break;
    cat += LooseKey(ys[k].surface, true);
    run += (k > j ? " " : "") + ys[k].surface;
    std::string ck;
    for (char ch : cat)
      if (ck.empty() || ck.back() != ch) ck += ch;
    if (ck.size() > key.size() || key.compare(0, ck.size(), ck) != 0) break;
    if (ck == key) {
      best_k = k;  // keep extending: "Htet" after "Kaung Myat" may add nothing to the key
      names = run;
    }
  }
  return best_k;
}

// Words of side X from a script without word spaces against runs of Y's Latin words.
void AlignUnspaced(Side& X, Side& Y, bool x_is_query, std::vector<AlignedTokens>& aligned) {
  const auto& xs = *X.toks;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!X.Free(i) || !xs[i].unspaced || xs[i].cls == TokenClass::kLegal) continue;
    std::string key = LooseKey(xs[i].surface, false);
    if (key.size() < 2) continue;
    for (size_t j = 0; j < Y.toks->size(); ++j) {
      std::string names;
      size_t end = LooseRunEnd(key, Y, j, names);
      if (end == SIZE_MAX) continue;
      X.credit[i] = 0.85;
      for (size_t m = j; m <= end; ++m) Y.credit[m] = 0.85;
      aligned.push_back({x_is_query ? xs[i].surface : names, x_is_query ? names : xs[i].surface,
                         "transliteration", 0.85});
      break;
    }
  }
}

}  // namespace

Side::Side(const std::vector<Token>& t, bool rarity) : toks(&t), credit(t.size(), -1.0) {
  for (const auto& x : t) weight.push_back(Weight(x, rarity));
}

Alignment::Alignment(const NameVariant& qv, const NameVariant& cv, bool rarity)
    : qt(qv.tokens), ct(cv.tokens), q(qv.tokens, rarity), c(cv.tokens, rarity) {}

void Alignment::Align(size_t i, size_t j, double credit, const char* how) {
  q.credit[i] = credit;
  c.credit[j] = credit;
  aligned.push_back({qt[i].surface, ct[j].surface, how, credit});
}

// `rarity` scales name words of companies and vessels: "Bank" or "Ship" in a name says less
// than "Sepah". Persons' given names are common too, but "Ahmed Hassan" and "Mohammed Hassan"
// are two people, so persons keep full weights.
double Weight(const Token& t, bool rarity) {
  switch (t.cls) {
    case TokenClass::kName:
      return ((t.from_han || t.text.size() <= 2) ? 0.5 : 1.0) * (rarity ? t.rarity : 1.0);
    case TokenClass::kNumber:
      return 1.0;
    case TokenClass::kPlace:
      return 0.5;
    case TokenClass::kIndustry:
      return 0.4;
    case TokenClass::kLegal:
      return 0.15;
    case TokenClass::kStop:
      return 0.05;
  }
  return 1.0;
}

// Legal forms are left to AlignLegalForms. A name word and a place or number with the same
// text are the same word ("Hebei" the place, "Hebei" in a person's name).
std::optional<PairMatch> SameWord(const Token& q, const Token& c) {
  if (q.cls == TokenClass::kLegal || c.cls == TokenClass::kLegal || q.text != c.text)
    return std::nullopt;
  if (q.cls != c.cls && !(IsDistinctive(q.cls) && IsDistinctive(c.cls))) return std::nullopt;
  if (q.typo || c.typo) return PairMatch{0.95, "typo"};  // "Tarding" read as trading
  bool word = q.cls == TokenClass::kName || q.cls == TokenClass::kNumber || q.surface == c.surface;
  return PairMatch{1.0, word ? "exact" : "concept"};
}

std::optional<PairMatch> SameReading(const Token& q, const Token& c) {
  if (q.cls != TokenClass::kName || c.cls != TokenClass::kName || q.abjad != c.abjad)
    return std::nullopt;
  if (q.skel == c.skel) return PairMatch{0.95, "romanization"};
  if (!AltsMeet(q, c)) return std::nullopt;
  // Two Latin spellings that meet through a Wade-Giles syllable's pinyin; Han characters
  // meeting a spelling by one of their readings are a "reading".
  bool wade_giles = !WadeGilesToPinyin(q.text).empty() || !WadeGilesToPinyin(c.text).empty();
  return PairMatch{0.95, wade_giles && !q.from_han && !c.from_han ? "wade_giles" : "reading"};
}

// A name word that is a vocabulary word misspelt past recognition still has its skeleton.
std::optional<PairMatch> MisspeltVocabulary(const Token& q, const Token& c) {
  if ((q.cls == TokenClass::kName) == (c.cls == TokenClass::kName)) return std::nullopt;
  const Token& name = q.cls == TokenClass::kName ? q : c;
  const Token& word = q.cls == TokenClass::kName ? c : q;
  if (name.abjad || StopOrLegal(word) || name.skel != word.skel) return std::nullopt;
  return PairMatch{0.95, "romanization"};
}

// A word from Hebrew/Arabic script against a Latin word, by consonants; long Latin words
// whose consonants agree (vowel-variant romanization, "Qureshi"/"Quraishi"); an initial
// against a word.
std::optional<PairMatch> SameConsonants(const Token& a, const Token& b) {
  if (StopOrLegal(a) || StopOrLegal(b)) return std::nullopt;
  if (a.cls != TokenClass::kName && b.cls != TokenClass::kName) return std::nullopt;
  if (a.abjad != b.abjad) {
    // Translated words never meet by consonants, but a transliterated loanword
    // (לוגיסטיקה "logistics") does.
    std::string ka = a.abjad ? a.skel : AbjadKey(a.surface),
                kb = b.abjad ? b.skel : AbjadKey(b.surface);
    if (ka.empty() || kb.empty()) return std::nullopt;
    if (ka == kb) return PairMatch{0.9, "consonants"};
    // ו and و are also the consonant v/w: דוד = "David".
    const Token& ab = a.abjad ? a : b;
    std::string kv = AbjadKey(ab.text, true);
    if (kv != ab.skel && kv == (a.abjad ? kb : ka)) return PairMatch{0.9, "consonants"};
    if (ka.size() >= 3 && kb.size() >= 3 && BoundedEditDistance(ka, kb, 1) <= 1)
      return PairMatch{0.75, "consonants"};
    return std::nullopt;
  }
  if (a.abjad || a.cls != TokenClass::kName || b.cls != TokenClass::kName) return std::nullopt;
  if (a.text.size() >= 6 && b.text.size() >= 6 && a.text[0] == b.text[0] &&
      Consonants(a.text) == Consonants(b.text))
    return PairMatch{0.85, "vowel_variant"};
  if ((a.text.size() == 1 && b.text.size() > 2 && b.text[0] == a.text[0]) ||
      (b.text.size() == 1 && a.text.size() > 2 && a.text[0] == b.text[0]))
    return PairMatch{0.8, "initial"};
  return std::nullopt;
}

// Credit for two words one typing slip apart ("Exchagne"/"Exchange", "Shippng"/"Shipping"),
// or 0. A swap of neighbours is a slip in words of four letters or more; a letter dropped or
// added from five; a letter replaced only between two name words of six or more, because
// short words one letter apart are usually other words ("Vitol"/"Vital"). Not slips: a
// different first letter ("Wrightstone"/"Rightstone" sound alike but are two firms), two
// spellings that are both Chinese syllables ("Lixin"/"Lixing" are two names), and a plural
// "s" on a rare word ("Espoir"/"Espoirs" are two ships) — on a common word ("Holding") the
// plural is the same word.
double TypoCredit(const Token& a, const Token& b) {
  if (a.from_han || b.from_han || a.abjad || b.abjad || a.unspaced || b.unspaced) return 0;
  bool names = a.cls == TokenClass::kName && b.cls == TokenClass::kName;
  if (!names && a.cls != TokenClass::kName && b.cls != TokenClass::kName) return 0;
  std::string x = Flat(a.surface), y = Flat(b.surface);
  size_t shorter = std::min(x.size(), y.size());
  if (shorter < 4) return 0;
  if (names && IsChineseSyllables(x) && IsChineseSyllables(y)) return 0;
  Slip slip = OneSlip(x, y);
  if (x[0] != y[0] && slip != Slip::kTransposition) return 0;
  if (slip == Slip::kInsertion && x.size() != y.size()) {
    const std::string& longer = x.size() > y.size() ? x : y;
    const std::string& other = x.size() > y.size() ? y : x;
    bool plural = longer.back() == 's' && longer.compare(0, other.size(), other) == 0;
    if (plural && std::min(a.rarity, b.rarity) >= 1.0f) return 0;
  }
  switch (slip) {
    case Slip::kTransposition:
      return 0.9;
    case Slip::kInsertion:
      return shorter >= 5 ? 0.9 : 0.0;
    case Slip::kSubstitution:
      return names && shorter >= 6 ? 0.85 : 0.0;
    case Slip::kNone:
      break;
  }
  // Two slips in a long word ("Trafalgura"/"Trafigura").
  if (names && shorter >= 9 && OsaDistance(x, y, 2) <= 2) return 0.8;
  return 0;
}

// Every spelling of both words: a transliterated name carries its French and German
// spellings ("Sergey", "Sergej"). One typo in a word of 3+ letters ("Mosk"/"Musk",
// "Ahmde"/"Ahmed") counts as 0.95. Words under four letters need that one typo at most.
double CloseSpelling(const Token& q, const Token& c) {
  double jw = 0;
  auto consider = [&](const std::string& x, const std::string& y) {
    jw = std::max(jw, JaroWinkler(x, y));
    if (OsaDistance(x, y, 1) <= 1) jw = std::max(jw, 0.95);
  };
  consider(q.text, c.text);
  if (!q.from_han && !c.from_han) {
    for (const auto& a : q.alts) consider(a, c.skel);
    for (const auto& b : c.alts) consider(q.skel, b);
  }
  if (std::min(q.text.size(), c.text.size()) < 4 && jw < 0.95) return 0;
  return jw;
}

void AlignSameWords(Alignment& al) { AlignFirstPairs(al, SameWord); }
void AlignReadings(Alignment& al) { AlignFirstPairs(al, SameReading); }
void AlignMisspeltVocabulary(Alignment& al) { AlignFirstPairs(al, MisspeltVocabulary); }
void AlignByConsonants(Alignment& al) { AlignFirstPairs(al, SameConsonants); }

// A word from a script without word spaces against 1–4 Latin words, by loose consonant key
// ("shwaypulell" = "Shwe Pale"), query words first.
void AlignUnspacedWords(Alignment& al) {
  AlignUnspaced(al.q, al.c, true, al.aligned);
  AlignUnspaced(al.c, al.q, false, al.aligned);
}

// Joined words, both directions.
void AlignJoinedWords(Alignment& al) {
  for (size_t i = 0; i < al.qt.size(); ++i)
    if (al.q.Free(i)) TryJoin(al.q, i, al.c, true, al.aligned);
  for (size_t j = 0; j < al.ct.size(); ++j)
    if (al.c.Free(j)) TryJoin(al.c, j, al.q, false, al.aligned);
}

// A space typed one letter off ("Liberatio Ntigers" = "Liberation Tigers"): two neighbours on
// each side spell the same letters.
void AlignShiftedSpaces(Alignment& al) {
  auto joinable = [](const Token& t) {
    return !StopOrLegal(t) && !t.from_han && !t.abjad && !t.unspaced;
  };
  auto free_pair = [&](const Side& s, size_t k) {
    const auto& t = *s.toks;
    return s.Free(k) && s.Free(k + 1) && joinable(t[k]) && joinable(t[k + 1]);
  };
  const auto& qt = al.qt;
  const auto& ct = al.ct;
  for (size_t i = 0; i + 1 < qt.size(); ++i) {
    if (!free_pair(al.q, i)) continue;
    std::string qa = Flat(qt[i].surface), qb = Flat(qt[i + 1].surface);
    for (size_t j = 0; j + 1 < ct.size(); ++j) {
      if (!free_pair(al.c, j)) continue;
      std::string ca = Flat(ct[j].surface), cb = Flat(ct[j + 1].surface);
      if (qa.size() == ca.size() || qa + qb != ca + cb) continue;
      for (size_t k : {i, i + 1}) al.q.credit[k] = 0.95;
      for (size_t k : {j, j + 1}) al.c.credit[k] = 0.95;
      al.aligned.push_back({qt[i].surface + " " + qt[i + 1].surface,
                            ct[j].surface + " " + ct[j + 1].surface, "joined", 0.95});
      break;
    }
  }
}

// Companies and vessels, one typing slip. The pair weighs what the correctly spelt word
// weighs: a misspelt common word ("Bnak") counts for as little as the word does.
void AlignTypingSlips(Alignment& al) {
  auto eligible = [](const Token& t) { return !StopOrLegal(t) && t.cls != TokenClass::kNumber; };
  for (size_t i = 0; i < al.qt.size(); ++i) {
    if (!al.q.Free(i) || !eligible(al.qt[i])) continue;
    auto [bj, best] = BestPartner(al, i, eligible, TypoCredit);
    if (best > 0) {
      double w = std::min(al.q.weight[i], al.c.weight[bj]);
      al.q.weight[i] = al.c.weight[bj] = w;
      al.Align(i, bj, best, "typo");
    }
  }
}

// Persons only: close spellings of name words, the closest candidate word first.
void AlignCloseSpellings(Alignment& al) {
  auto eligible = [](const Token& t) { return t.cls == TokenClass::kName && t.text.size() >= 3; };
  for (size_t i = 0; i < al.qt.size(); ++i) {
    if (!al.q.Free(i) || !eligible(al.qt[i])) continue;
    auto [bj, best] = BestPartner(al, i, eligible, CloseSpelling);
    if (best >= 0.88) al.Align(i, bj, best - 0.05, "fuzzy");
  }
}

// A sole proprietorship is named after its owner, so its name is a person's name.
bool HasSoleProprietorship(const Alignment& al) {
  for (const auto* toks : {&al.qt, &al.ct})
    for (const auto& t : *toks)
      if (t.cls == TokenClass::kLegal && t.family == "sole") return true;
  return false;
}

// Forms of one family agree when one of them is generic ("Co., Ltd." vs "Limited", "OÜ" vs
// "Ltd"); "co" (a bare "Company") fits any form. Two generic forms, or two of the same
// country, are different forms; national forms of two countries conflict.
LegalRelation Relate(const Token& a, const Token& b) {
  if (a.text == b.text) return LegalRelation::kAgree;
  if (a.family == "co" || b.family == "co") return LegalRelation::kCompatible;
  bool ga = a.jurisdiction.empty(), gb = b.jurisdiction.empty();
  if (a.family == b.family && (ga || gb)) return LegalRelation::kCompatible;
  if (ga && gb) return LegalRelation::kDiffer;
  if (!ga && !gb && a.jurisdiction == b.jurisdiction) return LegalRelation::kDiffer;
  return LegalRelation::kConflict;
}

LegalForms AlignLegalForms(Alignment& al, Penalties& penalties) {
  std::vector<size_t> ql, cl;
  for (size_t i = 0; i < al.qt.size(); ++i)
    if (al.qt[i].cls == TokenClass::kLegal && al.q.Free(i)) ql.push_back(i);
  for (size_t j = 0; j < al.ct.size(); ++j)
    if (al.ct[j].cls == TokenClass::kLegal && al.c.Free(j)) cl.push_back(j);
  LegalForms out;
  out.query_has = !ql.empty();
  out.candidate_has = !cl.empty();
  if (ql.empty() || cl.empty()) {
    out.relation = ql.empty() && cl.empty() ? "none" : "one_side";
    return out;
  }
  LegalRelation best = LegalRelation::kConflict;
  for (size_t i : ql)
    for (size_t j : cl) best = std::min(best, Relate(al.qt[i], al.ct[j]));
  static const char* const kNames[] = {"agree", "compatible", "differ", "conflict"};
  out.relation = kNames[static_cast<int>(best)];
  double credit = best == LegalRelation::kAgree || best == LegalRelation::kCompatible ? 1.0
                  : best == LegalRelation::kDiffer                                    ? 0.25
                                                                                      : 0.0;
  if (credit > 0) {
    std::string a, b;
    for (size_t i : ql) {
      al.q.credit[i] = credit;
      a += (a.empty() ? "" : " ") + al.qt[i].surface;
    }
    for (size_t j : cl) {
      al.c.credit[j] = credit;
      b += (b.empty() ? "" : " ") + al.ct[j].surface;
    }
    al.aligned.push_back({a, b, "legal_form", credit});
  }
  if (best == LegalRelation::kConflict)
    penalties.Apply(0.8, "legal_form_conflict");
  else if (best == LegalRelation::kDiffer)
    penalties.Apply(0.92, "legal_form_differs");
  return out;
}

Tally TallyAlignment(const Alignment& al) {
  Tally t;
  auto side = [&t](const Side& s, double& weight, std::vector<std::string>& unmatched,
                   bool& free_industry, bool& free_number) {
    const auto& toks = *s.toks;
    for (size_t i = 0; i < toks.size(); ++i) {
      double w = s.weight[i];
      weight += w;
      if (!s.Free(i)) {
        t.matched += s.credit[i] * w;
        t.distinct_aligned |= IsDistinctive(toks[i].cls);
      } else {
        unmatched.push_back(toks[i].surface);
        free_industry |= toks[i].cls == TokenClass::kIndustry;
        free_number |= toks[i].cls == TokenClass::kNumber;
      }
    }
  };
  side(al.q, t.query_weight, t.unmatched_query, t.query_free_industry, t.query_free_number);
  side(al.c, t.candidate_weight, t.unmatched_candidate, t.candidate_free_industry,
       t.candidate_free_number);
  return t;
}

void ApplyDisagreements(const Tally& t, const LegalForms& legal, const CompareOptions& options,
                        Penalties& penalties) {
  if (t.query_free_industry && t.candidate_free_industry)
    penalties.Apply(0.85, "industry_conflict");
  if (t.query_free_number && t.candidate_free_number) penalties.Apply(0.5, "number_conflict");
  if (options.vessel && legal.query_has != legal.candidate_has)
    penalties.Apply(0.8, "vessel_vs_company");
}

int AlignedDistinctive(const Side& s) {
  int n = 0;
  for (size_t k = 0; k < s.toks->size(); ++k) {
    if (!IsDistinctive((*s.toks)[k].cls)) continue;
    if (s.Free(k)) return -1;
    ++n;
  }
  return n;
}

}  // namespace chokepoint::parties::scoring
