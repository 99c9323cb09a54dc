// Depiction highlights what decided the record: the removed mask for a masked precursor, the
// class core for a class member, everything for a named entry.
#include "flags/depict.h"

#include <GraphMol/RDKitBase.h>
#include <gtest/gtest.h>

#include "flags/masked_search.h"
#include "flags/test_fixture.h"

namespace chokepoint::flags {
namespace {

const classify::Engine& DepictEngine() {
  static std::shared_ptr<classify::Engine> engine = [] {
    auto e = std::make_shared<classify::Engine>(testing::FixtureRules());
    auto t = LoadTransforms("data/transforms");
    if (!t.ok()) ADD_FAILURE() << t.status().message();
    e->AddStage(std::make_shared<MaskedPrecursorStage>(e.get(), *t));
    return e;
  }();
  return *engine;
}

DepictOptions Opts(const std::string& j = "") {
  DepictOptions o;
  o.classify = testing::At2026();
  o.jurisdiction = j;
  return o;
}

TEST(DepictTest, MaskedPrecursorHighlightsTheRemovedBenzyl) {
  // 1-benzyl-4-piperidone: O0 C1 C2 C3 N4, benzyl CH2 5 and phenyl 6-11, ring closure C12 C13.
  auto d = Depict(DepictEngine(), "O=C1CCN(Cc2ccccc2)CC1", Opts());
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->atoms, (std::vector<unsigned>{5, 6, 7, 8, 9, 10, 11}));
  EXPECT_NE(d->legend.find("masked_precursor"), std::string::npos) << d->legend;
  EXPECT_NE(d->svg.find("<svg"), std::string::npos);
  EXPECT_NE(d->svg.find("</svg>"), std::string::npos);
}

TEST(DepictTest, ClassMemberHighlightsTheCore) {
  auto d = Depict(DepictEngine(), "O=C(OCc1ccccc1)N1CCC(Nc2ccccc2)CC1", Opts("US"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->atoms.size(), 13u);  // the 4-AP core of the generic listing
  EXPECT_NE(d->legend.find("us.chem.4ap_amides_carbamates"), std::string::npos) << d->legend;
}

TEST(DepictTest, EntryHighlightsEverything) {
  auto d = Depict(DepictEngine(), "O=C1CCN(CCc2ccccc2)CC1", Opts("UN"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->atoms.size(), 15u);
}

TEST(DepictTest, BadInputAndOptionsAreErrors) {
  EXPECT_EQ(DepictSvg(DepictEngine(), "C1CC", Opts()).status().tag(), "invalid_smiles");
  EXPECT_FALSE(DepictSvg(DepictEngine(), "CCO", Opts("XX")).ok());
  DepictOptions o = Opts();
  o.flag = 3;
  EXPECT_FALSE(DepictSvg(DepictEngine(), "CCO", o).ok());
}

}  // namespace
}  // namespace chokepoint::flags
