// `chokepoint audit verify|export`: prove the decision history is untouched, or hand it over.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "access/audit_log.h"
#include "access/directory.h"
#include "cli/command.h"
#include "store/schema.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string db;
  std::string expect_head;
  std::string org;
  std::string out;
};

std::unique_ptr<store::Connection> Open(const Options& o, const char* cmd) {
  auto db = store::OpenDatabase(DatabaseTarget(o.db));
  if (!db.ok()) {
    std::cerr << "chokepoint audit " << cmd << ": " << db.status().message() << "\n";
    return nullptr;
  }
  return std::move(db).value();
}

int Verify(const Options& o) {
  auto db = Open(o, "verify");
  if (!db) return kExitFailure;
  access::AuditLog log(*db);
  auto r = log.Verify();
  if (!r.ok()) {
    std::cerr << "chokepoint audit verify: " << r.status().message() << "\n";
    return kExitFailure;
  }
  if (!r->ok) {
    std::printf("BROKEN at entry %lld: %s\n", static_cast<long long>(r->first_bad_seq),
                r->problem.c_str());
    std::printf("entries read: %lld\n", static_cast<long long>(r->entries));
    return kExitFailure;
  }
  if (!o.expect_head.empty() && o.expect_head != r->head_hash) {
    // An anchored head must still be in the chain; a longer chain is fine when it passes
    // through the anchor.
    bool found = false;
    Status s = log.Scan({.org_id = std::nullopt, .after_seq = 0, .limit = 1 << 30, .target = ""},
                        [&](const access::AuditEntry& e) {
                          if (e.hash == o.expect_head) found = true;
                          return !found;
                        });
    if (!s.ok() || !found) {
      std::printf("BROKEN: the anchored head %s is not in the chain (history rewritten)\n",
                  o.expect_head.c_str());
      return kExitFailure;
    }
  }
  std::printf("ok: %lld entries, chain intact\nhead: %lld %s\n", static_cast<long long>(r->entries),
              static_cast<long long>(r->head_seq), r->head_hash.c_str());
  return kExitOk;
}

int Export(const Options& o) {
  auto db = Open(o, "export");
  if (!db) return kExitFailure;
  std::optional<int64_t> org_id;
  if (!o.org.empty()) {
    access::Directory dir(*db);
    auto org = dir.FindOrg(o.org);
    if (!org.ok()) {
      std::cerr << "chokepoint audit export: " << org.status().message() << "\n";
      return kExitUsage;
    }
    org_id = org->id;
  }
  std::ofstream file;
  if (!o.out.empty()) {
    file.open(o.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "chokepoint audit export: cannot write " << o.out << "\n";
      return kExitFailure;
    }
  }
  std::ostream& out = o.out.empty() ? std::cout : file;
  access::AuditLog log(*db);
  int64_t n = 0;
  int64_t after = 0;
  for (;;) {
    int64_t before = n;
    Status s = log.Scan({.org_id = org_id, .after_seq = after, .limit = 5000, .target = ""},
                        [&](const access::AuditEntry& e) {
                          out << access::AuditEntryJson(e) << "\n";
                          after = e.seq;
                          ++n;
                          return true;
                        });
    if (!s.ok()) {
      std::cerr << "chokepoint audit export: " << s.message() << "\n";
      return kExitFailure;
    }
    if (n == before) break;
  }
  out.flush();
  if (!out) {
    std::cerr << "chokepoint audit export: write failed\n";
    return kExitFailure;
  }
  std::cerr << "exported " << n << " entries\n";
  return kExitOk;
}

}  // namespace

void RegisterAudit(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("audit", "Verify or export the hash-chained audit log");
  app->require_subcommand(1);
  auto vo = std::make_shared<Options>();
  auto* verify = app->add_subcommand(
      "verify", "Recompute the hash chain; names the first broken entry (exit 1)");
  AddDbOption(verify, &vo->db);
  verify->add_option("--expect-head", vo->expect_head,
                     "A head hash recorded earlier that must still be in the chain");
  out.push_back({verify, [vo] { return Verify(*vo); }});
  auto eo = std::make_shared<Options>();
  auto* exp = app->add_subcommand("export", "Write the log as JSON lines (seq order)");
  AddDbOption(exp, &eo->db);
  exp->add_option("--org", eo->org, "Only this organization's entries");
  AddOutputOption(exp, &eo->out, "Output file (default: standard output)");
  out.push_back({exp, [eo] { return Export(*eo); }});
}

}  // namespace chokepoint::cli
