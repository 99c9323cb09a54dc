// The one golden-test harness for the `chokepoint` command: each case runs the real binary
// from the repository root and compares its exit code, stdout and stderr with reviewed files.
//
//   <dir>/<name>.out   expected stdout (always present, may be empty)
//   <dir>/<name>.err   expected stderr (absent when stderr must be empty)
//
// Output is compared byte for byte, except the content hashes in rulebook and data versions
// ("us@1a2b3c4d" becomes "us@VERSION"): they change with every data edit.
//
// To regenerate after an intended change: CHOKEPOINT_UPDATE_GOLDEN=1 ctest -R <suite>, then
// review `git diff <dir>` line by line before committing.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace chokepoint::testing {

struct GoldenCase {
  std::string name;  //!< file stem and test name: letters, digits and '_'
  std::string args;  //!< after the binary; run by /bin/sh (quotes and `< file` work)
  int exit_code = 0;
};

// gtest prints the case by its name (ctest shows "…/classify_bad_date", not a byte dump).
void PrintTo(const GoldenCase& c, std::ostream* os);
// For INSTANTIATE_TEST_SUITE_P's name generator.
std::string GoldenCaseName(const ::testing::TestParamInfo<GoldenCase>& info);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The binary under test: $CHOKEPOINT_BIN (set by CTest), else build/chokepoint.
std::string ChokepointBin();
// Runs `<bin> <args>` through /bin/sh from the current directory, capturing stdout and
// stderr apart.
CommandResult RunChokepoint(const std::string& args);

// "us@1a2b3c4d"-style versions (a letter, '@', 8 hex digits) become "us@VERSION".
std::string Normalize(const std::string& text);

// Runs the case and compares (or, with CHOKEPOINT_UPDATE_GOLDEN set, rewrites) its files in
// `dir`, relative to the repository root.
void ExpectGolden(const std::string& dir, const GoldenCase& c);

}  // namespace chokepoint::testing
