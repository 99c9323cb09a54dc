#include "parties/candidates.h"

#include <algorithm>

namespace chokepoint::parties {
namespace {

// Evidence per listed name for one query, in per-thread dense arrays (names are numbered)
// that are reset through the lists of the names they touched, so a query costs what it
// touches, not what the index holds.
class Evidence {
 public:
  explicit Evidence(size_t names) : s_(Scratch()) {
    if (s_.acc.size() < names) s_.acc.assign(names, 0.0f);
    if (s_.word_best.size() < names) s_.word_best.assign(names, 0.0f);
    s_.touched.clear();
  }

  // Every name of `post` gets `w`.
  void Add(const std::vector<uint32_t>& post, float w) {
    for (uint32_t n : post) {
      if (s_.acc[n] == 0.0f) s_.touched.push_back(n);
      s_.acc[n] += w;
    }
  }
  // Within a group of keys, a name keeps the best weight it is offered ...
  void Offer(uint32_t n, float w) {
    if (s_.word_best[n] == 0.0f) s_.word_touched.push_back(n);
    s_.word_best[n] = std::max(s_.word_best[n], w);
  }
  // ... and gets it, times `scale`, when the group closes.
  void CloseGroup(float scale) {
    for (uint32_t n : s_.word_touched) {
      if (s_.acc[n] == 0.0f) s_.touched.push_back(n);
      s_.acc[n] += scale * s_.word_best[n];
      s_.word_best[n] = 0.0f;
    }
    s_.word_touched.clear();
  }
  // Every touched name with its evidence, in the order first touched; resets the arrays.
  std::vector<Candidate> Take() {
    std::vector<Candidate> out;
    out.reserve(s_.touched.size());
    for (uint32_t n : s_.touched) {
      out.emplace_back(s_.acc[n], n);
      s_.acc[n] = 0.0f;
    }
    return out;
  }

 private:
  struct Arrays {
    std::vector<float> acc;
    std::vector<uint32_t> touched;
    std::vector<float> word_best;
    std::vector<uint32_t> word_touched;
  };
  static Arrays& Scratch() {
    thread_local Arrays arrays;
    return arrays;
  }
  Arrays& s_;
};

// Spellings a word joins its neighbours with: its skeleton, and a Han syllable's readings.
std::vector<std::string> JoinSpellings(const Token& t) {
  std::vector<std::string> s{t.skel};
  if (t.from_han) s.insert(s.end(), t.alts.begin(), t.alts.end());
  return s;
}

// Neighbours joined, industry words included: "Main Pharma" meets "MAINPHARMA"; syllables by
// their readings too: 山田 meets "YAMADA".
void AddJoinedGroups(const std::vector<const Token*>& joinable, QueryKeys& keys) {
  for (size_t i = 0; i + 1 < joinable.size(); ++i) {
    std::vector<std::string> g;
    for (const auto& a : JoinSpellings(*joinable[i]))
      for (const auto& b : JoinSpellings(*joinable[i + 1]))
        if (g.size() < 64) g.push_back(a + b);
    std::sort(g.begin(), g.end());
    keys.groups.insert(std::move(g));
    if (i + 2 < joinable.size())
      keys.groups.insert({joinable[i]->skel + joinable[i + 1]->skel + joinable[i + 2]->skel});
  }
}

void AddWordGroups(const Screener::Impl& im, const QueryKeys& keys, size_t max_df, Evidence& ev) {
  for (const auto& group : keys.groups) {
    for (const auto& k : group) {
      auto it = im.token_post.find(k);
      if (it == im.token_post.end() || it->second.size() > 4 * max_df) continue;
      float w = static_cast<float>(2.0 * im.Idf(it->second.size()));
      if (k.rfind("i:", 0) == 0) w = w / 2;  // an industry concept narrows, it does not identify
      for (uint32_t n : it->second) ev.Offer(n, w);
    }
    ev.CloseGroup(1.0f);
  }
}

void AddGrams(const Screener::Impl& im, const QueryKeys& keys, size_t max_df, Evidence& ev) {
  for (uint32_t g : keys.grams) {
    auto it = im.gram_post.find(g);
    if (it == im.gram_post.end() || it->second.size() > max_df) continue;
    ev.Add(it->second, static_cast<float>(im.Idf(it->second.size())));
  }
}

// Typo postings, once per name and query word however many deletions meet, at 1.5 × the IDF
// of the rarest key that met: a misspelt rare word still finds its entity.
void AddTypoProbes(const Screener::Impl& im, const QueryKeys& keys, size_t max_df, Evidence& ev) {
  std::vector<uint64_t> probes;
  for (const Token* t : keys.typo_words) {
    probes.clear();
    DeletionKeys(t->text, probes);
    for (uint64_t k : probes) {
      auto lo = std::lower_bound(im.typo_post.begin(), im.typo_post.end(), TypoPosting{k, 0});
      auto hi = std::upper_bound(lo, im.typo_post.end(), k,
                                 [](uint64_t key, const TypoPosting& p) { return key < p.key; });
      size_t df = static_cast<size_t>(hi - lo);
      if (df == 0 || df > max_df) continue;
      float w = static_cast<float>(im.Idf(df));
      for (auto p = lo; p != hi; ++p) ev.Offer(p->name, w);
    }
    ev.CloseGroup(1.5f);
  }
}

}  // namespace

QueryKeys KeysOfQuery(const NormalizedName& query) {
  QueryKeys keys;
  for (const auto& v : query.variants) {
    std::vector<const Token*> joinable;
    for (const auto& t : v.tokens) {
      std::vector<std::string> g;
      TokenKeys(t, g);
      if (!g.empty()) {
        std::sort(g.begin(), g.end());
        g.erase(std::unique(g.begin(), g.end()), g.end());
        keys.groups.insert(std::move(g));
      }
      if (IsDistinctive(t.cls) || t.cls == TokenClass::kIndustry) joinable.push_back(&t);
      // A query word one letter shorter than the indexed minimum may have lost that letter.
      if (t.cls == TokenClass::kName && !t.from_han && !t.unspaced &&
          t.text.size() >= kTypoMinLength - 1 && t.text.size() <= 40)
        keys.typo_words.push_back(&t);
    }
    AddJoinedGroups(joinable, keys);
    std::vector<uint32_t> g;
    Grams(Compact(v), g);
    keys.grams.insert(keys.grams.end(), g.begin(), g.end());
  }
  std::sort(keys.grams.begin(), keys.grams.end());
  keys.grams.erase(std::unique(keys.grams.begin(), keys.grams.end()), keys.grams.end());
  return keys;
}

std::vector<Candidate> GatherCandidates(const Screener::Impl& index, const QueryKeys& keys,
                                        size_t limit) {
  Evidence ev(index.names.size());
  // Very common keys cost time and carry little: skip grams and typo keys in over 2% of names
  // (whole words in over 8%).
  size_t max_df = std::max<size_t>(200, index.names.size() / 50);
  AddWordGroups(index, keys, max_df, ev);
  AddGrams(index, keys, max_df, ev);
  AddTypoProbes(index, keys, max_df, ev);
  return TopCandidates(ev.Take(), limit);
}

std::vector<Candidate> TopCandidates(std::vector<Candidate> all, size_t limit) {
  size_t k = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + k, all.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  all.resize(k);
  if (!all.empty()) {
    float floor = all.front().first * 0.25f;
    while (!all.empty() && all.back().first < floor) all.pop_back();
  }
  return all;
}

}  // namespace chokepoint::parties
