#include "store/order_store.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace chokepoint::store {

namespace {

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string PartyJson(const orders::Party& p) {
  nlohmann::ordered_json j;
  j["name"] = p.name;
  j["country"] = p.country;
  j["address"] = p.address;
  j["type"] = p.type;
  j["industry"] = p.industry;
  j["ids"] = p.ids;
  j["emails"] = p.emails;
  j["phones"] = p.phones;
  j["website"] = p.website;
  auto lic = nlohmann::ordered_json::array();
  for (const auto& l : p.licenses) lic.push_back({{"type", l.type}, {"number", l.number}});
  j["licenses"] = lic;
  return j.dump();
}

}  // namespace

Result<std::unique_ptr<OrderStore>> OrderStore::Create(Connection* db, std::string org) {
  return std::unique_ptr<OrderStore>(new OrderStore(db, std::move(org)));
}

Status OrderStore::Sync(orders::History* history, std::unordered_set<std::string>* decided) {
  // Facts of orders recorded after synced_seq_, with their lines and contacts. An order
  // screened again (--rescreen) was recorded anew under a later seq: its old facts go.
  std::unordered_map<std::string, orders::OrderFacts> facts;
  std::vector<std::string> order;  // ids in seq order
  int64_t last = synced_seq_;
  {
    CP_ASSIGN_OR_RETURN(
        StatementLease st,
        db_->PrepareCached("SELECT order_id, seq, customer, day, peer_group, destination, seller, "
                           "seller_country, payer, payer_type FROM history_facts "
                           "WHERE org = ? AND seq > ? ORDER BY seq"));
    st->Bind(1, org_).Bind(2, synced_seq_);
    CP_RETURN_IF_ERROR(st->ForEachRow([&](const Statement& r) {
      orders::OrderFacts f;
      f.order_id = r.Text(0);
      last = std::max(last, r.Int(1));
      f.customer = r.Text(2);
      f.day = static_cast<int>(r.Int(3));
      f.peer_group = r.Text(4);
      f.destination = r.Text(5);
      f.seller = r.Text(6);
      f.seller_country = r.Text(7);
      f.payer = r.Text(8);
      f.payer_type = r.Text(9);
      order.push_back(f.order_id);
      facts.emplace(f.order_id, std::move(f));
    }));
  }
  if (order.empty()) return Status::OK();
  {
    CP_ASSIGN_OR_RETURN(
        StatementLease st,
        db_->PrepareCached("SELECT l.order_id, l.substance, l.kg, l.regulated FROM history_lines l "
                           "JOIN history_facts f ON f.org = l.org AND f.order_id = l.order_id "
                           "WHERE f.org = ? AND f.seq > ? ORDER BY f.seq, l.n"));
    st->Bind(1, org_).Bind(2, synced_seq_);
    CP_RETURN_IF_ERROR(st->ForEachRow([&](const Statement& r) {
      auto it = facts.find(r.Text(0));
      if (it != facts.end()) it->second.lines.push_back({r.Text(1), r.Real(2), r.Int(3) != 0});
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(
        StatementLease st,
        db_->PrepareCached("SELECT c.order_id, c.kind, c.value FROM history_contacts c "
                           "JOIN history_facts f ON f.org = c.org AND f.order_id = c.order_id "
                           "WHERE f.org = ? AND f.seq > ?"));
    st->Bind(1, org_).Bind(2, synced_seq_);
    CP_RETURN_IF_ERROR(st->ForEachRow([&](const Statement& r) {
      auto it = facts.find(r.Text(0));
      if (it != facts.end()) it->second.contacts.push_back({r.Text(1), r.Text(2)});
    }));
  }
  for (const std::string& id : order) {
    orders::OrderFacts& f = facts[id];
    // Byte order, as ExtractFacts produces them (a database collation may differ).
    std::sort(f.contacts.begin(), f.contacts.end(), [](const auto& a, const auto& b) {
      return std::tie(a.kind, a.value) < std::tie(b.kind, b.value);
    });
    if (decided) decided->insert(id);
    if (history) {
      history->Remove(id);
      history->Add(std::move(f));
    }
  }
  synced_seq_ = last;
  return Status::OK();
}

Result<std::string> OrderStore::StoredOutput(const std::string& order_id) {
  CP_ASSIGN_OR_RETURN(
      StatementLease st,
      db_->PrepareCached("SELECT output FROM decisions WHERE org = ? AND order_id = ?"));
  st->Bind(1, org_).Bind(2, order_id);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("no stored decision for order '" + order_id + "'");
  return st->Text(0);
}

Status OrderStore::Begin() {
  CP_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock("orders:" + org_));
  // Read under the lock: another writer may have recorded orders since this store last did.
  CP_ASSIGN_OR_RETURN(
      StatementLease st,
      db_->PrepareCached("SELECT COALESCE(MAX(seq), 0) FROM history_facts WHERE org = ?"));
  st->Bind(1, org_);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  next_seq_ = (row ? st->Int(0) : 0) + 1;
  tx_.emplace(std::move(tx));
  return Status::OK();
}

Status OrderStore::Commit() {
  if (!tx_) return Status::FailedPrecondition("OrderStore::Commit without Begin");
  Status s = tx_->Commit();
  tx_.reset();
  return s;
}

Status OrderStore::Record(const std::string& raw, const orders::Order& o,
                          const orders::OrderFacts& f, const orders::DecisionResult& d,
                          const std::string& policy_version, const std::string& output,
                          bool replaces) {
  if (!tx_)
    return Status::FailedPrecondition("OrderStore::Record outside a transaction (call Begin)");
  auto run = [&](const char* sql, auto&&... values) -> Status {
    CP_ASSIGN_OR_RETURN(StatementLease st, db_->PrepareCached(sql));
    int i = 1;
    (st->Bind(i++, values), ...);
    return st->Run();
  };
  // Nothing here reads a result: on PostgreSQL the whole record is pipelined (Statement::Run).
  if (replaces)
    CP_RETURN_IF_ERROR(run("DELETE FROM orders WHERE org = ? AND id = ?", org_, o.id));  // cascades

  int64_t seq = next_seq_++;
  CP_RETURN_IF_ERROR(
      run("INSERT INTO orders (org, id, seq, date, customer, raw) VALUES (?,?,?,?,?,?)", org_, o.id,
          seq, o.date_text, f.customer, raw));
  CP_RETURN_IF_ERROR(
      run("INSERT INTO decisions (org, order_id, decision, score, policy, output, decided_at) "
          "VALUES (?,?,?,?,?,?,?)",
          org_, o.id, orders::DecisionName(d.decision), d.score, policy_version, output, UtcNow()));
  CP_RETURN_IF_ERROR(
      run("INSERT INTO history_facts (org, order_id, seq, customer, day, peer_group, destination, "
          "seller, seller_country, payer, payer_type) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          org_, o.id, seq, f.customer, static_cast<int64_t>(f.day), f.peer_group, f.destination,
          f.seller, f.seller_country, f.payer, f.payer_type));
  double regulated_kg = 0;
  for (size_t n = 0; n < f.lines.size(); ++n) {
    const auto& l = f.lines[n];
    if (l.regulated) regulated_kg += l.kg;
    CP_RETURN_IF_ERROR(run(
        "INSERT INTO history_lines (org, order_id, n, substance, kg, regulated) VALUES "
        "(?,?,?,?,?,?)",
        org_, o.id, static_cast<int64_t>(n), l.substance, l.kg, static_cast<int64_t>(l.regulated)));
  }
  for (const auto& c : f.contacts)
    CP_RETURN_IF_ERROR(
        run("INSERT INTO history_contacts (org, order_id, kind, value) VALUES (?,?,?,?) "
            "ON CONFLICT DO NOTHING",
            org_, o.id, c.kind, c.value));
  for (const orders::Party* p : o.AllParties()) {
    CP_RETURN_IF_ERROR(run(
        "INSERT INTO parties (org, key, name, country, data, first_date, last_date) "
        "VALUES (?1,?2,?3,?4,?5,?6,?6) ON CONFLICT (org, key) DO UPDATE SET "
        "name = excluded.name, data = excluded.data, first_date = CASE WHEN excluded.first_date "
        "< parties.first_date THEN excluded.first_date ELSE parties.first_date END, last_date = "
        "CASE WHEN excluded.last_date > parties.last_date THEN excluded.last_date "
        "ELSE parties.last_date END",
        org_, orders::PartyKey(*p), p->name, p->country, PartyJson(*p), o.date_text));
  }
  CP_RETURN_IF_ERROR(run(
      "INSERT INTO customers (org, key, name, country, industry, first_date, last_date, orders, "
      "regulated_kg) VALUES (?1,?2,?3,?4,?5,?6,?6,1,?7) ON CONFLICT (org, key) DO UPDATE SET "
      "name = excluded.name, industry = excluded.industry, first_date = CASE WHEN "
      "excluded.first_date < customers.first_date THEN excluded.first_date ELSE "
      "customers.first_date END, last_date = CASE WHEN excluded.last_date > customers.last_date "
      "THEN excluded.last_date ELSE customers.last_date END, orders = customers.orders + ?8, "
      "regulated_kg = customers.regulated_kg + ?7 * ?8",
      org_, f.customer, o.buyer.name, o.buyer.country, o.buyer.industry, o.date_text, regulated_kg,
      static_cast<int64_t>(replaces ? 0 : 1)));
  if (seq == synced_seq_ + 1) synced_seq_ = seq;
  return Status::OK();
}

Result<StoredOrder> OrderStore::Get(const std::string& order_id) {
  auto st = db_->Prepare(
      "SELECT o.id, o.date, o.raw, d.decision, d.score, d.policy, d.output, d.decided_at FROM "
      "orders o "
      "JOIN decisions d ON d.org = o.org AND d.order_id = o.id WHERE o.org = ? AND o.id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, org_).Bind(2, order_id);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row)
    return Status::NotFound("order '" + order_id + "' is not in the database (screen it first)");
  StoredOrder o;
  o.id = st->Text(0);
  o.date = st->Text(1);
  o.raw = st->Text(2);
  o.decision = st->Text(3);
  o.score = st->Real(4);
  o.policy = st->Text(5);
  o.output = st->Text(6);
  o.decided_at = st->Text(7);
  return o;
}

Result<int64_t> OrderStore::CountDecisions() {
  auto st = db_->Prepare("SELECT COUNT(*) FROM decisions WHERE org = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, org_);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace chokepoint::store
