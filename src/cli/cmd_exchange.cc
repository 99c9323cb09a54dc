// `chokepoint exchange …`: this node's identity and peers, the outbox, and air-gapped transfer
// of envelopes and receipts (docs/exchange.md, "Operator guide").
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "access/directory.h"
#include "cli/command.h"
#include "cli/options.h"
#include "exchange/exchange.h"
#include "exchange/indicators.h"
#include "exchange/keys.h"
#include "exchange/sender.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string db;
  std::string authority, name, org, url, key, to, peer, file, output, format, partner, from, until;
  bool replace_key = false, all = false;
};

std::unique_ptr<exchange::Exchange> Open(const Options& o, const std::string& me) {
  auto ex = exchange::Exchange::Open(DatabaseTarget(o.db));
  if (!ex.ok()) {
    std::cerr << me << ": " << ex.status().message() << "\n";
    return nullptr;
  }
  return std::move(ex).value();
}

int Fail(const std::string& me, const Status& s) {
  std::cerr << me << ": " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int Init(const Options& o) {
  const std::string me = "chokepoint exchange init";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  access::Directory dir(ex->db());
  access::Org org;
  if (!o.org.empty()) {
    auto f = dir.FindOrg(o.org);
    if (!f.ok()) return Fail(me, Status::InvalidArgument("--org: " + f.status().message()));
    org = *f;
  } else {
    auto all = dir.ListOrgs();
    if (!all.ok()) return Fail(me, all.status());
    if (all->empty())
      return Fail(me, Status::InvalidArgument(
                          "no organization yet: create the one whose analysts work the exchange "
                          "(chokepoint admin create-org NAME), or pass --org"));
    // The only organization, else the first created (lowest id), said so on stderr.
    org = *std::min_element(all->begin(), all->end(),
                            [](const auto& a, const auto& b) { return a.id < b.id; });
    if (all->size() > 1)
      std::cerr << me << ": bound to organization '" << org.name
                << "' (the first created; --org to choose)\n";
  }
  auto n = ex->Init(o.authority, o.name, org.id);
  if (!n.ok()) return Fail(me, n.status());
  Json j = {{"authority", n->authority},
            {"public_key", n->public_key},
            {"name", n->name},
            {"org", org.name}};
  std::cout << j.dump() << "\n";
  return kExitOk;
}

int PeerAdd(const Options& o) {
  const std::string me = "chokepoint exchange peer add";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  Status s = ex->AddPeer({o.authority, o.name, o.url, o.key, ""}, o.replace_key);
  if (!s.ok()) return Fail(me, s);
  std::cerr << me << ": " << o.authority << " trusted with key " << o.key << "\n";
  return kExitOk;
}

int PeerList(const Options& o) {
  const std::string me = "chokepoint exchange peer list";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  auto peers = ex->Peers();
  if (!peers.ok()) return Fail(me, peers.status());
  if (o.format == "table") {
    std::printf("%-12s %-44s %s\n", "AUTHORITY", "PUBLIC KEY", "URL");
    for (const auto& p : *peers)
      std::printf("%-12s %-44s %s\n", p.authority.c_str(), p.public_key.c_str(), p.url.c_str());
    return kExitOk;
  }
  for (const auto& p : *peers)
    std::cout << Json{{"authority", p.authority},
                      {"name", p.name},
                      {"url", p.url},
                      {"public_key", p.public_key},
                      {"added_at", p.added_at}}
                     .dump()
              << "\n";
  return kExitOk;
}

int Outbox(const Options& o) {
  const std::string me = "chokepoint exchange outbox";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  auto rows = ex->Outbox(o.peer, o.all);
  if (!rows.ok()) return Fail(me, rows.status());
  if (o.format == "table") {
    std::printf("%-9s %-6s %-8s %-9s %-24s %s\n", "STATE", "PEER", "TYPE", "ATTEMPTS",
                "NEXT ATTEMPT", "RECORD / LAST ERROR");
    for (const auto& r : *rows)
      std::printf("%-9s %-6s %-8s %-9lld %-24s %s%s%s\n", r.state.c_str(), r.peer.c_str(),
                  r.type.c_str(), static_cast<long long>(r.attempts),
                  r.state == "pending" ? exchange::FormatTimestamp(r.next_attempt_ms).c_str() : "-",
                  r.record_id.c_str(), r.last_error.empty() ? "" : " — ", r.last_error.c_str());
    return kExitOk;
  }
  for (const auto& r : *rows) std::cout << exchange::OutboxRowToJson(r).dump() << "\n";
  return kExitOk;
}

int Send(const Options& o) {
  const std::string me = "chokepoint exchange send";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  auto st = ex->DeliverDue(exchange::HttpPost(), exchange::RetryPolicy{}, true);
  if (!st.ok()) return Fail(me, st.status());
  std::cerr << me << ": " << st->delivered << " delivered, " << st->retried << " to retry, "
            << st->rejected << " rejected (see chokepoint exchange outbox)\n";
  return st->retried || st->rejected ? kExitFailure : kExitOk;
}

int Export(const Options& o) {
  const std::string me = "chokepoint exchange export";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  auto lines = ex->Export(o.to, o.all);
  if (!lines.ok()) return Fail(me, lines.status());
  std::ofstream file;
  if (!o.output.empty() && o.output != "-") {
    file.open(o.output, std::ios::binary);
    if (!file) return Fail(me, Status::IOError("cannot write '" + o.output + "'"));
  }
  std::ostream& out = file.is_open() ? file : std::cout;
  for (const auto& l : *lines) out << l << "\n";
  out.flush();
  if (!out) return Fail(me, Status::IOError("write failed"));
  std::cerr << me << ": " << lines->size() << " envelope(s) for " << o.to << "\n";
  return kExitOk;
}

int Import(const Options& o) {
  const std::string me = "chokepoint exchange import";
  std::ifstream in;
  if (o.file != "-") {
    in.open(o.file, std::ios::binary);
    if (!in) return Fail(me, Status::IOError("cannot read '" + o.file + "'"));
  }
  std::istream& src = o.file == "-" ? std::cin : in;
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  int line_no = 0, accepted = 0, replayed = 0, receipts = 0, rejected = 0;
  for (std::string line; std::getline(src, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    // A receipt (carried back from an air-gapped peer) confirms delivery of an envelope of ours;
    // anything else is an envelope for this node, accepted exactly as the inbound route does.
    auto env = exchange::ParseEnvelope(line);
    auto msg =
        env.ok() ? exchange::ParsePayload(env->payload) : Result<exchange::Message>(env.status());
    if (msg.ok() && msg->type == "receipt") {
      Status s = ex->AcceptReceipt(line);
      if (s.ok())
        ++receipts;
      else {
        ++rejected;
        std::cerr << o.file << ":" << line_no << ": receipt rejected (" << s.tag()
                  << "): " << s.message() << "\n";
      }
      continue;
    }
    exchange::Inbound r = ex->Accept(line);
    if (r.status == 200 || r.status == 201) {
      (r.status == 201 ? accepted : replayed)++;
      std::cout << r.receipt << "\n";
    } else {
      ++rejected;
      std::cerr << o.file << ":" << line_no << ": rejected (" << r.code << "): " << r.detail
                << "\n";
    }
  }
  std::cerr << me << ": " << accepted << " accepted, " << replayed
            << " already held (receipt repeated), " << receipts << " receipt(s) stored, "
            << rejected << " rejected\n";
  return kExitOk;
}

int Indicators(const Options& o) {
  const std::string me = "chokepoint exchange indicators";
  auto ex = Open(o, me);
  if (!ex) return kExitFailure;
  auto ind = ex->Indicators({o.partner, o.from, o.until});
  if (!ind.ok()) return Fail(me, ind.status());
  if (o.format == "csv")
    std::cout << exchange::IndicatorsCsv(*ind);
  else
    std::cout << ind->dump(2) << "\n";
  return kExitOk;
}

}  // namespace

void RegisterExchange(CLI::App& root, std::vector<Subcommand>& out) {
  auto o = std::make_shared<Options>();
  auto* ex = root.add_subcommand(
      "exchange", "Cooperation exchange between authorities: identity, peers, outbox, transfer");
  ex->require_subcommand(1);

  auto* init = ex->add_subcommand(
      "init", "Create this node's Ed25519 identity; prints {\"authority\", \"public_key\"}");
  AddDbOption(init, &o->db);
  init->add_option("--authority", o->authority, "This node's authority code, e.g. CN, US, CN-ACME")
      ->required();
  init->add_option("--name", o->name, "Display name (default: the code)");
  init->add_option(
      "--org", o->org,
      "Organization whose analysts work the exchange (default: the only, else the first created)");
  out.push_back({init, [o] { return Init(*o); }});

  auto* peer = ex->add_subcommand("peer", "Trusted peers: their codes, URLs and public keys");
  peer->require_subcommand(1);
  auto* add =
      peer->add_subcommand("add", "Trust a peer's key (the only way a key is ever trusted)");
  AddDbOption(add, &o->db);
  add->add_option("--authority", o->authority, "The peer's authority code")->required();
  add->add_option("--url", o->url, "Its server's base URL, e.g. https://exchange.example.gov")
      ->required();
  add->add_option("--key", o->key, "Its public key, standard base64 (from its `exchange init`)")
      ->required();
  add->add_option("--name", o->name, "Display name");
  add->add_flag("--replace-key", o->replace_key,
                "Replace the key of a known peer (a key rotation)");
  out.push_back({add, [o] { return PeerAdd(*o); }});
  auto* list = peer->add_subcommand("list", "The trusted peers, one JSON object per line");
  AddDbOption(list, &o->db);
  AddFormatOption(list, &o->format, {"jsonl", "table"});
  out.push_back({list, [o] { return PeerList(*o); }});

  auto* ob = ex->add_subcommand(
      "outbox", "Envelopes not yet delivered, with attempts, next try and last error");
  AddDbOption(ob, &o->db);
  ob->add_option("--peer", o->peer, "Only this peer");
  ob->add_flag("--all", o->all, "Delivered and rejected envelopes too");
  AddFormatOption(ob, &o->format, {"jsonl", "table"});
  out.push_back({ob, [o] { return Outbox(*o); }});

  auto* send = ex->add_subcommand("send", "Deliver every pending envelope now, ignoring backoff");
  AddDbOption(send, &o->db);
  out.push_back({send, [o] { return Send(*o); }});

  auto* exp =
      ex->add_subcommand("export", "Write the envelopes for a peer as JSONL (air-gapped transfer)");
  AddDbOption(exp, &o->db);
  exp->add_option("--to", o->to, "The peer's authority code")->required();
  exp->add_flag("--all", o->all, "Every envelope ever addressed to it, not only the pending ones");
  AddOutputOption(exp, &o->output, "Output file (default: standard output)");
  out.push_back({exp, [o] { return Export(*o); }});

  auto* imp = ex->add_subcommand(
      "import", "Accept a bundle of envelopes (prints the receipts) or of receipts");
  AddDbOption(imp, &o->db);
  imp->add_option("file", o->file, "JSONL file, or - for standard input")->required();
  out.push_back({imp, [o] { return Import(*o); }});

  auto* ind = ex->add_subcommand("indicators", "Responsiveness figures per partner and quarter");
  AddDbOption(ind, &o->db);
  ind->add_option("--partner", o->partner, "Only this partner");
  ind->add_option("--from", o->from, "Records created on or after YYYY-MM-DD");
  ind->add_option("--to", o->until, "Records created on or before YYYY-MM-DD");
  AddFormatOption(ind, &o->format, {"json", "csv"});
  out.push_back({ind, [o] { return Indicators(*o); }});
}

}  // namespace chokepoint::cli
