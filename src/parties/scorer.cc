#include "parties/scorer.h"

#include <algorithm>

#include "parties/pinyin.h"
#include "parties/similarity.h"

namespace chokepoint::parties {
namespace {

// `rarity` scales name words of companies and vessels: "Bank" or "Ship" in a name says less
// than "Sepah". Persons' given names are common too, but "Ahmed Hassan" and "Mohammed Hassan"
// are two people, so persons keep full weights.
double Weight(const Token& t, bool rarity) {
  switch (t.cls) {
    case TokenClass::kName: return ((t.from_han || t.text.size() <= 2) ? 0.5 : 1.0) * (rarity ? t.rarity : 1.0);
    case TokenClass::kNumber: return 1.0;
    case TokenClass::kPlace: return 0.5;
    case TokenClass::kIndustry: return 0.4;
    case TokenClass::kLegal: return 0.15;
    case TokenClass::kStop: return 0.05;
  }
  return 1.0;
}


enum class LegalRelation { kAgree, kCompatible, kDiffer, kConflict };

LegalRelation Relate(const Token& a, const Token& b) {
  if (a.text == b.text) return LegalRelation::kAgree;
  if (a.family == "co" || b.family == "co") return LegalRelation::kCompatible;
  bool ga = a.jurisdiction.empty(), gb = b.jurisdiction.empty();
  if (a.family == b.family && (ga || gb)) return LegalRelation::kCompatible;
  if (ga && gb) return LegalRelation::kDiffer;
  if (!ga && !gb && a.jurisdiction == b.jurisdiction) return LegalRelation::kDiffer;
  return LegalRelation::kConflict;
}

struct Side {
  const std::vector<Token>* toks;
  std::vector<double> credit;  // -1 = unaligned
  std::vector<double> weight;
  Side(const std::vector<Token>& t, bool rarity) : toks(&t), credit(t.size(), -1.0) {
    for (const auto& x : t) weight.push_back(Weight(x, rarity));
  }
  bool Free(size_t i) const { return credit[i] < 0; }
};

std::string Flat(const std::string& s) {
  std::string f;
  for (char c : s) if (c != ' ') f += c;
  return f;
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
    case Slip::kTransposition: return 0.9;
    case Slip::kInsertion: return shorter >= 5 ? 0.9 : 0.0;
    case Slip::kSubstitution: return names && shorter >= 6 ? 0.85 : 0.0;
    case Slip::kNone: break;
  }
  // Two slips in a long word ("Trafalgura"/"Trafigura").
  if (names && shorter >= 9 && OsaDistance(x, y, 2) <= 2) return 0.8;
  return 0;
}

bool AltsMeet(const Token& a, const Token& b) {
  for (const auto& x : a.alts) {
    if (x == b.skel) return true;
    for (const auto& y : b.alts) if (x == y) return true;
  }
  for (const auto& y : b.alts) if (y == a.skel) return true;
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
  bool abjad;          // consonant keys: a Hebrew/Arabic side against a Latin one
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
  if (x.cls == TokenClass::kStop || x.cls == TokenClass::kLegal || x.skel.size() < 3) return false;
  const auto& ys = *Y.toks;
  for (size_t j = 0; j < ys.size(); ++j) {
    if (!Y.Free(j)) continue;
    bool abjad = x.abjad != ys[j].abjad;
    std::vector<std::string> targets;
    if (abjad) targets.push_back(x.abjad ? x.skel : AbjadKey(x.surface));
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

}  // namespace

NameComparison CompareVariants(const NameVariant& qv, const NameVariant& cv, const CompareOptions& options) {
  NameComparison r;
  bool rarity = !options.person;
  Side Q(qv.tokens, rarity), C(cv.tokens, rarity);
  const auto& qt = qv.tokens;
  const auto& ct = cv.tokens;
  auto align = [&](size_t i, size_t j, double credit, const char* how) {
    Q.credit[i] = credit;
    C.credit[j] = credit;
    r.aligned.push_back({qt[i].surface, ct[j].surface, how, credit});
  };
  // Pass 1: exact (same word or same concept).
  for (size_t i = 0; i < qt.size(); ++i) {
    if (qt[i].cls == TokenClass::kLegal) continue;
    for (size_t j = 0; j < ct.size(); ++j) {
      if (C.Free(j) && ct[j].cls != TokenClass::kLegal && qt[i].text == ct[j].text &&
          (qt[i].cls == ct[j].cls || (IsDistinctive(qt[i].cls) && IsDistinctive(ct[j].cls)))) {
        if (qt[i].typo || ct[j].typo) align(i, j, 0.95, "typo");  // "Tarding" read as trading
        else align(i, j, 1.0, qt[i].cls == TokenClass::kName || qt[i].cls == TokenClass::kNumber ||
                                      qt[i].surface == ct[j].surface ? "exact" : "concept");
        break;
      }
    }
  }
  // Pass 2: romanization skeleton or Wade-Giles readings.
  for (size_t i = 0; i < qt.size(); ++i) {
    if (!Q.Free(i) || qt[i].cls != TokenClass::kName) continue;
    for (size_t j = 0; j < ct.size(); ++j) {
      if (!C.Free(j) || ct[j].cls != TokenClass::kName || qt[i].abjad != ct[j].abjad) continue;
      if (qt[i].skel == ct[j].skel) { align(i, j, 0.95, "romanization"); break; }
      if (AltsMeet(qt[i], ct[j])) {
        bool wade_giles = !WadeGilesToPinyin(qt[i].text).empty() || !WadeGilesToPinyin(ct[j].text).empty();
        align(i, j, 0.95, wade_giles && !qt[i].from_han && !ct[j].from_han ? "wade_giles" : "reading");
        break;
      }
    }
  }
  // Pass 2a: a misspelled word against a vocabulary word ("Enterprisses" vs "Enterprises").
  for (size_t i = 0; i < qt.size(); ++i) {
    if (!Q.Free(i)) continue;
    for (size_t j = 0; j < ct.size(); ++j) {
      if (!C.Free(j) || (qt[i].cls == TokenClass::kName) == (ct[j].cls == TokenClass::kName)) continue;
      const Token& name = qt[i].cls == TokenClass::kName ? qt[i] : ct[j];
      const Token& word = qt[i].cls == TokenClass::kName ? ct[j] : qt[i];
      if (name.abjad || word.cls == TokenClass::kStop || word.cls == TokenClass::kLegal) continue;
      if (name.skel == word.skel) { align(i, j, 0.95, "romanization"); break; }
    }
  }
  // Pass 2b: a word from Hebrew/Arabic script against a Latin word, by consonants; long Latin
  // words whose consonants agree (vowel-variant romanization); an initial against a word.
  for (size_t i = 0; i < qt.size(); ++i) {
    if (!Q.Free(i) || qt[i].cls == TokenClass::kStop || qt[i].cls == TokenClass::kLegal) continue;
    for (size_t j = 0; j < ct.size(); ++j) {
      if (!C.Free(j) || ct[j].cls == TokenClass::kStop || ct[j].cls == TokenClass::kLegal) continue;
      const Token& a = qt[i];
      const Token& b = ct[j];
      if (a.cls != TokenClass::kName && b.cls != TokenClass::kName) continue;
      if (a.abjad != b.abjad) {
        // Translated words never meet by consonants, but a transliterated loanword
        // (לוגיסטיקה "logistics") does.
        std::string ka = a.abjad ? a.skel : AbjadKey(a.surface), kb = b.abjad ? b.skel : AbjadKey(b.surface);
        if (ka.empty() || kb.empty()) continue;
        if (ka == kb) { align(i, j, 0.9, "consonants"); break; }
        // ו and و are also the consonant v/w: דוד = "David".
        const Token& ab = a.abjad ? a : b;
        std::string kv = AbjadKey(ab.text, true);
        if (kv != ab.skel && kv == (a.abjad ? kb : ka)) { align(i, j, 0.9, "consonants"); break; }
        if (ka.size() >= 3 && kb.size() >= 3 && BoundedEditDistance(ka, kb, 1) <= 1) { align(i, j, 0.75, "consonants"); break; }
        continue;
      }
      if (a.abjad || a.cls != TokenClass::kName || b.cls != TokenClass::kName) continue;
      if (a.text.size() >= 6 && b.text.size() >= 6 && a.text[0] == b.text[0] && Consonants(a.text) == Consonants(b.text)) {
        align(i, j, 0.85, "vowel_variant");
        break;
      }
      if ((a.text.size() == 1 && b.text.size() > 2 && b.text[0] == a.text[0]) ||
          (b.text.size() == 1 && a.text.size() > 2 && a.text[0] == b.text[0])) {
        align(i, j, 0.8, "initial");
        break;
      }
    }
  }
  // Pass 2c: a word from a script without word spaces against 1–4 Latin words, by loose
  // consonant key ("shwaypulell" = "Shwe Pale").
  auto loose = [&](Side& X, Side& Y, bool x_is_query) {
    const auto& xs = *X.toks;
    const auto& ys = *Y.toks;
    for (size_t i = 0; i < xs.size(); ++i) {
      if (!X.Free(i) || !xs[i].unspaced || xs[i].cls == TokenClass::kLegal) continue;
      std::string key = LooseKey(xs[i].surface, false);
      if (key.size() < 2) continue;
      bool done = false;
      for (size_t j = 0; j < ys.size() && !done; ++j) {
        std::string cat, names, best_names;
        size_t best_k = SIZE_MAX;
        for (size_t k = j; k < ys.size() && k < j + 4; ++k) {
          if (!Y.Free(k) || ys[k].unspaced || ys[k].cls == TokenClass::kLegal || ys[k].cls == TokenClass::kStop) break;
          cat += LooseKey(ys[k].surface, true);
          names += (k > j ? " " : "") + ys[k].surface;
          std::string ck;
          for (char ch : cat) if (ck.empty() || ck.back() != ch) ck += ch;
          if (ck.size() > key.size() || key.compare(0, ck.size(), ck) != 0) break;
          if (ck == key) {
            best_k = k;  // keep extending: "Htet" after "Kaung Myat" may add nothing to the key
            best_names = names;
          }
        }
        if (best_k != SIZE_MAX) {
          X.credit[i] = 0.85;
          for (size_t m = j; m <= best_k; ++m) Y.credit[m] = 0.85;
          r.aligned.push_back({x_is_query ? xs[i].surface : best_names, x_is_query ? best_names : xs[i].surface, "transliteration", 0.85});
          done = true;
        }
      }
    }
  };
  loose(Q, C, true);
  loose(C, Q, false);
  // Pass 3: joined words, both directions.
  for (size_t i = 0; i < qt.size(); ++i) if (Q.Free(i)) TryJoin(Q, i, C, true, r.aligned);
  for (size_t j = 0; j < ct.size(); ++j) if (C.Free(j)) TryJoin(C, j, Q, false, r.aligned);
  // Pass 3a: a space typed one letter off ("Liberatio Ntigers" = "Liberation Tigers"): two
  // neighbours on each side spell the same letters.
  auto joinable = [](const Token& t) {
    return t.cls != TokenClass::kStop && t.cls != TokenClass::kLegal && !t.from_han && !t.abjad && !t.unspaced;
  };
  for (size_t i = 0; i + 1 < qt.size(); ++i) {
    if (!Q.Free(i) || !Q.Free(i + 1) || !joinable(qt[i]) || !joinable(qt[i + 1])) continue;
    std::string qa = Flat(qt[i].surface), qb = Flat(qt[i + 1].surface);
    for (size_t j = 0; j + 1 < ct.size(); ++j) {
      if (!C.Free(j) || !C.Free(j + 1) || !joinable(ct[j]) || !joinable(ct[j + 1])) continue;
      std::string ca = Flat(ct[j].surface), cb = Flat(ct[j + 1].surface);
      if (qa.size() == ca.size() || qa + qb != ca + cb) continue;
      for (size_t k : {i, i + 1}) Q.credit[k] = 0.95;
      for (size_t k : {j, j + 1}) C.credit[k] = 0.95;
      r.aligned.push_back({qt[i].surface + " " + qt[i + 1].surface, ct[j].surface + " " + ct[j + 1].surface, "joined", 0.95});
      break;
    }
  }
  // A sole proprietorship ("FOP", "IP", "Ets", "EURL") is named after its owner, so its name
  // is a person's name.
  bool sole = false;
  for (const auto* toks : {&qt, &ct})
    for (const auto& t : *toks) sole |= t.cls == TokenClass::kLegal && t.family == "sole";
  // Pass 3b: companies and vessels, one typing slip. The pair weighs what the correctly spelt
  // word weighs: a misspelt common word ("Bnak") counts for as little as the word does.
  if (!options.person && !sole) {
    for (size_t i = 0; i < qt.size(); ++i) {
      if (!Q.Free(i) || qt[i].cls == TokenClass::kStop || qt[i].cls == TokenClass::kLegal || qt[i].cls == TokenClass::kNumber) continue;
      double best = 0;
      size_t bj = 0;
      for (size_t j = 0; j < ct.size(); ++j) {
        if (!C.Free(j) || ct[j].cls == TokenClass::kStop || ct[j].cls == TokenClass::kLegal || ct[j].cls == TokenClass::kNumber) continue;
        double c = TypoCredit(qt[i], ct[j]);
        if (c > best) { best = c; bj = j; }
      }
      if (best > 0) {
        double w = std::min(Q.weight[i], C.weight[bj]);
        Q.weight[i] = C.weight[bj] = w;
        align(i, bj, best, "typo");
      }
    }
  }
  // Pass 4: persons only, close spellings.
  if (options.person || sole) {
    for (size_t i = 0; i < qt.size(); ++i) {
      if (!Q.Free(i) || qt[i].cls != TokenClass::kName || qt[i].text.size() < 3) continue;
      double best = 0;
      size_t bj = 0;
      for (size_t j = 0; j < ct.size(); ++j) {
        if (!C.Free(j) || ct[j].cls != TokenClass::kName || ct[j].text.size() < 3) continue;
        // Every spelling of both words: a transliterated name carries its French and German
        // spellings ("Sergey", "Sergej"). One typo in a word of 3+ letters ("Mosk"/"Musk",
        // "Ahmde"/"Ahmed") counts as 0.95.
        double jw = 0;
        auto consider = [&](const std::string& x, const std::string& y) {
          jw = std::max(jw, JaroWinkler(x, y));
          if (OsaDistance(x, y, 1) <= 1) jw = std::max(jw, 0.95);
        };
        consider(qt[i].text, ct[j].text);
        if (!qt[i].from_han && !ct[j].from_han) {
          for (const auto& a : qt[i].alts) consider(a, ct[j].skel);
          for (const auto& b : ct[j].alts) consider(qt[i].skel, b);
        }
        if (std::min(qt[i].text.size(), ct[j].text.size()) < 4 && jw < 0.95) continue;
        if (jw > best) { best = jw; bj = j; }
      }
      if (best >= 0.88) align(i, bj, best - 0.05, "fuzzy");
    }
  }
  // Legal forms: relate the two sets as a whole.
  std::vector<size_t> ql, cl;
  for (size_t i = 0; i < qt.size(); ++i) if (qt[i].cls == TokenClass::kLegal && Q.Free(i)) ql.push_back(i);
  for (size_t j = 0; j < ct.size(); ++j) if (ct[j].cls == TokenClass::kLegal && C.Free(j)) cl.push_back(j);
  double penalty = 1.0;
  if (ql.empty() && cl.empty()) {
    r.legal_form = "none";
  } else if (ql.empty() || cl.empty()) {
    r.legal_form = "one_side";
  } else {
    LegalRelation best = LegalRelation::kConflict;
    for (size_t i : ql)
      for (size_t j : cl) best = std::min(best, Relate(qt[i], ct[j]));
    double credit = best == LegalRelation::kAgree || best == LegalRelation::kCompatible ? 1.0
                    : best == LegalRelation::kDiffer ? 0.25 : 0.0;
    r.legal_form = best == LegalRelation::kAgree ? "agree" : best == LegalRelation::kCompatible ? "compatible"
                   : best == LegalRelation::kDiffer ? "differ" : "conflict";
    if (credit > 0) {
      for (size_t i : ql) Q.credit[i] = credit;
      for (size_t j : cl) C.credit[j] = credit;
      std::string a, b;
      for (size_t i : ql) a += (a.empty() ? "" : " ") + qt[i].surface;
      for (size_t j : cl) b += (b.empty() ? "" : " ") + ct[j].surface;
      r.aligned.push_back({a, b, "legal_form", credit});
    }
    if (best == LegalRelation::kConflict) {
      penalty *= 0.8;
      r.penalties.push_back("legal_form_conflict");
    } else if (best == LegalRelation::kDiffer) {
      penalty *= 0.92;
      r.penalties.push_back("legal_form_differs");
    }
  }

  double wq = 0, wc = 0, m = 0;
  bool distinct_aligned = false;
  bool q_free_industry = false, c_free_industry = false, q_free_number = false, c_free_number = false;
  for (size_t i = 0; i < qt.size(); ++i) {
    double w = Q.weight[i];
    wq += w;
    if (!Q.Free(i)) {
      m += Q.credit[i] * w;
      distinct_aligned |= IsDistinctive(qt[i].cls);
    } else {
      r.unmatched_query.push_back(qt[i].surface);
      q_free_industry |= qt[i].cls == TokenClass::kIndustry;
      q_free_number |= qt[i].cls == TokenClass::kNumber;
    }
  }
  for (size_t j = 0; j < ct.size(); ++j) {
    double w = C.weight[j];
    wc += w;
    if (!C.Free(j)) {
      m += C.credit[j] * w;
      distinct_aligned |= IsDistinctive(ct[j].cls);
    } else {
      r.unmatched_candidate.push_back(ct[j].surface);
      c_free_industry |= ct[j].cls == TokenClass::kIndustry;
      c_free_number |= ct[j].cls == TokenClass::kNumber;
    }
  }
  if (wq + wc <= 0) return r;
  double score = m / (wq + wc);
  if (q_free_industry && c_free_industry) {
    penalty *= 0.85;
    r.penalties.push_back("industry_conflict");
  }
  if (q_free_number && c_free_number) {
    penalty *= 0.5;
    r.penalties.push_back("number_conflict");
  }
  if (options.vessel && (ql.empty() != cl.empty())) {
    penalty *= 0.8;
    r.penalties.push_back("vessel_vs_company");
  }
  score *= penalty;
  if (options.person && penalty == 1.0) {
    // A person's name with middle names or patronymics left out: every distinctive word of
    // the shorter name aligned, and at least two of them.
    auto covered = [](const std::vector<Token>& t, const Side& s) {
      int n = 0;
      for (size_t k = 0; k < t.size(); ++k) {
        if (!IsDistinctive(t[k].cls)) continue;
        if (s.Free(k)) return -1;
        ++n;
      }
      return n;
    };
    int cq = covered(qt, Q), cc = covered(ct, C);
    if ((cq >= 2 || cc >= 2) && score < 0.88) {
      score = 0.88;
      r.penalties.push_back("subset_name");  // not a penalty: records that the floor applied
    }
  }
  if (!distinct_aligned || !qv.HasDistinctive() || !cv.HasDistinctive()) {
    score = std::min(score, 0.5);
    r.penalties.push_back("generic_only");
  }
  r.score = std::clamp(score, 0.0, 1.0);
  r.query_variant = qv.kind;
  r.candidate_variant = cv.kind;
  return r;
}

NameComparison CompareNames(const NormalizedName& q, const NormalizedName& c, const CompareOptions& options) {
  NameComparison best;
  bool have = false;
  for (const auto& qv : q.variants) {
    for (const auto& cv : c.variants) {
      if (qv.kind == "former_name" && cv.kind == "former_name") continue;
      if (qv.tokens.empty() || cv.tokens.empty()) continue;
      NameComparison r = CompareVariants(qv, cv, options);
      if (!have || r.score > best.score) {
        best = std::move(r);
        have = true;
      }
    }
  }
  return best;
}

}  // namespace chokepoint::parties
