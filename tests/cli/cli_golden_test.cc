// Golden tests of `chokepoint classify` and of the command line's usage errors: exit code, stdout
// and stderr of the real binary against reviewed files in tests/golden/ (harness:
// tests/support/golden.h, which says how to regenerate them).
#include "golden.h"

namespace {

using chokepoint::testing::ExpectGolden;
using chokepoint::testing::GoldenCase;
using chokepoint::testing::GoldenCaseName;

// Every case is a requirement a user relies on; see the comment beside it.
const GoldenCase kCases[] = {
    // The bundled examples: names, CAS, salts, masked forms, errors with line numbers.
    // Every case pins --at: explanations name the date the law was read on.
    {"classify_examples", "classify --at 2026-11-22 --file data/examples/substances.txt -q", 0},
    // Table view for people.
    {"classify_examples_table",
     "classify --at 2026-11-22 --file data/examples/substances.txt --format table -q", 0},
    // CSV for spreadsheets.
    {"classify_examples_csv",
     "classify --at 2026-11-22 --file data/examples/substances.txt --format csv -q -j US", 0},
    // --at: the law on a past date (before the 2019 Chinese class and the 2020 4-AP listing).
    {"classify_at_2018",
     "classify -q --at 2018-06-01 -j US,CN 'O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1' "
     "'CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1'",
     0},
    // Usage errors exit 2 with a message on stderr and nothing on stdout.
    {"classify_bad_date", "classify -q --at 2023-02-30 fentanyl", 2},
    {"classify_bad_jurisdiction", "classify -q -j US,XX fentanyl", 2},
    {"classify_bad_format", "classify -q --format xml fentanyl", 2},
};

class CliGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(CliGolden, MatchesReviewedOutput) { ExpectGolden("tests/golden", GetParam()); }

INSTANTIATE_TEST_SUITE_P(Classify, CliGolden, ::testing::ValuesIn(kCases), GoldenCaseName);

// The command line's vocabulary: a mistyped command gets the nearest names, a bad option value
// exits 2 naming what is allowed, and the old spellings still work with a warning.
const GoldenCase kUsageCases[] = {
    {"usage_unknown_command", "clasify fentanyl", 2},
    {"usage_unknown_subcommand", "rulebooks lsit", 2},
    {"usage_unknown_far_from_any", "frobnicate", 2},
    {"usage_bad_format", "rulebooks list --format xml", 2},
    {"usage_format_typo", "parties screen --format tabel", 2},
    {"usage_bad_threads", "classify -q --threads -1 fentanyl", 2},
    {"usage_unknown_option", "classify -q --jurisdiction US fentanyl", 2},
    {"usage_missing_argument", "report", 2},
    {"usage_deprecated_store", "lists list --store /nonexistent-chokepoint-lists", 0},
    {"usage_deprecated_and_new", "lists list --store /a --lists-dir /b", 2},
    {"usage_deprecated_input_format",
     "lists import --format xml tests/parties/fixtures/custom.csv --lists-dir /nonexistent", 2},
};

INSTANTIATE_TEST_SUITE_P(Usage, CliGolden, ::testing::ValuesIn(kUsageCases), GoldenCaseName);

}  // namespace
