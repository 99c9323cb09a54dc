// The CLI writes records with RecordToJsonText (no intermediate document); the server and the
// tests use RecordToJson. Both must give the same bytes for every kind of record: clear, listed,
// class members, flags with paths and neighbours, errors with suggestions, names with non-ASCII
// text, control characters.
#include "classify/record_json.h"

#include <gtest/gtest.h>

#include <fstream>

#include "cli/engine_setup.h"

namespace chokepoint {
namespace {

TEST(RecordJson, TheDirectWriterGivesTheSameBytesAsTheDocument) {
  auto engine = cli::LoadEngine("data/rulebooks");
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  std::vector<std::string> inputs = {"fentanyl citrate",
                                     "可卡因",
                                     "cocaine HCl",
                                     "opium",
                                     "CC(C)(C)OC(=O)N1CCC(N(C(=O)CC)c2ccccc2)CC1",
                                     "O=C1CCN(Cc2ccccc2)CC1",
                                     "CCCCCn1cc(C(=O)c2cccc3ccccc23)c2ccccc21",
                                     "fentanil",
                                     "CC(=O",
                                     "437-38-8",
                                     "C\tC",
                                     std::string("C\x01", 2),
                                     "\"quoted\" \\ name",
                                     "dextromethorphan",
                                     "C1CC2(CCN1)OCCO2"};
  std::ifstream nci("/usr/share/RDKit/Data/NCI/first_5K.smi");
  std::string line;
  while (inputs.size() < 600 && std::getline(nci, line))
    inputs.push_back(line.substr(0, line.find_first_of(" \t")));
  classify::ClassifyOptions o;
  o.at = *Date::Parse("2026-12-01");
  size_t with_flags = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    classify::Record r = (*engine)->Classify(inputs[i], o);
    r.line = static_cast<int>(i + 1);
    with_flags += !r.flags.empty();
    ASSERT_EQ(classify::RecordToJsonText(r), classify::RecordToJson(r).dump()) << inputs[i];
  }
  EXPECT_GT(with_flags, 3u);
}

}  // namespace
}  // namespace chokepoint
