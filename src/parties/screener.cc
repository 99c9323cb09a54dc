#include "parties/screener.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "parties/candidates.h"
#include "parties/identifiers.h"
#include "parties/name.h"
#include "parties/screener_index.h"
#include "util/country.h"

namespace chokepoint::parties {
namespace {

std::string Year(const std::string& d) { return d.substr(0, 4); }

bool IsFreeMailDomain(const std::string& d) {
  static const char* kFree[] = {
      "gmail.com",   "qq.com",         "163.com",    "126.com",      "yeah.net",   "sina.com",
      "sina.cn",     "sohu.com",       "aliyun.com", "foxmail.com",  "139.com",    "outlook.com",
      "hotmail.com", "live.com",       "yahoo.com",  "yahoo.com.hk", "icloud.com", "mail.ru",
      "yandex.ru",   "protonmail.com", "proton.me",  "gmx.com",      "aol.com",    "tutanota.com"};
  for (const char* f : kFree)
    if (d == f) return true;
  return false;
}

struct IdHitRef {
  uint32_t entity;
  uint32_t id_index;
  std::string query_value;
  std::string key;
};

struct IdentifierLookup {
  std::vector<IdHitRef> hits;
  size_t usable = 0;  // query identifiers that have a key at all, listed or not
};

// Identifiers are looked up first: they work even without a usable name.
IdentifierLookup LookUpIdentifiers(const Screener::Impl& im, const PartyQuery& q) {
  IdentifierLookup out;
  auto lookup = [&](const std::string& kind, const std::string& value) {
    std::string key = IdentifierKey(kind, value);
    if (key.empty()) return;
    auto it = im.id_index.find(key);
    if (it == im.id_index.end()) return;
    for (const auto& r : it->second) out.hits.push_back({r.entity, r.id_index, value, key});
  };
  for (const auto& [k, v] : q.ids) {
    lookup(k, v);
    out.usable += !IdentifierKey(k, v).empty();
  }
  for (const auto& v : q.emails) {
    lookup("email", v);
    out.usable += !IdentifierKey("email", v).empty();
    // The mail domain against listed websites: another mailbox at a designated firm's own
    // domain. Free-mail domains identify nobody.
    std::string dom = IdentifierKey("website", v);
    if (!dom.empty() && !IsFreeMailDomain(dom.substr(7))) lookup("website", v);
  }
  for (const auto& v : q.phones) {
    lookup("phone", v);
    out.usable += !IdentifierKey("phone", v).empty();
  }
  for (const auto& v : q.websites) {
    lookup("website", v);
    out.usable += !IdentifierKey("website", v).empty();
  }
  return out;
}

// A query needs a distinctive name word or an identifier; the error says which is missing.
Status CheckScreenable(const PartyQuery& q, const NormalizedName& qn, bool name_usable,
                       size_t usable_ids) {
  if (name_usable || usable_ids > 0) return Status::OK();
  bool empty = true;
  for (const auto& v : qn.variants) empty &= v.tokens.empty();
  if (empty)
    return Status::InvalidArgument(
        "nothing to screen: the name is empty and no identifier was given", "empty_query");
  return Status::InvalidArgument("the name '" + q.name.substr(0, 80) +
                                     "' has only legal-form words; nothing distinctive to screen",
                                 "generic_name");
}

struct BestName {
  double score = -1;  // -1: the entity is here by an identifier only
  uint32_t name = 0;
  NameComparison cmp;
};

// Scores every candidate name and keeps the best name per entity (ties: the lower name
// number); entities hit by an identifier are added without a name.
std::unordered_map<uint32_t, BestName> ScoreCandidates(const Screener::Impl& im,
                                                       const PartyQuery& q,
                                                       const NormalizedName& qn,
                                                       const std::vector<Candidate>& cands,
                                                       const std::vector<IdHitRef>& id_hits) {
  std::unordered_map<uint32_t, BestName> best;
  for (const auto& [s, ni] : cands) {
    const NameRec& rec = im.names[ni];
    const Entity& e = im.entities[rec.entity];
    CompareOptions co;
    co.person = q.type == EntityType::kIndividual ||
                (q.type == EntityType::kUnknown && e.type == EntityType::kIndividual);
    co.vessel = q.type == EntityType::kVessel || e.type == EntityType::kVessel;
    NameComparison c = CompareNames(qn, rec.norm, co);
    if (rec.weak) c.score *= 0.95;  // nicknames and partial names: a little less sure
    BestName& b = best[rec.entity];
    if (c.score > b.score || (c.score == b.score && ni < b.name)) b = {c.score, ni, std::move(c)};
  }
  for (const auto& h : id_hits) best.try_emplace(h.entity);
  return best;
}

// Country, year of birth and party type beside the name: "unknown" when either side does not
// say, and each disagreement scales the name score down. Returns the product of the factors.
double CompareContext(const PartyQuery& q, const std::string& qcountry, const Entity& e,
                      Explanation& x) {
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
  return factor;
}

// One sentence for people: the identifier, the name score with every alignment that was not
// exact, what stayed unmatched, and what disagreed.
std::string Summarize(const Explanation& x) {
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
  return s;
}

// What one screening knows about its query, for turning entities into matches.
struct QueryContext {
  const PartyQuery& q;
  const NormalizedName& qn;
  const std::vector<IdHitRef>& id_hits;
  std::string country;  // ISO code from the query's country, else from its address
};

// The match of entity `ei` with its best name, or nothing when it scores under `threshold`.
// A shared identifier makes the score 1.0: the same registration code, email or phone is the
// same party.
std::optional<Match> MatchOf(const Screener::Impl& im, const QueryContext& ctx, uint32_t ei,
                             BestName& b, double threshold) {
  const Entity& e = im.entities[ei];
  Match m;
  m.list = e.list;
  m.entity_id = e.entity_id;
  m.name = e.name;
  m.programs = e.programs;
  m.type = e.type;
  Explanation& x = m.explanation;
  x.normalization = ctx.qn.steps;
  double name_score = std::max(0.0, b.score);
  if (b.score >= 0) {
    m.matched_name = im.names[b.name].raw;
    x.name = std::move(b.cmp);
  }
  x.name_score = name_score;
  m.score = name_score * CompareContext(ctx.q, ctx.country, e, x);
  for (const auto& h : ctx.id_hits) {
    if (h.entity != ei) continue;
    const Identifier& id = e.ids[h.id_index];
    x.identifiers.push_back({id.kind, h.query_value, id.value, h.key});
  }
  if (!x.identifiers.empty()) {
    m.score = 1.0;
    if (m.matched_name.empty()) m.matched_name = e.name;
  }
  if (m.score + 1e-9 < threshold) return std::nullopt;
  m.score = std::round(m.score * 1000.0) / 1000.0;
  x.summary = Summarize(x);
  return m;
}

}  // namespace

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

std::unique_ptr<Screener> Screener::Build(const ListSet& lists) {
  return std::unique_ptr<Screener>(new Screener(BuildIndex(lists)));
}

void Screener::ApplyRarity(NormalizedName& name) const { impl_->ApplyRarity(name); }

size_t Screener::entity_count() const { return impl_->entities.size(); }
size_t Screener::name_count() const { return impl_->names.size(); }
size_t Screener::skipped_names() const { return impl_->skipped; }
size_t Screener::MemoryBytes() const { return impl_->MemoryBytes(); }

Result<std::vector<Match>> Screener::Screen(const PartyQuery& q,
                                            const ScreenOptions& options) const {
  const Impl& im = *impl_;
  IdentifierLookup ids = LookUpIdentifiers(im, q);
  NormalizeOptions no;
  no.person = q.type == EntityType::kIndividual;
  CP_ASSIGN_OR_RETURN(NormalizedName qn, NormalizeName(q.name, no));
  im.ApplyRarity(qn);
  bool name_usable = false;
  for (const auto& v : qn.variants) name_usable |= v.HasDistinctive();
  CP_RETURN_IF_ERROR(CheckScreenable(q, qn, name_usable, ids.usable));

  std::vector<Candidate> cands;
  if (name_usable) cands = GatherCandidates(im, KeysOfQuery(qn), options.candidates);
  auto best = ScoreCandidates(im, q, qn, cands, ids.hits);

  QueryContext ctx{q, qn, ids.hits, CountryCode(q.country)};
  if (ctx.country.empty() && !q.address.empty()) ctx.country = CountryOfAddress(q.address);
  std::vector<Match> out;
  for (auto& [ei, b] : best) {
    if (auto m = MatchOf(im, ctx, ei, b, options.threshold)) out.push_back(std::move(*m));
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
