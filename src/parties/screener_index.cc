#include "parties/screener_index.h"

#include <algorithm>
#include <cmath>

#include "parties/identifiers.h"
#include "util/hash.h"

namespace chokepoint::parties {
namespace {

uint32_t Gram(char a, char b, char c) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(a)) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b)) << 8) |
         static_cast<unsigned char>(c);
}

uint64_t KeyHash(std::string_view s) { return Fnv1a(s); }

bool TypoIndexed(const Token& t) {
  return t.cls == TokenClass::kName && !t.from_han && !t.unspaced &&
         t.text.size() >= kTypoMinLength && t.text.size() <= 40;
}

template <class T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Builds the index one name at a time; the key buffers are reused across names.
class IndexBuilder {
 public:
  explicit IndexBuilder(Screener::Impl& index) : index_(index) {}

  // Names that cannot be normalized (invalid UTF-8 in a custom list) are counted and skipped.
  void AddName(uint32_t entity, const std::string& raw, bool weak, const NormalizeOptions& no) {
    auto n = NormalizeName(raw, no);
    if (!n.ok()) {
      ++index_.skipped;
      return;
    }
    uint32_t ni = static_cast<uint32_t>(index_.names.size());
    CollectKeys(*n);
    for (const auto& k : keys_) index_.token_post[k].push_back(ni);
    for (uint32_t g : grams_) index_.gram_post[g].push_back(ni);
    for (uint64_t k : typo_keys_) index_.typo_post.push_back({k, ni});
    index_.names.push_back({entity, raw, std::move(n).value(), weak});
  }

  void AddIdentifiers(uint32_t entity) {
    const Entity& e = index_.entities[entity];
    for (uint32_t k = 0; k < e.ids.size(); ++k) {
      std::string key = IdentifierKey(e.ids[k].kind, e.ids[k].value);
      if (!key.empty()) index_.id_index[key].push_back({entity, k});
    }
  }

 private:
  // Token keys and trigrams of every variant, once each; typo keys of the long name words.
  void CollectKeys(const NormalizedName& n) {
    keys_.clear();
    grams_.clear();
    typo_keys_.clear();
    for (const auto& v : n.variants) {
      for (const auto& t : v.tokens) {
        TokenKeys(t, keys_);
        if (TypoIndexed(t)) DeletionKeys(t.text, typo_keys_);
      }
      std::vector<uint32_t> g;
      Grams(Compact(v), g);
      grams_.insert(grams_.end(), g.begin(), g.end());
    }
    SortUnique(keys_);
    SortUnique(grams_);
  }

  Screener::Impl& index_;
  std::vector<std::string> keys_;
  std::vector<uint32_t> grams_;
  std::vector<uint64_t> typo_keys_;
};

}  // namespace

void TokenKeys(const Token& t, std::vector<std::string>& out) {
  if (t.cls == TokenClass::kIndustry) out.push_back("i:" + t.text);
  if (!IsDistinctive(t.cls)) return;
  out.push_back(t.skel);
  for (const auto& a : t.alts) out.push_back(a);
}

std::string Compact(const NameVariant& v) {
  std::string s;
  for (const auto& t : v.tokens)
    if (IsDistinctive(t.cls)) s += t.skel;
  return s;
}

void Grams(const std::string& compact, std::vector<uint32_t>& out) {
  if (compact.empty()) return;
  std::string s = "^" + compact + "$";
  for (size_t i = 0; i + 3 <= s.size(); ++i) out.push_back(Gram(s[i], s[i + 1], s[i + 2]));
  SortUnique(out);
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

double Screener::Impl::Idf(size_t df) const {
  return std::log(1.0 + static_cast<double>(names.size()) / (1.0 + df));
}

// A word in at most 1 of 2,000 names (and at most 20: a small blocklist says nothing about how
// common a word is) counts fully, one in 1 of 40 about half, never below 0.35.
float Screener::Impl::Rarity(const std::string& skel) const {
  auto it = token_post.find(skel);
  if (it == token_post.end() || names.empty()) return 1.0f;
  double n = static_cast<double>(names.size());
  double full = std::max(20.0, n / 2000.0);
  double df = std::max<double>(1.0, it->second.size());
  if (df <= full) return 1.0f;
  return static_cast<float>(std::clamp(std::log(n / df) / std::log(n / full), 0.35, 1.0));
}

void Screener::Impl::ApplyRarity(NormalizedName& n) const {
  for (auto& v : n.variants)
    for (auto& t : v.tokens)
      if (t.cls == TokenClass::kName) t.rarity = Rarity(t.skel);
}

size_t Screener::Impl::MemoryBytes() const {
  size_t b = entities.capacity() * sizeof(Entity) + names.capacity() * sizeof(NameRec);
  for (const auto& n : names) {
    b += n.raw.capacity();
    for (const auto& v : n.norm.variants)
      b += v.tokens.capacity() * sizeof(Token) + v.tokens.size() * 16;
  }
  for (const auto& e : entities) {
    b += e.name.size() + e.remarks.size();
    for (const auto& a : e.aliases) b += a.size() + 32;
    for (const auto& a : e.addresses) b += a.size() + 32;
  }
  for (const auto& [k, v] : token_post) b += k.capacity() + 48 + v.capacity() * 4;
  for (const auto& [k, v] : gram_post) b += 48 + v.capacity() * 4;
  for (const auto& [k, v] : id_index) b += k.capacity() + 48 + v.capacity() * 8;
  b += typo_post.capacity() * sizeof(TypoPosting);
  return b;
}

std::unique_ptr<Screener::Impl> BuildIndex(const ListSet& lists) {
  auto index = std::make_unique<Screener::Impl>();
  for (const auto& l : lists.lists()) {
    for (const auto& e : l.entities) index->entities.push_back(e);
  }
  IndexBuilder builder(*index);
  for (uint32_t ei = 0; ei < index->entities.size(); ++ei) {
    const Entity& e = index->entities[ei];
    NormalizeOptions no;
    no.person = e.type == EntityType::kIndividual;
    builder.AddName(ei, e.name, false, no);
    for (const auto& a : e.aliases) builder.AddName(ei, a, false, no);
    for (const auto& a : e.weak_aliases) builder.AddName(ei, a, true, no);
    builder.AddIdentifiers(ei);
  }
  // Rarity needs every name's postings, so it is applied once they are all in.
  SortUnique(index->typo_post);
  index->typo_post.shrink_to_fit();
  for (auto& rec : index->names) index->ApplyRarity(rec.norm);
  return index;
}

}  // namespace chokepoint::parties
