#include "orders/screener_party_check.h"

#include <cstdio>

#include "parties/loaders.h"
#include "parties/screener.h"
#include "parties/store.h"

namespace chokepoint::orders {
namespace {

class ScreenerPartyChecker final : public PartyChecker {
 public:
  ScreenerPartyChecker(std::unique_ptr<parties::Screener> s, std::string describe, size_t lists,
                       double threshold)
      : screener_(std::move(s)), describe_(std::move(describe)), lists_(lists) {
    options_.threshold = threshold;
  }

  PartyCheckResult Check(const Party& p) const override {
    parties::PartyQuery q;
    q.name = p.name;
    q.country = p.country;
    q.address = p.address;
    q.ids = p.ids;
    q.ids.erase("customer_id");  // our own account number, not a public identifier
    q.emails = p.emails;
    q.phones = p.phones;
    if (!p.website.empty()) q.websites.push_back(p.website);
    q.type = p.type == "individual" ? parties::EntityType::kIndividual
             : p.type == "entity"   ? parties::EntityType::kEntity
                                    : parties::EntityType::kUnknown;
    PartyCheckResult out;
    auto m = screener_->Screen(q, options_);
    if (!m.ok()) {
      out.note = "not screened: " + m.status().message();
      return out;
    }
    for (const auto& x : *m) {
      PartyHit h;
      h.list = x.list;
      h.entity_id = x.entity_id;
      h.name = x.name;
      h.matched_name = x.matched_name;
      h.score = x.score;
      h.programs = x.programs;
      h.explanation = x.explanation.summary;
      out.hits.push_back(std::move(h));
    }
    return out;
  }
  std::string Describe() const override { return describe_; }
  size_t list_count() const override { return lists_; }

 private:
  std::unique_ptr<parties::Screener> screener_;
  parties::ScreenOptions options_;
  std::string describe_;
  size_t lists_;
};

}  // namespace

Result<std::shared_ptr<const PartyChecker>> LoadPartyChecker(const PartyListOptions& options,
                                                             std::vector<std::string>* problems) {
  parties::ListSet set;
  if (!options.lists.empty()) {
    for (const auto& path : options.lists) {
      auto l = parties::LoadList(path);
      if (!l.ok()) return l.status().WithContext(path);
      for (const auto& p : l->info.problems) problems->push_back(p);
      CP_RETURN_IF_ERROR(set.Add(std::move(*l)));
    }
  } else {
    parties::ListStore store(options.store_dir.empty() ? parties::DefaultStoreDir()
                                                       : options.store_dir);
    auto all = store.LoadAll();
    if (!all.ok()) return all.status();
    set = std::move(*all);
  }
  if (set.lists().empty()) return std::shared_ptr<const PartyChecker>();
  std::string describe;
  for (const auto& l : set.lists()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, ", %zu entities)", l.info.entities);
    describe += (describe.empty() ? "" : ", ") + l.info.name + " (" + l.info.version + buf;
  }
  size_t n = set.lists().size();
  return std::shared_ptr<const PartyChecker>(std::make_shared<ScreenerPartyChecker>(
      parties::Screener::Build(set), describe, n, options.threshold));
}

}  // namespace chokepoint::orders
