#include "parties/screener.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "util/country.h"
#include "parties/identifiers.h"
#include "parties/name.h"
#include "util/hash.h"

namespace chokepoint::parties {
namespace {

struct NameRec {
  uint32_t entity;
  std::string raw;       // the name as printed on the list
  NormalizedName norm;
  bool weak = false;     // OFAC remark a.k.a. / UN "Low" quality alias
};

struct IdRec {
  uint32_t entity;
  uint32_t id_index;
};

// Keys a token contributes to the exact-token postings. Industry words are keyed too (by
// concept, marked "i:"): they narrow "Iran Electronic Development" among hundreds of "Iran …".
void TokenKeys(const Token& t, std::vector<std::string>& out) {
  if (t.cls == TokenClass::kIndustry) out.push_back("i:" + t.text);
  if (!IsDistinctive(t.cls)) return;
  out.push_back(t.skel);
  for (const auto& a : t.alts) out.push_back(a);
}

// Compact string of a variant's distinctive words: "shenxingbiao" for "SHEN, Xingbiao" and
// "shen xing biao" alike, so trigrams survive different word splits.
std::string Compact(const NameVariant& v) {
  std::string s;
  for (const auto& t : v.tokens) if (IsDistinctive(t.cls)) s += t.skel;
  return s;
}

uint32_t Gram(char a, char b, char c) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(a)) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b)) << 8) | static_cast<unsigned char>(c);
}

void Grams(const std::string& compact, std::vector<uint32_t>& out) {
  if (compact.empty()) return;
  std::string s = "^" + compact + "$";
  for (size_t i = 0; i + 3 <= s.size(); ++i) out.push_back(Gram(s[i], s[i + 1], s[i + 2]));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Typo postings: a word of five letters or more is posted under itself and each of its
// one-letter deletions (SymSpell). A query word probes itself and its deletions, so one
// swapped, dropped, added or replaced letter still meets the listed spelling.
constexpr size_t kTypoMinLength = 5;

uint64_t KeyHash(std::string_view s) { return Fnv1a(s); }

bool TypoIndexed(const Token& t) {
  return t.cls == TokenClass::kName && !t.from_han && !t.unspaced && t.text.size() >= kTypoMinLength &&
         t.text.size() <= 40;
}

void DeletionKeys(const std::string& w, std::vector<uint64_t>& out) {
  out.push_back(KeyHash(w));
  std::string d;
  for (size_t k = 0; k < w.size(); ++k) {
    d.assign(w, 0, k);
    d.append(w, k + 1, std::string::npos);
    out.push_back(KeyHash(d));
  }
}

struct TypoPosting {
  uint64_t key;
  uint32_t name;
  bool operator<(const TypoPosting& o) const { return key != o.key ? key < o.key : name < o.name; }
  bool operator==(const TypoPosting& o) const { return key == o.key && name == o.name; }
};

std::string Year(const std::string& d) { return d.substr(0, 4); }

bool IsFreeMailDomain(const std::string& d) {
  static const char* kFree[] = {"gmail.com", "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn",
                                "sohu.com", "aliyun.com", "foxmail.com", "139.com", "outlook.com", "hotmail.com",
                                "live.com", "yahoo.com", "yahoo.com.hk", "icloud.com", "mail.ru", "yandex.ru",
                                "protonmail.com", "proton.me", "gmx.com", "aol.com", "tutanota.com"};
  for (const char* f : kFree) if (d == f) return true;
  return false;
}

}  // namespace

struct Screener::Impl {
  std::vector<Entity> entities;
  std::vector<NameRec> names;
  std::unordered_map<std::string, std::vector<uint32_t>> token_post;
  std::unordered_map<uint32_t, std::vector<uint32_t>> gram_post;
  std::vector<TypoPosting> typo_post;  // sorted
  std::unordered_map<std::string, std::vector<IdRec>> id_index;
  size_t skipped = 0;

  double Idf(size_t df) const { return std::log(1.0 + static_cast<double>(names.size()) / (1.0 + df)); }

  // Weight factor of a name word from the number of indexed names that use it: a word in at
  // most 1 of 2,000 names (and at most 20: a small blocklist says nothing about how common a
  // word is) counts fully, one in 1 of 40 about half, never below 0.35.
  float Rarity(const std::string& skel) const {
    auto it = token_post.find(skel);
    if (it == token_post.end() || names.empty()) return 1.0f;
    double n = static_cast<double>(names.size());
    double full = std::max(20.0, n / 2000.0);
    double df = std::max<double>(1.0, it->second.size());
    if (df <= full) return 1.0f;
    return static_cast<float>(std::clamp(std::log(n / df) / std::log(n / full), 0.35, 1.0));
  }
  void ApplyRarity(NormalizedName& n) const {
    for (auto& v : n.variants)
      for (auto& t : v.tokens)
        if (t.cls == TokenClass::kName) t.rarity = Rarity(t.skel);
  }
};

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

std::unique_ptr<Screener> Screener::Build(const ListSet& lists) {
  auto impl = std::make_unique<Impl>();
  for (const auto& l : lists.lists()) {
    for (const auto& e : l.entities) impl->entities.push_back(e);
  }
  std::vector<std::string> keys;
  std::vector<uint32_t> grams;
  std::vector<uint64_t> typo_keys;
  for (uint32_t ei = 0; ei < impl->entities.size(); ++ei) {
    const Entity& e = impl->entities[ei];
    NormalizeOptions no;
    no.person = e.type == EntityType::kIndividual;
    auto add = [&](const std::string& raw, bool weak) {
      auto n = NormalizeName(raw, no);
      if (!n.ok()) {
        ++impl->skipped;
        return;
      }
      uint32_t ni = static_cast<uint32_t>(impl->names.size());
      keys.clear();
      grams.clear();
      typo_keys.clear();
      for (const auto& v : n->variants) {
        for (const auto& t : v.tokens) {
          TokenKeys(t, keys);
          if (TypoIndexed(t)) DeletionKeys(t.text, typo_keys);
        }
        std::vector<uint32_t> g;
        Grams(Compact(v), g);
        grams.insert(grams.end(), g.begin(), g.end());
      }
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      std::sort(grams.begin(), grams.end());
      grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
      for (const auto& k : keys) impl->token_post[k].push_back(ni);
      for (uint32_t g : grams) impl->gram_post[g].push_back(ni);
      for (uint64_t k : typo_keys) impl->typo_post.push_back({k, ni});
      impl->names.push_back({ei, raw, std::move(n).value(), weak});
    };
    add(e.name, false);
    for (const auto& a : e.aliases) add(a, false);
    for (const auto& a : e.weak_aliases) add(a, true);
    for (uint32_t k = 0; k < e.ids.size(); ++k) {
      std::string key = IdentifierKey(e.ids[k].kind, e.ids[k].value);
      if (!key.empty()) impl->id_index[key].push_back({ei, k});
    }
  }
  std::sort(impl->typo_post.begin(), impl->typo_post.end());
  impl->typo_post.erase(std::unique(impl->typo_post.begin(), impl->typo_post.end()), impl->typo_post.end());
  impl->typo_post.shrink_to_fit();
  for (auto& rec : impl->names) impl->ApplyRarity(rec.norm);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

void Screener::ApplyRarity(NormalizedName& name) const { impl_->ApplyRarity(name); }

size_t Screener::entity_count() const { return impl_->entities.size(); }
size_t Screener::name_count() const { return impl_->names.size(); }
size_t Screener::skipped_names() const { return impl_->skipped; }

size_t Screener::MemoryBytes() const {
  size_t b = impl_->entities.capacity() * sizeof(Entity) + impl_->names.capacity() * sizeof(NameRec);
  for (const auto& n : impl_->names) {
    b += n.raw.capacity();
    for (const auto& v : n.norm.variants) b += v.tokens.capacity() * sizeof(Token) + v.tokens.size() * 16;
  }
  for (const auto& e : impl_->entities) {
    b += e.name.size() + e.remarks.size();
    for (const auto& a : e.aliases) b += a.size() + 32;
    for (const auto& a : e.addresses) b += a.size() + 32;
  }
  for (const auto& [k, v] : impl_->token_post) b += k.capacity() + 48 + v.capacity() * 4;
  for (const auto& [k, v] : impl_->gram_post) b += 48 + v.capacity() * 4;
  for (const auto& [k, v] : impl_->id_index) b += k.capacity() + 48 + v.capacity() * 8;
  b += impl_->typo_post.capacity() * sizeof(TypoPosting);
  return b;
}

Result<std::vector<Match>> Screener::Screen(const PartyQuery& q, const ScreenOptions& options) const {
  const Impl& im = *impl_;
  // Identifiers first: they work even without a usable name.
  struct IdHitRef { uint32_t entity; uint32_t id_index; std::string query_value; std::string key; };
  std::vector<IdHitRef> id_hits;
  auto lookup = [&](const std::string& kind, const std::string& value) {
    std::string key = IdentifierKey(kind, value);
    if (key.empty()) return;
    auto it = im.id_index.find(key);
    if (it == im.id_index.end()) return;
    for (const auto& r : it->second) id_hits.push_back({r.entity, r.id_index, value, key});
  };
  size_t usable_ids = 0;
  for (const auto& [k, v] : q.ids) { lookup(k, v); usable_ids += !IdentifierKey(k, v).empty(); }
  for (const auto& v : q.emails) {
    lookup("email", v);
    usable_ids += !IdentifierKey("email", v).empty();
    // The mail domain against listed websites: another mailbox at a designated firm's own
    // domain. Free-mail domains identify nobody.
    std::string dom = IdentifierKey("website", v);
    if (!dom.empty() && !IsFreeMailDomain(dom.substr(7))) lookup("website", v);
  }
  for (const auto& v : q.phones) { lookup("phone", v); usable_ids += !IdentifierKey("phone", v).empty(); }
  for (const auto& v : q.websites) { lookup("website", v); usable_ids += !IdentifierKey("website", v).empty(); }

  NormalizeOptions no;
  no.person = q.type == EntityType::kIndividual;
  CP_ASSIGN_OR_RETURN(NormalizedName qn, NormalizeName(q.name, no));
  im.ApplyRarity(qn);
  bool name_usable = false;
  for (const auto& v : qn.variants) name_usable |= v.HasDistinctive();
  if (!name_usable && usable_ids == 0) {
    bool empty = true;
    for (const auto& v : qn.variants) empty &= v.tokens.empty();
    if (empty) return Status::InvalidArgument("nothing to screen: the name is empty and no identifier was given", "empty_query");
    return Status::InvalidArgument("the name '" + q.name.substr(0, 80) +
                                       "' has only legal-form words; nothing distinctive to screen",
                                   "generic_name");
  }

  // Candidate generation: exact tokens (and neighbour joins) weigh twice a trigram. Scores
  // accumulate in a per-thread dense array (names are numbered), reset through `touched`.
  thread_local std::vector<float> acc;
  thread_local std::vector<uint32_t> touched;
  if (acc.size() < im.names.size()) acc.assign(im.names.size(), 0.0f);
  touched.clear();
  auto add = [&](const std::vector<uint32_t>& post, float w) {
    for (uint32_t n : post) {
      if (acc[n] == 0.0f) touched.push_back(n);
      acc[n] += w;
    }
  };
  if (name_usable) {
    // Keys come in groups: one per query word (its spelling, readings and industry concept)
    // and one per joined pair or triple. A group adds its best key's weight to a name once,
    // however many of its keys meet: a Han character's dozen readings are one word.
    std::set<std::vector<std::string>> groups;
    std::vector<uint32_t> grams;
    std::vector<const Token*> typo_words;
    auto spellings = [](const Token& t) {
      std::vector<std::string> s{t.skel};
      if (t.from_han) s.insert(s.end(), t.alts.begin(), t.alts.end());
      return s;
    };
    for (const auto& v : qn.variants) {
      // Neighbours joined, industry words included: "Main Pharma" meets "MAINPHARMA";
      // syllables by their readings too: 山田 meets "YAMADA".
      std::vector<const Token*> joinable;
      for (const auto& t : v.tokens) {
        std::vector<std::string> g;
        TokenKeys(t, g);
        if (!g.empty()) {
          std::sort(g.begin(), g.end());
          g.erase(std::unique(g.begin(), g.end()), g.end());
          groups.insert(std::move(g));
        }
        if (IsDistinctive(t.cls) || t.cls == TokenClass::kIndustry) joinable.push_back(&t);
        if (t.cls == TokenClass::kName && !t.from_han && !t.unspaced && t.text.size() >= kTypoMinLength - 1 &&
            t.text.size() <= 40)
          typo_words.push_back(&t);
      }
      for (size_t i = 0; i + 1 < joinable.size(); ++i) {
        std::vector<std::string> g;
        for (const auto& a : spellings(*joinable[i]))
          for (const auto& b : spellings(*joinable[i + 1]))
            if (g.size() < 64) g.push_back(a + b);
        std::sort(g.begin(), g.end());
        groups.insert(std::move(g));
        if (i + 2 < joinable.size())
          groups.insert({joinable[i]->skel + joinable[i + 1]->skel + joinable[i + 2]->skel});
      }
      std::vector<uint32_t> g;
      Grams(Compact(v), g);
      grams.insert(grams.end(), g.begin(), g.end());
    }
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    // Very common grams cost time and carry little: skip those in over 2% of names.
    size_t max_df = std::max<size_t>(200, im.names.size() / 50);
    thread_local std::vector<float> word_best;
    thread_local std::vector<uint32_t> word_touched;
    if (word_best.size() < im.names.size()) word_best.assign(im.names.size(), 0.0f);
    auto flush_group = [&](float scale) {
      for (uint32_t n : word_touched) {
        if (acc[n] == 0.0f) touched.push_back(n);
        acc[n] += scale * word_best[n];
        word_best[n] = 0.0f;
      }
      word_touched.clear();
    };
    auto best_of = [&](const std::vector<uint32_t>& post, float w) {
      for (uint32_t n : post) {
        if (word_best[n] == 0.0f) word_touched.push_back(n);
        word_best[n] = std::max(word_best[n], w);
      }
    };
    for (const auto& group : groups) {
      for (const auto& k : group) {
        auto it = im.token_post.find(k);
        if (it == im.token_post.end() || it->second.size() > 4 * max_df) continue;
        float w = static_cast<float>(2.0 * im.Idf(it->second.size()));
        best_of(it->second, k.rfind("i:", 0) == 0 ? w / 2 : w);
      }
      flush_group(1.0f);
    }
    for (uint32_t g : grams) {
      auto it = im.gram_post.find(g);
      if (it == im.gram_post.end() || it->second.size() > max_df) continue;
      add(it->second, static_cast<float>(im.Idf(it->second.size())));
    }
    // Typo postings, once per name and query word however many deletions meet, at 1.5 × the
    // IDF of the rarest key that met: a misspelt rare word still finds its entity.
    std::vector<uint64_t> probes;
    for (const Token* t : typo_words) {
      probes.clear();
      DeletionKeys(t->text, probes);
      for (uint64_t k : probes) {
        auto lo = std::lower_bound(im.typo_post.begin(), im.typo_post.end(), TypoPosting{k, 0});
        auto hi = std::upper_bound(lo, im.typo_post.end(), k,
                                   [](uint64_t key, const TypoPosting& p) { return key < p.key; });
        size_t df = static_cast<size_t>(hi - lo);
        if (df == 0 || df > max_df) continue;
        float w = static_cast<float>(im.Idf(df));
        for (auto p = lo; p != hi; ++p) {
          if (word_best[p->name] == 0.0f) word_touched.push_back(p->name);
          word_best[p->name] = std::max(word_best[p->name], w);
        }
      }
      flush_group(1.5f);
    }
  }
  std::vector<std::pair<float, uint32_t>> cands;
  cands.reserve(touched.size());
  for (uint32_t n : touched) {
    cands.emplace_back(acc[n], n);
    acc[n] = 0.0f;
  }
  size_t k = std::min(options.candidates, cands.size());
  std::partial_sort(cands.begin(), cands.begin() + k, cands.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  cands.resize(k);
  // Candidates sharing less than a quarter of the best candidate's evidence cannot reach a
  // useful score; scoring them only costs time.
  if (!cands.empty()) {
    float floor = cands.front().first * 0.25f;
    while (!cands.empty() && cands.back().first < floor) cands.pop_back();
  }

  // Score candidates; keep the best name per entity.
  struct Best { double score = -1; uint32_t name = 0; NameComparison cmp; };
  std::unordered_map<uint32_t, Best> best;
  for (const auto& [s, ni] : cands) {
    const NameRec& rec = im.names[ni];
    const Entity& e = im.entities[rec.entity];
    CompareOptions co;
    co.person = q.type == EntityType::kIndividual || (q.type == EntityType::kUnknown && e.type == EntityType::kIndividual);
    co.vessel = q.type == EntityType::kVessel || e.type == EntityType::kVessel;
    NameComparison c = CompareNames(qn, rec.norm, co);
    if (rec.weak) c.score *= 0.95;  // nicknames and partial names: a little less sure
    Best& b = best[rec.entity];
    if (c.score > b.score || (c.score == b.score && ni < b.name)) b = {c.score, ni, std::move(c)};
  }
  for (const auto& h : id_hits) best.try_emplace(h.entity);

  std::string qcountry = CountryCode(q.country);
  if (qcountry.empty() && !q.address.empty()) qcountry = CountryOfAddress(q.address);
  std::vector<Match> out;
  for (auto& [ei, b] : best) {
    const Entity& e = im.entities[ei];
    Match m;
    m.list = e.list;
    m.entity_id = e.entity_id;
    m.name = e.name;
    m.programs = e.programs;
    m.type = e.type;
    Explanation& x = m.explanation;
    x.normalization = qn.steps;
    double name_score = std::max(0.0, b.score);
    if (b.score >= 0) {
      m.matched_name = im.names[b.name].raw;
      x.name = std::move(b.cmp);
    }
    x.name_score = name_score;
    double factor = 1.0;
    if (qcountry.empty() || e.countries.empty()) {
      x.country = "unknown";
    } else if (std::find(e.countries.begin(), e.countries.end(), qcountry) != e.countries.end()) {
      x.country = "agree";
    } else {
      x.country = "disagree";
      factor *= 0.9;
    }
    if (q.date_of_birth.size() < 4 || e.dates_of_birth.empty()) {
      x.date_of_birth = "unknown";
    } else {
      bool agree = false;
      for (const auto& d : e.dates_of_birth) agree |= Year(d) == Year(q.date_of_birth);
      x.date_of_birth = agree ? "agree" : "disagree";
      if (!agree) factor *= 0.8;
    }
    if (q.type == EntityType::kUnknown || e.type == EntityType::kUnknown) {
      x.type = "unknown";
    } else if (q.type == e.type) {
      x.type = "agree";
    } else {
      x.type = "disagree";
      factor *= 0.85;
    }
    m.score = name_score * factor;
    for (const auto& h : id_hits) {
      if (h.entity != ei) continue;
      const Identifier& id = e.ids[h.id_index];
      x.identifiers.push_back({id.kind, h.query_value, id.value, h.key});
    }
    if (!x.identifiers.empty()) {
      m.score = 1.0;  // the same registration code, email or phone is the same party
      if (m.matched_name.empty()) m.matched_name = e.name;
    }
    if (m.score + 1e-9 < options.threshold) continue;
    m.score = std::round(m.score * 1000.0) / 1000.0;
    // One sentence for people.
    std::string s;
    if (!x.identifiers.empty()) {
      s = "identifier " + x.identifiers[0].kind + " " + x.identifiers[0].list_value + " matches";
      if (x.name_score > 0) s += "; ";
    }
    if (x.name_score > 0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "name %.2f", x.name_score);
      s += buf;
      std::string how;
      for (const auto& a : x.name.aligned) {
        if (a.how == "exact" || a.how == "concept") continue;
        if (!how.empty()) how += ", ";
        how += "'" + a.query + "'~'" + a.candidate + "' (" + a.how + ")";
      }
      if (!how.empty()) s += " via " + how;
      if (!x.name.unmatched_query.empty() || !x.name.unmatched_candidate.empty()) {
        s += "; unmatched";
        for (const auto& u : x.name.unmatched_query) s += " '" + u + "'";
        if (!x.name.unmatched_candidate.empty()) s += " vs";
        for (const auto& u : x.name.unmatched_candidate) s += " '" + u + "'";
      }
    }
    if (x.country == "disagree") s += "; country differs";
    if (x.date_of_birth == "disagree") s += "; date of birth differs";
    if (x.type == "disagree") s += "; party type differs";
    x.summary = s;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.list != b.list) return a.list < b.list;
    return a.entity_id < b.entity_id;
  });
  if (out.size() > options.top_k) out.resize(options.top_k);
  return out;
}

}  // namespace chokepoint::parties
