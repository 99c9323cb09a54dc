// The legal data itself, on every change of data/rulebooks: structures agree with their second,
// independent derivation (by InChIKey) or a reviewed note says why not; every official list is
// fully encoded or each item left out has a reviewed reason; every entry carries its citation and
// a date; every structure has a second derivation or an explicit, reviewed "none available".
// (The loader already rejects bad CAS check digits, duplicates, bad formulas and bad dates.)
#include <gtest/gtest.h>

#include "rules/rulebook_set.h"
#include "rules/verify.h"

namespace chokepoint::rules {
namespace {

const RulebookSet& Rulebooks() {
  static std::shared_ptr<const RulebookSet> set = [] {
    auto r = LoadRulebooks("data/rulebooks");
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      std::abort();
    }
    return *r;
  }();
  return *set;
}

TEST(RulebookIntegrity, StructuresAgreeWithTheirSecondDerivation) {
  size_t compared = 0;
  for (const auto& c : VerifyStructures(Rulebooks())) {
    const Entry& e = *c.entry;
    EXPECT_FALSE(IsProblem(c.outcome))
        << e.location.ToString() << ": " << e.id << ": " << OutcomeName(c.outcome) << " "
        << c.inchikey << " vs " << c.check_inchikey << " (" << e.check_by << ") " << c.problem;
    compared += c.outcome == StructureCheck::Outcome::kAgree ||
                c.outcome == StructureCheck::Outcome::kExplained;
  }
  EXPECT_GT(compared, 1000u);
}

TEST(RulebookIntegrity, EveryStructureHasASecondDerivationOrAReviewedReason) {
  for (const auto& rb : Rulebooks().rulebooks()) {
    for (const auto& e : rb.entries) {
      if (!e->HasStructure()) continue;
      EXPECT_TRUE(!e->check_smiles.empty() || !e->check_note.empty())
          << e->location.ToString() << ": " << e->id
          << " has no second derivation (check.smiles) and no reviewed "
          << "reason (check.note)";
    }
  }
}

TEST(RulebookIntegrity, EveryOfficialListIsFullyAccountedFor) {
  size_t lists = 0;
  for (const auto& rb : Rulebooks().rulebooks()) {
    EXPECT_FALSE(rb.list_coverage.empty()) << rb.jurisdiction << " has no official lists";
    for (const auto& c : rb.list_coverage) {
      ++lists;
      std::string missing;
      for (const auto* r : c.missing)
        missing +=
            "\n  " + c.list->file + ":" + std::to_string(r->line) + ": " + r->key + " " + r->name;
      EXPECT_TRUE(c.missing.empty())
          << rb.jurisdiction << " " << c.list->id << ": " << c.missing.size()
          << " item(s) neither encoded nor left out with a reason:" << missing;
    }
  }
  EXPECT_GE(lists, 3u);
}

TEST(RulebookIntegrity, EveryListingCarriesItsCitationAndDate) {
  for (const auto& rb : Rulebooks().rulebooks()) {
    for (const auto& e : rb.entries) {
      EXPECT_FALSE(e->citation.empty()) << e->id;
      EXPECT_GT(e->effective.year, 1900) << e->id << ": no date";
      for (const auto& h : e->history) {
        EXPECT_FALSE(h.citation.empty()) << e->id;
        EXPECT_TRUE(h.end.has_value()) << e->id << ": a history state must end";
      }
      // A US entry carries its DEA code number, or its note says why there is none (the CFR prints
      // none for the preparations of 1308.15(c); a new listing's code was not read).
      if (e->jurisdiction == "US" && !e->excepted && e->code.empty()) {
        EXPECT_NE(e->note.find("code"), std::string::npos)
            << e->location.ToString() << ": " << e->id << ": no DEA code";
      }
    }
    for (const auto& c : rb.classes) {
      EXPECT_FALSE(c->citation.empty()) << c->id;
      EXPECT_GT(c->effective.year, 1900) << c->id;
    }
  }
}

}  // namespace
}  // namespace chokepoint::rules
