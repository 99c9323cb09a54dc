// The screener's index, internal to cp_parties (callers use screener.h): every listed name
// normalized once, postings by token key, by character trigram and by one-letter deletion
// (typos), and the identifier table. Built once by BuildIndex; read by the candidate stage
// (candidates.h) and Screener::Screen from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "parties/entity.h"
#include "parties/list_set.h"
#include "parties/name.h"
#include "parties/screener.h"

namespace chokepoint::parties {

struct NameRec {
  uint32_t entity;
  std::string raw;  // the name as printed on the list
  NormalizedName norm;
  bool weak = false;  // OFAC remark a.k.a. / UN "Low" quality alias
};

struct IdRec {
  uint32_t entity;
  uint32_t id_index;
};

struct TypoPosting {
  uint64_t key;
  uint32_t name;
  bool operator<(const TypoPosting& o) const { return key != o.key ? key < o.key : name < o.name; }
  bool operator==(const TypoPosting& o) const { return key == o.key && name == o.name; }
};

// Typo postings: a word of five letters or more is posted under itself and each of its
// one-letter deletions (SymSpell). A query word probes itself and its deletions, so one
// swapped, dropped, added or replaced letter still meets the listed spelling.
constexpr size_t kTypoMinLength = 5;

// Keys a token contributes to the exact-token postings. Industry words are keyed too (by
// concept, marked "i:"): they narrow "Iran Electronic Development" among hundreds of "Iran …".
void TokenKeys(const Token& t, std::vector<std::string>& out);

// Compact string of a variant's distinctive words: "shenxingbiao" for "SHEN, Xingbiao" and
// "shen xing biao" alike, so trigrams survive different word splits.
std::string Compact(const NameVariant& v);

// The character trigrams of `compact` with "^" and "$" at its ends, sorted and unique.
void Grams(const std::string& compact, std::vector<uint32_t>& out);

// Hashes of `w` and of each of its one-letter deletions.
void DeletionKeys(const std::string& w, std::vector<uint64_t>& out);

struct Screener::Impl {
  std::vector<Entity> entities;
  std::vector<NameRec> names;
  std::unordered_map<std::string, std::vector<uint32_t>> token_post;
  std::unordered_map<uint32_t, std::vector<uint32_t>> gram_post;
  std::vector<TypoPosting> typo_post;  // sorted
  std::unordered_map<std::string, std::vector<IdRec>> id_index;
  size_t skipped = 0;

  double Idf(size_t df) const;
  // Weight factor of a name word from the number of indexed names that use it.
  float Rarity(const std::string& skel) const;
  void ApplyRarity(NormalizedName& n) const;
  size_t MemoryBytes() const;
};

// Normalizes every name and alias of `lists` and builds the index.
std::unique_ptr<Screener::Impl> BuildIndex(const ListSet& lists);

}  // namespace chokepoint::parties
