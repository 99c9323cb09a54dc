// LoadList: reads list files from disk and dispatches to the format parsers.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "parties/loaders.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace chokepoint::parties {
namespace {

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + p.string(), "io_error");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A file in `dir` named `name`, ignoring case; empty path when absent.
fs::path FindCi(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (Lower(e.path().filename().string()) == name) return e.path();
  }
  return {};
}

std::string FirstLine(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') break;
  }
  return line;
}

}  // namespace

std::string DefaultListName(const std::string& format, const std::string& path) {
  if (format == "ofac_csv") return "ofac_sdn";
  if (format == "csl_csv") return "csl";
  if (format == "un_xml") return "un";
  if (format == "bis_dpl") return "bis_dpl";
  fs::path p(path);
  return p.stem().string().empty() ? "custom" : p.stem().string();
}

Result<std::string> DetectFormat(const std::string& path) {
  fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    if (!FindCi(p, "sdn.csv").empty()) return std::string("ofac_csv");
    return Status::InvalidArgument(
        path + ": folder holds no sdn.csv; give a list file or an OFAC CSV folder",
        "unknown_format");
  }
  if (!fs::exists(p, ec)) return Status::NotFound(path + ": no such file or folder", "not_found");
  std::string name = Lower(p.filename().string());
  std::string ext = Lower(p.extension().string());
  if (name == "sdn.csv") return std::string("ofac_csv");
  if (ext == ".xml") return std::string("un_xml");
  if (ext == ".jsonl" || ext == ".json" || ext == ".ndjson") return std::string("custom_json");
  std::string first = FirstLine(p);
  if (first.find('\t') != std::string::npos && first.find("Name") != std::string::npos)
    return std::string("bis_dpl");
  if (first.find("entity_number") != std::string::npos) return std::string("csl_csv");
  std::string lf = Lower(first);
  if (lf.rfind("id,", 0) == 0 || lf.find(",id,") != std::string::npos ||
      lf.find("name") != std::string::npos)
    return std::string("custom_csv");
  if (!first.empty() && std::isdigit(static_cast<unsigned char>(first[0])))
    return std::string("ofac_csv");
  return Status::InvalidArgument(path + ": cannot tell the list format; pass --format",
                                 "unknown_format");
}

Result<LoadedList> LoadList(const std::string& path, const LoadOptions& options) {
  std::string format = options.format;
  if (format.empty() || format == "auto") {
    CP_ASSIGN_OR_RETURN(format, DetectFormat(path));
  }
  bool custom = format == "custom_csv" || format == "custom_json";
  // Custom lists may name themselves ("# name: …"); the file stem is the fallback.
  std::string name = !options.name.empty() ? options.name
                     : custom              ? ""
                                           : DefaultListName(format, path);
  fs::path p(path);
  Result<LoadedList> r = Status::Internal("unreachable");
  if (format == "ofac_csv") {
    std::error_code ec;
    fs::path dir = fs::is_directory(p, ec) ? p : p.parent_path();
    fs::path sdn = fs::is_directory(p, ec) ? FindCi(dir, "sdn.csv") : p;
    if (dir.empty()) dir = ".";
    CP_ASSIGN_OR_RETURN(std::string sdn_text, ReadFile(sdn));
    std::string alt, add, comments;
    fs::path altp = FindCi(dir, "alt.csv"), addp = FindCi(dir, "add.csv"),
             comp = FindCi(dir, "sdn_comments.csv");
    if (!altp.empty()) {
      CP_ASSIGN_OR_RETURN(alt, ReadFile(altp));
    }
    if (!addp.empty()) {
      CP_ASSIGN_OR_RETURN(add, ReadFile(addp));
    }
    if (!comp.empty()) {
      CP_ASSIGN_OR_RETURN(comments, ReadFile(comp));
    }
    OfacFiles f{sdn_text,     alt,           add,           comments,
                sdn.string(), altp.string(), addp.string(), comp.string()};
    r = ParseOfac(f, name);
  } else {
    if (format != "csl_csv" && format != "un_xml" && format != "bis_dpl" &&
        format != "custom_csv" && format != "custom_json") {
      return Status::InvalidArgument(
          "unknown list format '" + format +
              "' (ofac_csv, csl_csv, un_xml, bis_dpl, custom_csv, custom_json)",
          "unknown_format");
    }
    CP_ASSIGN_OR_RETURN(std::string text, ReadFile(p));
    if (format == "csl_csv")
      r = ParseCsl(text, path, name);
    else if (format == "un_xml")
      r = ParseUnXml(text, path, name);
    else if (format == "bis_dpl")
      r = ParseBisDpl(text, path, name);
    else if (format == "custom_csv")
      r = ParseCustomCsv(text, path, name);
    else
      r = ParseCustomJsonl(text, path, name);
  }
  if (!r.ok()) return r.status();
  LoadedList list = std::move(r).value();
  list.info.source = path;
  if (custom && options.name.empty() && list.info.name == "custom") {
    list.info.name = DefaultListName(format, path);
    for (auto& e : list.entities) e.list = list.info.name;
  }
  if (!options.version.empty()) list.info.version = options.version;
  return list;
}

}  // namespace chokepoint::parties
