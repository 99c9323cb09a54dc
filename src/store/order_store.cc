#include "store/order_store.h"

#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

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

Result<std::unique_ptr<OrderStore>> OrderStore::Create(Database* db, std::string org) {
  std::unique_ptr<OrderStore> s(new OrderStore(db, std::move(org)));
  CP_RETURN_IF_ERROR(s->PrepareAll());
  auto st = db->Prepare("SELECT COALESCE(MAX(seq), 0) FROM orders WHERE org = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, s->org_);
  Status status;
  if (st->Step(&status)) s->next_seq_ = st->Int(0) + 1;
  CP_RETURN_IF_ERROR(status);
  return s;
}

Status OrderStore::PrepareAll() {
  auto prep = [&](Statement& out, const char* sql) -> Status {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.status();
    out = std::move(*st);
    return Status::OK();
  };
  CP_RETURN_IF_ERROR(prep(exists_, "SELECT 1 FROM orders WHERE org = ? AND id = ?"));
  CP_RETURN_IF_ERROR(prep(del_order_, "DELETE FROM orders WHERE org = ? AND id = ?"));
  CP_RETURN_IF_ERROR(prep(ins_order_, "INSERT INTO orders (org, id, seq, date, customer, raw) VALUES (?,?,?,?,?,?)"));
  CP_RETURN_IF_ERROR(prep(ins_decision_,
                          "INSERT INTO decisions (org, order_id, decision, score, policy, output, decided_at) "
                          "VALUES (?,?,?,?,?,?,?)"));
  CP_RETURN_IF_ERROR(prep(ins_facts_,
                          "INSERT INTO history_facts (org, order_id, seq, customer, day, peer_group, destination, "
                          "seller, seller_country, payer, payer_type) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  CP_RETURN_IF_ERROR(prep(ins_line_,
                          "INSERT INTO history_lines (org, order_id, n, substance, kg, regulated) VALUES (?,?,?,?,?,?)"));
  CP_RETURN_IF_ERROR(prep(ins_contact_,
                          "INSERT OR IGNORE INTO history_contacts (org, order_id, kind, value) VALUES (?,?,?,?)"));
  CP_RETURN_IF_ERROR(prep(up_party_,
                          "INSERT INTO parties (org, key, name, country, data, first_date, last_date) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?6) ON CONFLICT (org, key) DO UPDATE SET "
                          "name = excluded.name, data = excluded.data, "
                          "first_date = MIN(first_date, excluded.first_date), "
                          "last_date = MAX(last_date, excluded.last_date)"));
  CP_RETURN_IF_ERROR(prep(up_customer_,
                          "INSERT INTO customers (org, key, name, country, industry, first_date, last_date, orders, "
                          "regulated_kg) VALUES (?1,?2,?3,?4,?5,?6,?6,1,?7) ON CONFLICT (org, key) DO UPDATE SET "
                          "name = excluded.name, industry = excluded.industry, "
                          "first_date = MIN(first_date, excluded.first_date), "
                          "last_date = MAX(last_date, excluded.last_date), orders = orders + ?8, "
                          "regulated_kg = regulated_kg + ?7 * ?8"));
  CP_RETURN_IF_ERROR(prep(get_output_, "SELECT output FROM decisions WHERE org = ? AND order_id = ?"));
  return Status::OK();
}

Status OrderStore::LoadDecidedIds(std::unordered_set<std::string>* ids) {
  auto st = db_->Prepare("SELECT order_id FROM decisions WHERE org = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, org_);
  Status s;
  while (st->Step(&s)) ids->insert(st->Text(0));
  return s;
}

Status OrderStore::LoadHistory(orders::History* history) {
  std::map<std::string, orders::OrderFacts> facts;
  std::vector<std::pair<int64_t, std::string>> order;
  Status s;
  {
    auto st = db_->Prepare(
        "SELECT order_id, seq, customer, day, peer_group, destination, seller, seller_country, payer, payer_type "
        "FROM history_facts WHERE org = ? ORDER BY seq");
    if (!st.ok()) return st.status();
    st->Bind(1, org_);
    while (st->Step(&s)) {
      orders::OrderFacts f;
      f.order_id = st->Text(0);
      f.customer = st->Text(2);
      f.day = static_cast<int>(st->Int(3));
      f.peer_group = st->Text(4);
      f.destination = st->Text(5);
      f.seller = st->Text(6);
      f.seller_country = st->Text(7);
      f.payer = st->Text(8);
      f.payer_type = st->Text(9);
      order.push_back({st->Int(1), f.order_id});
      facts.emplace(f.order_id, std::move(f));
    }
    CP_RETURN_IF_ERROR(s);
  }
  {
    auto st = db_->Prepare("SELECT order_id, substance, kg, regulated FROM history_lines WHERE org = ? ORDER BY order_id, n");
    if (!st.ok()) return st.status();
    st->Bind(1, org_);
    while (st->Step(&s)) {
      auto it = facts.find(st->Text(0));
      if (it != facts.end()) it->second.lines.push_back({st->Text(1), st->Real(2), st->Int(3) != 0});
    }
    CP_RETURN_IF_ERROR(s);
  }
  {
    auto st = db_->Prepare("SELECT order_id, kind, value FROM history_contacts WHERE org = ? ORDER BY order_id, kind, value");
    if (!st.ok()) return st.status();
    st->Bind(1, org_);
    while (st->Step(&s)) {
      auto it = facts.find(st->Text(0));
      if (it != facts.end()) it->second.contacts.push_back({st->Text(1), st->Text(2)});
    }
    CP_RETURN_IF_ERROR(s);
  }
  for (const auto& [seq, id] : order) history->Add(std::move(facts[id]));
  return Status::OK();
}

Result<std::string> OrderStore::StoredOutput(const std::string& order_id) {
  get_output_.Bind(1, org_).Bind(2, order_id);
  Status s;
  bool row = get_output_.Step(&s);
  std::string out = row ? get_output_.Text(0) : "";
  get_output_.Reset();
  CP_RETURN_IF_ERROR(s);
  if (!row) return Status::NotFound("no stored decision for order '" + order_id + "'");
  return out;
}

Status OrderStore::Begin() { return db_->Begin(); }
Status OrderStore::Commit() { return db_->Commit(); }

Status OrderStore::Record(const std::string& raw, const orders::Order& o, const orders::OrderFacts& f,
                          const orders::DecisionResult& d, const std::string& policy_version,
                          const std::string& output) {
  Status s;
  exists_.Bind(1, org_).Bind(2, o.id);
  bool existed = exists_.Step(&s);
  exists_.Reset();
  CP_RETURN_IF_ERROR(s);
  if (existed) CP_RETURN_IF_ERROR(del_order_.Bind(1, org_).Bind(2, o.id).Run());  // cascades

  int64_t seq = next_seq_++;
  CP_RETURN_IF_ERROR(
      ins_order_.Bind(1, org_).Bind(2, o.id).Bind(3, seq).Bind(4, o.date_text).Bind(5, f.customer).Bind(6, raw).Run());
  CP_RETURN_IF_ERROR(ins_decision_.Bind(1, org_)
                         .Bind(2, o.id)
                         .Bind(3, std::string(orders::DecisionName(d.decision)))
                         .Bind(4, d.score)
                         .Bind(5, policy_version)
                         .Bind(6, output)
                         .Bind(7, UtcNow())
                         .Run());
  CP_RETURN_IF_ERROR(ins_facts_.Bind(1, org_)
                         .Bind(2, o.id)
                         .Bind(3, seq)
                         .Bind(4, f.customer)
                         .Bind(5, static_cast<int64_t>(f.day))
                         .Bind(6, f.peer_group)
                         .Bind(7, f.destination)
                         .Bind(8, f.seller)
                         .Bind(9, f.seller_country)
                         .Bind(10, f.payer)
                         .Bind(11, f.payer_type)
                         .Run());
  double regulated_kg = 0;
  for (size_t n = 0; n < f.lines.size(); ++n) {
    const auto& l = f.lines[n];
    if (l.regulated) regulated_kg += l.kg;
    CP_RETURN_IF_ERROR(ins_line_.Bind(1, org_)
                           .Bind(2, o.id)
                           .Bind(3, static_cast<int64_t>(n))
                           .Bind(4, l.substance)
                           .Bind(5, l.kg)
                           .Bind(6, static_cast<int64_t>(l.regulated))
                           .Run());
  }
  for (const auto& c : f.contacts)
    CP_RETURN_IF_ERROR(ins_contact_.Bind(1, org_).Bind(2, o.id).Bind(3, c.kind).Bind(4, c.value).Run());
  for (const orders::Party* p : o.AllParties()) {
    CP_RETURN_IF_ERROR(up_party_.Bind(1, org_)
                           .Bind(2, orders::PartyKey(*p))
                           .Bind(3, p->name)
                           .Bind(4, p->country)
                           .Bind(5, PartyJson(*p))
                           .Bind(6, o.date_text)
                           .Run());
  }
  return up_customer_.Bind(1, org_)
      .Bind(2, f.customer)
      .Bind(3, o.buyer.name)
      .Bind(4, o.buyer.country)
      .Bind(5, o.buyer.industry)
      .Bind(6, o.date_text)
      .Bind(7, regulated_kg)
      .Bind(8, static_cast<int64_t>(existed ? 0 : 1))
      .Run();
}

Result<StoredOrder> OrderStore::Get(const std::string& order_id) {
  auto st = db_->Prepare(
      "SELECT o.id, o.date, o.raw, d.decision, d.score, d.policy, d.output, d.decided_at FROM orders o "
      "JOIN decisions d ON d.org = o.org AND d.order_id = o.id WHERE o.org = ? AND o.id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, org_).Bind(2, order_id);
  Status s;
  if (!st->Step(&s)) {
    CP_RETURN_IF_ERROR(s);
    return Status::NotFound("order '" + order_id + "' is not in the database (screen it first)");
  }
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
  Status s;
  int64_t n = st->Step(&s) ? st->Int(0) : 0;
  CP_RETURN_IF_ERROR(s);
  return n;
}

}  // namespace chokepoint::store
