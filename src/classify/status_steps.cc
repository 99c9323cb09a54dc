#include "classify/status_steps.h"

#include <algorithm>

#include "chem/molecule.h"
#include "util/strings.h"

namespace chokepoint::classify::steps {

using rules::Category;

void FillListing(const rules::Listing& l, JurisdictionStatus& st) {
  st.category = l.category;
  st.listing = l.listing;
  st.code = l.code;
  st.rule = l.id;
  st.citation = l.citation;
  st.effective = l.effective_known ? l.effective.ToString() : "";
  st.in_force_by = l.effective_known ? "" : l.effective.ToString();
  st.end = l.end ? l.end->ToString() : "";
}

namespace {

std::string SinceText(const rules::Listing& l) {
  std::string s = "in force since " + l.effective.ToString();
  if (l.end) s += " until " + l.end->ToString();
  return s;
}

}  // namespace

std::string ListedText(const rules::Entry& e, const rules::Listing& st, const Date& at) {
  std::string s = e.name + " is listed in " + st.listing +
                  (st.code.empty() ? "" : " (code " + st.code + ")") + " (" + st.citation + "), ";
  if (st.effective_known) {
    s += SinceText(st) + ".";
  } else {
    s += "in force on " + st.effective.ToString() + " per the official text read";
    if (st.end) s += ", until " + st.end->ToString();
    s += "; the day control began is not recorded in this rulebook";
    if (at < st.effective)
      s += ", so it is applied on " + at.ToString() + " as well (strictest reading)";
    s += ".";
  }
  if (&st != static_cast<const rules::Listing*>(&e)) {
    s += " Later " + e.listing + " (" + e.citation + ").";
  } else if (!e.history.empty()) {
    const auto& prev = e.history.back();
    s += " Before " + (prev.end ? prev.end->ToString() : std::string("that")) + " it was in " +
         prev.listing + " (" + prev.citation + ").";
  }
  return s;
}

std::string NotInForceText(const rules::Entry& e, const Date& at) {
  const rules::Listing& st = e.NearestState(at);
  if (at < st.effective)
    return " Note: " + e.name + " is listed in " + st.listing + " (" + st.citation + ") from " +
           st.effective.ToString() + ", after this date.";
  return " Note: " + e.name + " was listed in " + st.listing + " (" + st.citation + ")" +
         (st.end ? " until " + st.end->ToString() : std::string()) + ".";
}

bool Exceptions::Excepts(const rules::Entry& e) const {
  return exact &&
         std::find(exact->excepts.begin(), exact->excepts.end(), e.id) != exact->excepts.end();
}

Exceptions FindExceptions(const Molecule& m, const std::string& j, const Date& at) {
  Exceptions ex;
  for (const auto* e : m.exact)
    if (e->jurisdiction == j && e->excepted && e->StateAt(at)) ex.exact = e;
  if (m.flat && !ex.exact && !m.has_stereo)
    for (const auto* e : *m.flat)
      if (e->jurisdiction == j && e->excepted && e->StateAt(at)) ex.flat = e;
  return ex;
}

EntryMatch MatchEntries(const Molecule& m, const std::string& j, const Date& at,
                        const Exceptions& ex) {
  EntryMatch hit;
  auto consider = [&](const rules::Entry* e, bool isomer) {
    const rules::Listing* state = e->StateAt(at);
    if (!state) {
      hit.not_in_force = e;
      return;
    }
    if (!hit.entry ||
        rules::CategoryRank(state->category) > rules::CategoryRank(hit.state->category)) {
      if (hit.entry) hit.also.push_back(hit.entry->id);
      hit.entry = e;
      hit.state = state;
      hit.isomer = isomer;
    } else {
      hit.also.push_back(e->id);
    }
  };
  for (const auto* e : m.exact) {
    if (e->jurisdiction != j || e->excepted || ex.Excepts(*e)) continue;
    consider(e, false);
  }
  if (!hit.entry && m.flat) {
    for (const auto* e : *m.flat) {
      if (e->jurisdiction != j || e->excepted || e->parent_smiles == m.smiles || ex.Excepts(*e))
        continue;
      // A stereoisomer counts where the listing covers isomers; an input without stereo is read
      // as the listed form (the strictest reading).
      bool covered = e->Covers("isomers") || e->Covers("stereoisomers") ||
                     e->Covers("optical_isomers") || !m.has_stereo;
      if (covered) consider(e, true);
    }
  }
  return hit;
}

ClassResult MatchClasses(const Molecule& m, const rules::Rulebook& rb, const Date& at,
                         const EntryMatch& entries,
                         const std::map<const rules::ClassRule*, CorePrefilter>& prefilters) {
  ClassResult out;
  for (const auto& c : rb.classes) {
    if (!c->InForce(at)) continue;
    auto pf = prefilters.find(c.get());
    if (pf != prefilters.end() && !pf->second.MayMatch(m.counts)) continue;
    ClassMatch match = MatchClass(m.parent, *c);
    if (!match.matched) continue;
    // A class needs at least one modification: with none the substance is the reference itself.
    if (c->basis == "class" && match.modifications.empty()) continue;
    if (entries.entry && (c->unless_listed || rules::CategoryRank(c->category) <=
                                                  rules::CategoryRank(entries.state->category))) {
      out.also.push_back(c->id);
      continue;
    }
    if (!out.rule || rules::CategoryRank(c->category) > rules::CategoryRank(out.rule->category)) {
      if (out.rule) out.also.push_back(out.rule->id);
      out.rule = c.get();
      out.match = std::move(match);
    } else {
      out.also.push_back(c->id);
    }
  }
  return out;
}

const rules::Exclusion* ClassExclusion(Molecule& m, const ClassResult& cls) {
  if (!cls.rule || cls.rule->excludes.empty()) return nullptr;
  if (m.flat_smiles.empty()) m.flat_smiles = chem::CanonicalSmiles(m.parent, false);
  const rules::Exclusion* found = nullptr;
  for (const auto& x : cls.rule->excludes)
    if (x.parent_smiles_flat == m.flat_smiles) found = &x;
  return found;
}

void ExplainExclusion(const rules::Exclusion& x, const rules::ClassRule& cls,
                      JurisdictionStatus& st) {
  st.category = x.category;
  st.listing = x.listing;
  st.rule = cls.id + "#excluded";
  st.citation = x.citation;
  st.basis = "entry";
  st.explanation =
      x.name + " is listed in " + x.listing + " (" + x.citation + "), so " + cls.name +
      " does not apply to it (\"unless listed in another schedule\"). "
      "The effective date of that listing is not recorded in this rulebook (unverified).";
}

void ExplainEntry(const Molecule& m, const EntryMatch& hit, const Exceptions& ex, const Date& at,
                  JurisdictionStatus& st) {
  const rules::Entry& entry = *hit.entry;
  FillListing(*hit.state, st);
  st.rule = entry.id;
  st.basis = hit.isomer ? "isomer" : m.salt ? "salt" : "entry";
  st.explanation = ListedText(entry, *hit.state, at);
  if (hit.isomer) {
    st.explanation +=
        m.has_stereo
            ? " The input is a stereoisomer of the listed form; the listing covers isomers."
            : " The input does not specify stereochemistry, so it is read as the listed form "
              "(strictest reading); give the stereochemistry for an exact answer.";
  }
  if (ex.flat)
    st.explanation += " One stereoisomer, " + ex.flat->name + ", is expressly excepted (" +
                      ex.flat->citation + ").";
  if (m.salt)
    st.explanation += entry.Covers("salts")
                          ? " The input is a salt or solvate; the listing covers salts."
                          : " The input is a salt or solvate of the listed substance.";
}

void ExplainClass(const Molecule& m, const ClassResult& cls, JurisdictionStatus& st) {
  const rules::ClassRule& c = *cls.rule;
  FillListing(c, st);
  st.modifications = cls.match.modifications;
  st.matched_atoms = cls.match.core_atoms;
  st.basis = c.basis == "derivative"
                 ? (cls.match.basis_words.empty() ? "entry" : Join(cls.match.basis_words, "+"))
                 : "class";
  std::vector<std::string> details;
  for (const auto& f : cls.match.regions) {
    if (f.modification.empty()) continue;
    std::string d = f.region;
    if (!f.ring.empty()) d += " [ring " + f.ring + "]";
    if (!f.substituents.empty()) d += ": " + Join(f.substituents, ", ");
    details.push_back(d + " -> " + f.modification);
  }
  st.explanation = "meets the definition of " + c.name + " (" + c.listing + ", " + c.citation +
                   "), " + SinceText(c);
  if (!cls.match.modifications.empty() && c.basis == "class")
    st.explanation += ", by modification " + Join(cls.match.modifications, "+");
  st.explanation += details.empty() ? "." : ": " + Join(details, "; ") + ".";
  if (!c.caveat.empty()) st.explanation += " " + c.caveat;
  if (m.salt) st.explanation += " The input is a salt or solvate.";
}

void ExplainException(const rules::Entry& exception, const rules::RulebookSet& rules,
                      const rules::Rulebook& rb, JurisdictionStatus& st) {
  st.category = Category::kNone;
  st.basis = "excepted";
  st.rule = exception.id;
  st.citation = exception.citation;
  std::vector<std::string> names;
  for (const auto& id : exception.excepts) {
    const rules::Entry* x = rules.EntryById(id);
    names.push_back(x ? x->name + " (" + x->listing + ")" : id);
  }
  st.explanation = exception.name + " is expressly excepted from " + Join(names, ", ") + " (" +
                   exception.citation + "); not controlled under them.";
  for (const auto& c : rb.coverage) st.explanation += " Coverage: " + c;
}

void ExplainNotListed(const rules::Rulebook& rb, const Date& at, const rules::Entry* not_in_force,
                      JurisdictionStatus& st) {
  st.category = Category::kNone;
  st.explanation =
      "not listed and no class rule applies in " + rb.version + " on " + at.ToString() + ".";
  if (not_in_force) st.explanation += NotInForceText(*not_in_force, at);
  for (const auto& c : rb.coverage) st.explanation += " Coverage: " + c;
}

}  // namespace chokepoint::classify::steps
