#include "parties/store.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parties/party_json.h"

namespace fs = std::filesystem;

namespace chokepoint::parties {
namespace {

bool ValidListName(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  for (char c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string DefaultStoreDir() {
  if (const char* h = std::getenv("CHOKEPOINT_HOME"); h && *h) return std::string(h) + "/lists";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/chokepoint/lists";
}

Result<std::vector<StoredList>> ListStore::List() const {
  std::vector<StoredList> out;
  fs::path m = fs::path(dir_) / "manifest.json";
  std::error_code ec;
  if (!fs::exists(m, ec)) return out;
  std::ifstream in(m);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("lists") || !j["lists"].is_array()) {
    return Status::Corruption(m.string() + ": not a list store manifest", "bad_store");
  }
  for (const auto& l : j["lists"]) {
    StoredList s;
    s.info.name = l.value("name", "");
    s.info.format = l.value("format", "");
    s.info.version = l.value("version", "unknown");
    s.info.entities = l.value("entities", 0);
    s.info.names = l.value("names", 0);
    s.info.addresses = l.value("addresses", 0);
    s.info.identifiers = l.value("identifiers", 0);
    s.info.skipped = l.value("skipped", 0);
    s.dir = l.value("dir", "");
    s.origin = l.value("origin", "");
    s.url = l.value("url", "");
    if (s.info.name.empty() || s.dir.empty() || s.dir.find('/') != std::string::npos ||
        s.dir == "..") {
      return Status::Corruption(m.string() + ": entry without a valid name/dir", "bad_store");
    }
    s.info.source = (fs::path(dir_) / s.dir).string();
    out.push_back(std::move(s));
  }
  return out;
}

Status ListStore::WriteManifest(const std::vector<StoredList>& lists) const {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& s : lists) {
    nlohmann::ordered_json j = ListInfoToJson(s.info);
    j.erase("source");
    j["dir"] = s.dir;
    j["origin"] = s.origin;
    j["url"] = s.url;
    arr.push_back(j);
  }
  nlohmann::ordered_json doc = {{"lists", arr}};
  fs::path tmp = fs::path(dir_) / ("manifest.json.tmp." + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) return Status::IOError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, fs::path(dir_) / "manifest.json", ec);  // atomic replace
  if (ec) return Status::IOError("cannot replace manifest.json: " + ec.message());
  return Status::OK();
}

Result<std::string> ListStore::StagingDir(const std::string& name) const {
  if (!ValidListName(name))
    return Status::InvalidArgument("list name '" + name + "' must be letters, digits, '_' or '-'",
                                   "bad_name");
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create store " + dir_ + ": " + ec.message());
  for (int n = 1; n < 100000; ++n) {
    fs::path p = fs::path(dir_) / (name + "." + std::to_string(n));
    if (fs::create_directory(p, ec)) return p.filename().string();
  }
  return Status::IOError("no free folder name in " + dir_);
}

Result<StoredList> ListStore::Commit(const std::string& name, const std::string& folder,
                                     const LoadOptions& options, const std::string& origin,
                                     const std::string& url, size_t min_entities) {
  fs::path staged = fs::path(dir_) / folder;
  // The stored copy must load on its own: validate what is on disk, not what was read.
  std::string path = staged.string();
  std::error_code ec;
  if (options.format != "ofac_csv") {
    for (const auto& e : fs::directory_iterator(staged, ec)) {
      path = e.path().string();
      break;
    }
  }
  LoadOptions lo = options;
  lo.name = name;
  auto loaded = LoadList(path, lo);
  if (!loaded.ok()) {
    fs::remove_all(staged, ec);
    return loaded.status();
  }
  if (loaded->info.entities < min_entities) {
    fs::remove_all(staged, ec);
    return Status::FailedPrecondition(
        "list '" + name + "' has " + std::to_string(loaded->info.entities) +
            " entities, below the sanity floor of " + std::to_string(min_entities) +
            "; kept the stored version",
        "too_small");
  }
  CP_ASSIGN_OR_RETURN(auto lists, List());
  StoredList s;
  s.info = loaded->info;
  s.dir = folder;
  s.origin = origin;
  s.url = url;
  std::string old_dir;
  bool replaced = false;
  for (auto& l : lists) {
    if (l.info.name == name) {
      old_dir = l.dir;
      if (url.empty()) s.url = l.url;
      l = s;
      replaced = true;
    }
  }
  if (!replaced) lists.push_back(s);
  Status w = WriteManifest(lists);
  if (!w.ok()) {
    fs::remove_all(staged, ec);
    return w;
  }
  if (!old_dir.empty() && old_dir != folder) fs::remove_all(fs::path(dir_) / old_dir, ec);
  s.info.source = staged.string();
  return s;
}

Result<StoredList> ListStore::Import(const std::string& path, const LoadOptions& options,
                                     const std::string& url) {
  // Validate before touching the store.
  auto loaded = LoadList(path, options);
  if (!loaded.ok()) return loaded.status();
  std::string name = loaded->info.name;
  CP_ASSIGN_OR_RETURN(std::string folder, StagingDir(name));
  fs::path dst = fs::path(dir_) / folder;
  std::error_code ec;
  fs::path src(path);
  if (fs::is_directory(src, ec)) {
    for (const auto& e : fs::directory_iterator(src, ec)) {
      std::string f = e.path().filename().string();
      std::string lf;
      for (char c : f) lf += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lf == "sdn.csv" || lf == "alt.csv" || lf == "add.csv" || lf == "sdn_comments.csv") {
        fs::copy_file(e.path(), dst / lf, fs::copy_options::overwrite_existing, ec);
        if (ec) break;
      }
    }
  } else {
    std::string f = src.filename().string();
    if (loaded->info.format == "ofac_csv") {
      // A lone sdn.csv: bring its sibling files along.
      for (const char* sib : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
        fs::path p = src.parent_path() / sib;
        if (fs::exists(p, ec))
          fs::copy_file(p, dst / sib, fs::copy_options::overwrite_existing, ec);
      }
    } else {
      fs::copy_file(src, dst / f, fs::copy_options::overwrite_existing, ec);
    }
  }
  if (ec) {
    fs::remove_all(dst, ec);
    return Status::IOError("cannot copy " + path + " into the store: " + ec.message());
  }
  LoadOptions lo = options;
  lo.format = loaded->info.format;
  lo.version = options.version;
  return Commit(name, folder, lo, path, url, 1);
}

Result<StoredList> ListStore::Replace(const std::string& name, const std::string& staged_dir,
                                      const std::string& origin, size_t min_entities) {
  CP_ASSIGN_OR_RETURN(auto lists, List());
  for (const auto& l : lists) {
    if (l.info.name == name) {
      LoadOptions lo;
      lo.format = l.info.format;
      return Commit(name, staged_dir, lo, origin, "", min_entities);
    }
  }
  return Status::NotFound("no list named '" + name + "' in " + dir_, "not_found");
}

Result<ListSet> ListStore::LoadAll() const {
  CP_ASSIGN_OR_RETURN(auto lists, List());
  ListSet set;
  for (const auto& l : lists) {
    std::string path = l.info.source;
    std::error_code ec;
    if (l.info.format != "ofac_csv") {
      for (const auto& e : fs::directory_iterator(path, ec)) {
        path = e.path().string();
        break;
      }
    }
    LoadOptions lo;
    lo.format = l.info.format;
    lo.name = l.info.name;
    if (l.info.version != "unknown") lo.version = l.info.version;
    auto loaded = LoadList(path, lo);
    if (!loaded.ok())
      return Status(loaded.status()).WithContext("stored list '" + l.info.name + "'");
    CP_RETURN_IF_ERROR(set.Add(std::move(loaded).value()));
  }
  return set;
}

}  // namespace chokepoint::parties
