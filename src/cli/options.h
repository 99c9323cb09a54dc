// The `chokepoint` command's option vocabulary: one helper per concept, so that the same thing
// has the same name, help text and validation in every subcommand.
//
//   --rulebooks DIR   legal rulebooks            --db FILE|URL    the database
//   --lists-dir DIR   imported screening lists   --list PATH      one list file or folder
//   (repeatable)
//   --format F        the OUTPUT format          --input-format F the format of an input file
//   -o, --output FILE output file                --output-dir DIR output folder
//   --at YYYY-MM-DD   the law as of a day        --threads N      worker threads
//   -q, --quiet       no progress or summary on stderr
//
// Earlier spellings (--store, --out, `lists import --format`) stay as deprecated aliases for one
// release: they still work, are listed under "Deprecated" in --help, and print a warning on
// stderr naming the new spelling.
// A bad value is a usage error (exit 2) with a message naming the option and what is allowed.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace chokepoint::cli {

CLI::Option* AddRulebooksOption(CLI::App* app, std::string* dir);
// Adds --db: a SQLite file path or a postgresql:// URL, with the same help on every command.
CLI::Option* AddDbOption(CLI::App* app, std::string* db);
// --lists-dir, and the deprecated --store.
CLI::Option* AddListsDirOption(CLI::App* app, std::string* dir);
// --list PATH, repeatable; one value per --list so that a trailing input file is not taken for a
// list.
CLI::Option* AddListOption(CLI::App* app, std::vector<std::string>* lists);
// --format, accepting only `formats`; the first is the default named in the help.
CLI::Option* AddFormatOption(CLI::App* app, std::string* format,
                             const std::vector<std::string>& formats,
                             const std::string& what = "Output format");
// --input-format, accepting only `formats`, and the deprecated --format it replaces.
CLI::Option* AddInputFormatOption(CLI::App* app, std::string* format,
                                  const std::vector<std::string>& formats);
// -o/--output FILE, and the deprecated --out.
CLI::Option* AddOutputOption(CLI::App* app, std::string* path, const std::string& help);
// --output-dir DIR, and the deprecated --out.
CLI::Option* AddOutputDirOption(CLI::App* app, std::string* dir, const std::string& help);
// --at YYYY-MM-DD, checked to be a real day.
CLI::Option* AddAtOption(CLI::App* app, std::string* at, const std::string& help);
// --threads N within [min, max]; `help` says what the default is.
CLI::Option* AddThreadsOption(CLI::App* app, int* threads, const std::string& help, int min = 0,
                              int max = 256);
CLI::Option* AddQuietFlag(CLI::App* app, bool* quiet,
                          const std::string& help = "No progress or summary on stderr");

// A validator accepting exactly `allowed`; the error names them and the nearest one.
CLI::Validator OneOf(const std::vector<std::string>& allowed);

// A validator accepting numbers from `lo` to `hi` ("'1.5' is not a number from 0 to 1").
CLI::Validator Between(double lo, double hi);

// The command path of `app`: "chokepoint lists import".
std::string CommandPath(const CLI::App* app);

// When argv names a subcommand that does not exist ("chokepoint clasify x"), the usage message
// for it with the nearest names ("did you mean 'classify'?"); empty otherwise.
std::string UnknownSubcommandMessage(const CLI::App& root, int argc, const char* const* argv);

// For an option `app` does not have ("--jurisdiction"), "; did you mean '--jurisdictions'?";
// empty when every option in argv is known or none is near.
std::string UnknownOptionHint(const CLI::App* app, int argc, const char* const* argv);

}  // namespace chokepoint::cli
