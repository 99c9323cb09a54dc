// Every pathological structure of tests/data/slow_inputs.tsv gets an answer: a record, or an error
// with a clear code (molecule_too_large before parsing, too_complex past the time budget), so one
// input can never stall a batch or a server worker. The timings are in bench/classify/worst_case.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>

#include "cli/engine_setup.h"

namespace chokepoint {
namespace {

TEST(BoundedCost, EveryPathologicalInputIsAnsweredWithinItsBudget) {
  auto engine = cli::LoadEngine("data/rulebooks");
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  std::ifstream in("tests/data/slow_inputs.tsv");
  std::string line;
  int cases = 0;
  const std::set<std::string> kBudgetCodes = {"molecule_too_large", "too_complex",
                                              "invalid_smiles"};
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line.substr(0, 80);
    const std::string what = line.substr(0, tab), smiles = line.substr(tab + 1);
    classify::ClassifyOptions o;
    o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    classify::Record r = (*engine)->Classify(smiles, o);
    if (!r.ok) {
      EXPECT_TRUE(kBudgetCodes.count(r.error.tag()))
          << what << ": " << r.error.tag() << " " << r.error.message();
    }
    ++cases;
  }
  EXPECT_GE(cases, 12);
  // The 5,000-atom chain is refused by size, before RDKit sanitizes it.
  classify::Record chain = (*engine)->Classify(std::string(5000, 'C'), {});
  EXPECT_EQ(chain.error.tag(), "molecule_too_large");
}

}  // namespace
}  // namespace chokepoint
