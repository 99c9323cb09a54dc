// Declared description, HS code or waybill wording that does not match the identified
// substance: a controlled or listed chemical declared as something else.
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

// Goods words that describe no chemical a precursor could honestly be declared as.
const char* const kCoverWords[] = {
    "detergent",  "cleaning",    "cleaner",       "cosmetic",   "cosmetics",   "dye",
    "pigment",    "fertilizer",  "fertiliser",    "food",       "flavor",      "flavour",
    "toy",        "toys",        "clothing",      "garment",    "electronics", "candle",
    "soap",       "paint",       "resin",         "vitamin",    "supplement",  "tea",
    "household",  "spare parts", "machine parts", "auto parts", "shoes",       "plastic",
    "ink",        "glue",        "pet food",      "herbal",     "incense",     "bath salt",
    "plant food", "wax",
};

// HS chapters that can hold a chemical: 28 inorganic, 29 organic, 30 pharmaceutical,
// 38 miscellaneous chemical products (mixtures, reagents).
bool ChemicalChapter(const std::string& hs) {
  std::string ch = hs.substr(0, 2);
  return ch == "28" || ch == "29" || ch == "30" || ch == "38";
}

std::string CoverWord(const std::string& text) {
  std::string l = Lower(text);
  for (const char* w : kCoverWords)
    if (redflags::HasWord(l, w)) return w;
  return "";
}

class MislabelingRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "mislabeling",
        "21 CFR 1310.05(a)(1) (circumstance indicating diversion); 1988 Convention art. 12(10) "
        "(notification names the substance); HS 2022 Nomenclature chapters 28-30, 38",
        "Declared description, HS code or waybill wording does not match the identified substance",
        false,
        {}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    for (const ItemResult& r : ctx.eval.items) {
      if (r.equipment || !r.of_concern()) continue;
      const Item& it = o.items[static_cast<size_t>(r.index)];
      std::string label = redflags::ItemLabel(o, r);
      std::vector<std::string> why;
      if (!it.hs_code.empty() && !ChemicalChapter(it.hs_code))
        why.push_back("HS code " + it.hs_code_raw + " (chapter " + it.hs_code.substr(0, 2) +
                      ") is not a chemical heading (chapters 28, 29, 30 or 38 expected)");
      if (!r.described_smiles.empty() && r.described_smiles != r.smiles)
        why.push_back("the description '" + it.description + "' names " + r.described_name +
                      ", a different substance");
      if (std::string w = CoverWord(it.description); !w.empty())
        why.push_back("the description '" + it.description + "' declares it as " + w);
      if (std::string w = CoverWord(o.shipping.declared_as); !w.empty())
        why.push_back("the waybill declares the shipment as '" + o.shipping.declared_as + "'");
      if (why.empty()) continue;
      out.push_back(Make(Severity::kHigh,
                         label + " is " + (r.name.empty() ? it.substance : r.name) + " but " +
                             redflags::JoinAnd(why),
                         r.index));
    }
  }
};

}  // namespace

const Rule* MislabelingRuleInstance() {
  static const MislabelingRule r;
  return &r;
}

}  // namespace chokepoint::orders
