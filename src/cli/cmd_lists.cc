// `chokepoint lists import|list|update`: the local store of screening lists.
//
// update downloads each list from its URL (default: the official publisher), writes the files
// into a fresh folder of the store, validates them (they must parse, with at least half the
// entities of the stored version), and swaps them in atomically (store.h).
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "parties/party_json.h"
#include "parties/store.h"

namespace fs = std::filesystem;

namespace chokepoint::cli {
namespace {

struct Options {
  std::string lists_dir;
  std::string path;
  std::string name;
  std::string format = "auto";
  std::string version;
  std::string url;
  std::string out_format = "table";
  std::vector<std::string> names;
  long min_entities = -1;
};

std::string StoreDir(const Options& o) {
  return o.lists_dir.empty() ? parties::DefaultStoreDir() : o.lists_dir;
}

// The publishers' download locations. OFAC's legacy CSV is four files under one folder URL.
std::string DefaultUrl(const std::string& format) {
  if (format == "ofac_csv") return "https://www.treasury.gov/ofac/downloads/";
  if (format == "csl_csv")
    return "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv";
  if (format == "un_xml") return "https://scsanctions.un.org/resources/xml/en/consolidated.xml";
  if (format == "bis_dpl") return "https://www.bis.doc.gov/dpl/dpl.txt";
  return "";
}

// GET `url` into `dest`. Returns the HTTP error or transport error as a Status.
Status Download(const std::string& url, const fs::path& dest) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    return Status::InvalidArgument("URL '" + url + "' has no scheme", "bad_url");
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    return Status::InvalidArgument("URL '" + url + "': only http and https", "bad_url");
  size_t path_start = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
  if (scheme == "https")
    return Status::Unimplemented("this build has no TLS support for " + url, "no_tls");
#endif
  httplib::Client cli(origin);
  cli.set_follow_location(true);
  cli.set_connection_timeout(10, 0);
  cli.set_read_timeout(120, 0);
  auto res = cli.Get(path.c_str());
  if (!res) return Status::IOError(url + ": " + httplib::to_string(res.error()), "download_failed");
  if (res->status != 200)
    return Status::IOError(url + ": HTTP " + std::to_string(res->status), "download_failed");
  if (res->body.empty()) return Status::IOError(url + ": empty response", "download_failed");
  std::ofstream out(dest, std::ios::binary | std::ios::trunc);
  out << res->body;
  out.flush();
  if (!out) return Status::IOError("cannot write " + dest.string());
  return Status::OK();
}

void PrintProblems(const parties::ListInfo& info) {
  for (size_t i = 0; i < info.problems.size() && i < 20; ++i)
    std::fprintf(stderr, "%s\n", info.problems[i].c_str());
  if (info.problems.size() > 20)
    std::fprintf(stderr, "… and %zu more malformed rows\n", info.problems.size() - 20);
}

int Import(const Options& o) {
  parties::LoadOptions lo;
  lo.format = o.format;
  lo.name = o.name;
  lo.version = o.version;
  // Show the rows that will be skipped before storing.
  auto probe = parties::LoadList(o.path, lo);
  if (!probe.ok()) {
    std::fprintf(stderr, "chokepoint lists import: %s\n", probe.status().message().c_str());
    return kExitFailure;
  }
  PrintProblems(probe->info);
  parties::ListStore store(StoreDir(o));
  auto r = store.Import(o.path, lo, o.url);
  if (!r.ok()) {
    std::fprintf(stderr, "chokepoint lists import: %s\n", r.status().message().c_str());
    return kExitFailure;
  }
  const auto& i = r->info;
  std::printf(
      "imported %s (%s, version %s): %zu entities, %zu names, %zu addresses, %zu identifiers, %zu "
      "rows skipped\n",
      i.name.c_str(), i.format.c_str(), i.version.c_str(), i.entities, i.names, i.addresses,
      i.identifiers, i.skipped);
  return kExitOk;
}

int ListCmd(const Options& o) {
  parties::ListStore store(StoreDir(o));
  auto lists = store.List();
  if (!lists.ok()) {
    std::fprintf(stderr, "chokepoint lists list: %s\n", lists.status().message().c_str());
    return kExitFailure;
  }
  if (o.out_format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& l : *lists) {
      auto j = parties::ListInfoToJson(l.info);
      j["origin"] = l.origin;
      j["url"] = l.url.empty() ? DefaultUrl(l.info.format) : l.url;
      arr.push_back(j);
    }
    std::cout << arr.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-14s %-12s %-11s %9s %9s %6s %8s  %s\n", "NAME", "FORMAT", "VERSION", "ENTITIES",
              "NAMES", "IDS", "SKIPPED", "ORIGIN");
  for (const auto& l : *lists) {
    const auto& i = l.info;
    std::printf("%-14s %-12s %-11s %9zu %9zu %6zu %8zu  %s\n", i.name.c_str(), i.format.c_str(),
                i.version.c_str(), i.entities, i.names, i.identifiers, i.skipped, l.origin.c_str());
  }
  if (lists->empty())
    std::printf("(no lists in %s; add one with `chokepoint lists import PATH`)\n",
                store.dir().c_str());
  return kExitOk;
}

int Update(const Options& o) {
  parties::ListStore store(StoreDir(o));
  auto lists = store.List();
  if (!lists.ok()) {
    std::fprintf(stderr, "chokepoint lists update: %s\n", lists.status().message().c_str());
    return kExitFailure;
  }
  if (!o.url.empty() && o.names.size() != 1) {
    std::fprintf(stderr, "chokepoint lists update: --url needs exactly one list name\n");
    return kExitUsage;
  }
  int failures = 0, done = 0;
  for (const auto& l : *lists) {
    if (!o.names.empty() && std::find(o.names.begin(), o.names.end(), l.info.name) == o.names.end())
      continue;
    ++done;
    std::string url = !o.url.empty() ? o.url : !l.url.empty() ? l.url : DefaultUrl(l.info.format);
    if (url.empty()) {
      std::fprintf(stderr, "%s: no download URL (custom list); pass --url\n", l.info.name.c_str());
      ++failures;
      continue;
    }
    auto staged = store.StagingDir(l.info.name);
    if (!staged.ok()) {
      std::fprintf(stderr, "%s: %s\n", l.info.name.c_str(), staged.status().message().c_str());
      ++failures;
      continue;
    }
    fs::path dir = fs::path(store.dir()) / *staged;
    Status s;
    if (l.info.format == "ofac_csv") {
      std::string base = url.back() == '/' ? url : url + "/";
      s = Download(base + "sdn.csv", dir / "sdn.csv");
      // The companion files are optional: a list without aliases still screens.
      for (const char* f : {"alt.csv", "add.csv", "sdn_comments.csv"}) {
        if (!s.ok()) break;
        Status opt = Download(base + f, dir / f);
        if (!opt.ok())
          std::fprintf(stderr, "%s: %s (continuing without it)\n", l.info.name.c_str(),
                       opt.message().c_str());
      }
    } else {
      std::string file = url.substr(url.find_last_of('/') + 1);
      if (file.empty() || file.find('?') != std::string::npos) file = "list";
      // Keep an extension format detection understands.
      if (l.info.format == "un_xml" && file.size() < 4) file += ".xml";
      s = Download(url, dir / file);
    }
    if (!s.ok()) {
      std::error_code ec;
      fs::remove_all(dir, ec);
      std::fprintf(stderr, "%s: %s; kept version %s\n", l.info.name.c_str(), s.message().c_str(),
                   l.info.version.c_str());
      ++failures;
      continue;
    }
    size_t floor = o.min_entities >= 0 ? static_cast<size_t>(o.min_entities)
                                       : std::max<size_t>(1, l.info.entities / 2);
    auto r = store.Replace(l.info.name, *staged, url, floor);
    if (!r.ok()) {
      std::fprintf(stderr, "%s: %s\n", l.info.name.c_str(), r.status().message().c_str());
      ++failures;
      continue;
    }
    std::printf("updated %s: version %s -> %s, %zu -> %zu entities\n", l.info.name.c_str(),
                l.info.version.c_str(), r->info.version.c_str(), l.info.entities, r->info.entities);
  }
  if (done == 0) {
    std::fprintf(stderr, "chokepoint lists update: no matching list in %s\n", store.dir().c_str());
    return kExitFailure;
  }
  return failures ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterLists(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand(
      "lists", "Import, show and update the screening lists used by `parties screen`");
  app->require_subcommand(1);
  auto io = std::make_shared<Options>();
  auto* imp = app->add_subcommand("import",
                                  "Validate a list file or folder and copy it into the list store");
  imp->add_option("path", io->path, "List file, or folder with sdn.csv/alt.csv/add.csv")
      ->required();
  imp->add_option(
      "--name", io->name,
      "Name of the list in results (default: ofac_sdn, csl, un, bis_dpl, or the file name)");
  AddInputFormatOption(
      imp, &io->format,
      {"auto", "ofac_csv", "csl_csv", "un_xml", "bis_dpl", "custom_csv", "custom_json"});
  imp->add_option("--version", io->version,
                  "Version date to record when the file carries none (OFAC CSV)");
  imp->add_option("--url", io->url,
                  "Download URL for `lists update` (default: the official publisher)");
  AddListsDirOption(imp, &io->lists_dir);
  out.push_back({imp, [io] { return Import(*io); }});

  auto lo = std::make_shared<Options>();
  auto* list = app->add_subcommand("list", "Stored lists with source, version and counts");
  AddListsDirOption(list, &lo->lists_dir);
  AddFormatOption(list, &lo->out_format, {"table", "json"});
  out.push_back({list, [lo] { return ListCmd(*lo); }});

  auto uo = std::make_shared<Options>();
  auto* upd = app->add_subcommand(
      "update", "Download new versions, validate them and swap them in atomically");
  upd->add_option("names", uo->names, "Lists to update (default: all)");
  upd->add_option("--url", uo->url,
                  "Download from this URL instead (one list only; a folder URL for OFAC CSV)");
  upd->add_option("--min-entities", uo->min_entities,
                  "Sanity floor (default: half the stored version's entities)");
  AddListsDirOption(upd, &uo->lists_dir);
  out.push_back({upd, [uo] { return Update(*uo); }});
}

}  // namespace chokepoint::cli
