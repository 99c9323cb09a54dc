// Golden tests of `chokepoint classify`: exit code, stdout and stderr of the real binary
// against reviewed files in tests/golden/ (harness: tests/support/golden.h, which says how to
// regenerate them).
#include "golden.h"

namespace {

using chokepoint::testing::ExpectGolden;
using chokepoint::testing::GoldenCase;
using chokepoint::testing::GoldenCaseName;

// Every case is an issue requirement a user relies on; see the comment beside it.
const GoldenCase kCases[] = {
    // The bundled examples: names, CAS, salts, masked forms, errors with line numbers.
    // Every case pins --at: explanations name the date the law was read on.
    {"classify_examples", "classify --at 2026-11-22 --file data/examples/substances.txt -q", 0},
    // Table view for people.
    {"classify_examples_table", "classify --at 2026-11-22 --file data/examples/substances.txt --format table -q", 0},
    // CSV for spreadsheets.
    {"classify_examples_csv", "classify --at 2026-11-22 --file data/examples/substances.txt --format csv -q -j US", 0},
    // --at: the law on a past date (before the 2019 Chinese class and the 2020 4-AP listing).
    {"classify_at_2018", "classify -q --at 2018-06-01 -j US,CN 'O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1' "
                         "'CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1'", 0},
    // Usage errors exit 2 with a message on stderr and nothing on stdout.
    {"classify_bad_date", "classify -q --at 2023-02-30 fentanyl", 2},
    {"classify_bad_jurisdiction", "classify -q -j US,XX fentanyl", 2},
    {"classify_bad_format", "classify -q --format xml fentanyl", 2},
};

class CliGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(CliGolden, MatchesReviewedOutput) { ExpectGolden("tests/golden", GetParam()); }

INSTANTIATE_TEST_SUITE_P(Classify, CliGolden, ::testing::ValuesIn(kCases), GoldenCaseName);

}  // namespace
