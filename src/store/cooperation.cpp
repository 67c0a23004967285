// SQL for cooperation programmes, contracts and deliverables.
#include "store/cooperation.h"

namespace loa::store {

namespace {

constexpr const char* kProgrammeSelect =
    "SELECT p.id, p.year, p.title, p.plan_id, p.organisation_id, p.appraiser_id, p.approver_id, "
    "p.status, p.budget, p.decision_no, p.decision_date, p.version, p.created_by, p.created_at, "
    "p.updated_at, o.name, a.name, v.name, pl.title FROM coop_programmes p "
    "JOIN organisations o ON o.id = p.organisation_id "
    "JOIN organisations a ON a.id = p.appraiser_id "
    "JOIN organisations v ON v.id = p.approver_id "
    "LEFT JOIN plans pl ON pl.id = p.plan_id";

ProgrammeRow programme_from(const Statement& st) {
  ProgrammeRow p;
  p.id = st.column_int(0);
  p.year = static_cast<int>(st.column_int(1));
  p.title = st.column_text(2);
  p.plan_id = st.column_optional_int(3);
  p.organisation_id = st.column_int(4);
  p.appraiser_id = st.column_int(5);
  p.approver_id = st.column_int(6);
  p.status = st.column_text(7);
  p.budget = st.column_int(8);
  p.decision_no = st.column_optional_text(9);
  p.decision_date = st.column_optional_text(10);
  p.version = static_cast<int>(st.column_int(11));
  p.created_by = st.column_optional_int(12);
  p.created_at = st.column_text(13);
  p.updated_at = st.column_text(14);
  p.organisation_name = st.column_text(15);
  p.appraiser_name = st.column_text(16);
  p.approver_name = st.column_text(17);
  p.plan_title = st.column_optional_text(18);
  return p;
}

constexpr const char* kContractSelect =
    "SELECT c.id, c.programme_id, c.outlet_id, c.number, c.signed_on, c.starts_on, c.ends_on, "
    "c.value, c.status, c.version, c.created_by, c.created_at, c.updated_at, o.name, p.title, "
    "p.organisation_id, p.plan_id FROM contracts c JOIN organisations o ON o.id = c.outlet_id "
    "JOIN coop_programmes p ON p.id = c.programme_id";

ContractRow contract_from(const Statement& st) {
  ContractRow c;
  c.id = st.column_int(0);
  c.programme_id = st.column_int(1);
  c.outlet_id = st.column_int(2);
  c.number = st.column_text(3);
  c.signed_on = st.column_text(4);
  c.starts_on = st.column_text(5);
  c.ends_on = st.column_text(6);
  c.value = st.column_int(7);
  c.status = st.column_text(8);
  c.version = static_cast<int>(st.column_int(9));
  c.created_by = st.column_optional_int(10);
  c.created_at = st.column_text(11);
  c.updated_at = st.column_text(12);
  c.outlet_name = st.column_text(13);
  c.programme_title = st.column_text(14);
  c.programme_organisation_id = st.column_int(15);
  c.plan_id = st.column_optional_int(16);
  return c;
}

constexpr const char* kDeliverableSelect =
    "SELECT d.id, d.contract_id, d.item_id, d.article_id, d.origin, d.status, d.score, "
    "d.reasons_json, d.comment, d.submitted_by, d.created_at, d.decided_by, d.decided_at, "
    "a.title, a.url, a.outlet, a.published_at FROM deliverables d "
    "JOIN articles a ON a.id = d.article_id";

DeliverableRow deliverable_from(const Statement& st) {
  DeliverableRow d;
  d.id = st.column_int(0);
  d.contract_id = st.column_int(1);
  d.item_id = st.column_int(2);
  d.article_id = st.column_int(3);
  d.origin = st.column_text(4);
  d.status = st.column_text(5);
  d.score = st.column_double(6);
  d.reasons_json = st.column_text(7);
  d.comment = st.column_optional_text(8);
  d.submitted_by = st.column_optional_int(9);
  d.created_at = st.column_text(10);
  d.decided_by = st.column_optional_int(11);
  d.decided_at = st.column_optional_text(12);
  d.title = st.column_text(13);
  d.url = st.column_text(14);
  d.outlet = st.column_text(15);
  d.published_at = st.column_optional_text(16);
  return d;
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Result<std::int64_t> insert_programme(Database& db, const ProgrammeRow& p) {
  auto st = db.prepare(
      "INSERT INTO coop_programmes (year, title, plan_id, organisation_id, appraiser_id, "
      "approver_id, status, budget, decision_no, decision_date, created_by, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(p.year, p.title, p.plan_id, p.organisation_id, p.appraiser_id, p.approver_id,
               p.status, p.budget, p.decision_no, p.decision_date, p.created_by, p.created_at,
               p.updated_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Status update_programme(Database& db, const ProgrammeRow& p) {
  auto st = db.prepare(
      "UPDATE coop_programmes SET title = ?, plan_id = ?, appraiser_id = ?, approver_id = ?, "
      "status = ?, budget = ?, decision_no = ?, decision_date = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  if (!st) return st.status();
  st->bind_all(p.title, p.plan_id, p.appraiser_id, p.approver_id, p.status, p.budget, p.decision_no,
               p.decision_date, p.updated_at, p.id, p.version);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0)
    return conflict("programme " + std::to_string(p.id) +
                    " was changed by someone else after version " + std::to_string(p.version) +
                    " was read");
  return {};
}

Result<ProgrammeRow> find_programme(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kProgrammeSelect) + " WHERE p.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no cooperation programme " + std::to_string(id));
  return programme_from(*st);
}

Result<std::vector<ProgrammeRow>> list_programmes(Database& db, const ProgrammeFilter& filter) {
  std::string sql = std::string(kProgrammeSelect) + " WHERE (? IS NULL OR p.year = ?)";
  const std::vector<std::int64_t> none;
  const auto& ids = filter.organisation_ids ? *filter.organisation_ids : none;
  if (filter.organisation_ids) {
    if (ids.empty()) return std::vector<ProgrammeRow>{};
    const std::string in = placeholders(ids.size());
    sql += " AND (p.organisation_id IN (" + in + ") OR p.appraiser_id IN (" + in +
           ") OR p.approver_id IN (" + in + "))";
  }
  sql += " ORDER BY p.year DESC, p.id DESC";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind_all(filter.year, filter.year);
  int i = 3;
  for (int pass = 0; pass < 3; ++pass)
    for (std::int64_t id : ids) st->bind(i++, id);
  return collect_rows(*st, programme_from);
}

Status replace_coop_lines(Database& db, std::int64_t programme_id,
                          const std::vector<CoopLineRow>& lines) {
  auto del = db.prepare("DELETE FROM coop_lines WHERE programme_id = ?");
  if (!del) return del.status();
  del->bind(1, programme_id);
  LOA_RETURN_IF_ERROR(del->run());
  for (const auto& l : lines) {
    auto st = db.prepare(
        "INSERT INTO coop_lines (programme_id, line_no, outlet_id, topic_no, content, kind, "
        "quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.status();
    st->bind_all(programme_id, l.line_no, l.outlet_id, l.topic_no, l.content, l.kind, l.quantity,
                 l.unit_price, l.amount);
    LOA_RETURN_IF_ERROR(st->run());
  }
  return {};
}

Result<std::vector<CoopLineRow>> list_coop_lines(Database& db, std::int64_t programme_id) {
  auto st = db.prepare(
      "SELECT l.id, l.programme_id, l.line_no, l.outlet_id, l.topic_no, l.content, l.kind, "
      "l.quantity, l.unit_price, l.amount, o.name FROM coop_lines l "
      "JOIN organisations o ON o.id = l.outlet_id WHERE l.programme_id = ? ORDER BY l.line_no");
  if (!st) return st.status();
  st->bind(1, programme_id);
  return collect_rows(*st, [](const Statement& s) {
    CoopLineRow l;
    l.id = s.column_int(0);
    l.programme_id = s.column_int(1);
    l.line_no = static_cast<int>(s.column_int(2));
    l.outlet_id = s.column_int(3);
    if (auto t = s.column_optional_int(4)) l.topic_no = static_cast<int>(*t);
    l.content = s.column_text(5);
    l.kind = s.column_text(6);
    l.quantity = s.column_int(7);
    l.unit_price = s.column_int(8);
    l.amount = s.column_int(9);
    l.outlet_name = s.column_text(10);
    return l;
  });
}

Status insert_coop_step(Database& db, const CoopStepRow& s) {
  auto st = db.prepare(
      "INSERT INTO coop_steps (programme_id, action, status_from, status_to, comment, "
      "document_no, document_date, organisation_id, user_id, author, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(s.programme_id, s.action, s.status_from, s.status_to, s.comment, s.document_no,
               s.document_date, s.organisation_id, s.user_id, s.author, s.created_at);
  return st->run();
}

Result<std::vector<CoopStepRow>> list_coop_steps(Database& db, std::int64_t programme_id) {
  auto st = db.prepare(
      "SELECT s.id, s.programme_id, s.action, s.status_from, s.status_to, s.comment, "
      "s.document_no, s.document_date, s.organisation_id, s.user_id, s.author, s.created_at, "
      "COALESCE(o.name, '') FROM coop_steps s LEFT JOIN organisations o "
      "ON o.id = s.organisation_id WHERE s.programme_id = ? ORDER BY s.id");
  if (!st) return st.status();
  st->bind(1, programme_id);
  return collect_rows(*st, [](const Statement& r) {
    CoopStepRow s;
    s.id = r.column_int(0);
    s.programme_id = r.column_int(1);
    s.action = r.column_text(2);
    s.status_from = r.column_text(3);
    s.status_to = r.column_text(4);
    s.comment = r.column_text(5);
    s.document_no = r.column_optional_text(6);
    s.document_date = r.column_optional_text(7);
    s.organisation_id = r.column_optional_int(8);
    s.user_id = r.column_optional_int(9);
    s.author = r.column_text(10);
    s.created_at = r.column_text(11);
    s.organisation_name = r.column_text(12);
    return s;
  });
}

Result<std::int64_t> insert_contract(Database& db, const ContractRow& c) {
  auto st = db.prepare(
      "INSERT INTO contracts (programme_id, outlet_id, number, signed_on, starts_on, ends_on, "
      "value, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?)");
  if (!st) return st.status();
  st->bind_all(c.programme_id, c.outlet_id, c.number, c.signed_on, c.starts_on, c.ends_on, c.value,
               c.status, c.created_by, c.created_at, c.updated_at);
  if (auto r = st->run(); !r) {
    if (r.code() == StatusCode::kAlreadyExists)
      return already_exists("the programme has a contract numbered " + c.number + " already");
    return r;
  }
  return db.last_insert_id();
}

Status insert_contract_item(Database& db, const ContractItemRow& item) {
  auto st = db.prepare(
      "INSERT INTO contract_items (contract_id, item_no, line_id, quantity, unit_price, due_on) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(item.contract_id, item.item_no, item.line_id, item.quantity, item.unit_price,
               item.due_on);
  return st->run();
}

Result<ContractRow> find_contract(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kContractSelect) + " WHERE c.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no contract " + std::to_string(id));
  return contract_from(*st);
}

Result<std::vector<ContractRow>> list_contracts(Database& db, const ContractFilter& filter) {
  auto st =
      db.prepare(std::string(kContractSelect) +
                 " WHERE (? IS NULL OR c.programme_id = ?) AND (? IS NULL OR c.outlet_id = ?) "
                 "AND (? = 0 OR c.status = 'active') ORDER BY c.starts_on, c.id");
  if (!st) return st.status();
  st->bind_all(filter.programme_id, filter.programme_id, filter.outlet_id, filter.outlet_id,
               filter.active_only);
  return collect_rows(*st, contract_from);
}

Result<std::vector<ContractItemRow>> list_contract_items(Database& db, std::int64_t contract_id) {
  auto st = db.prepare(
      "SELECT i.id, i.contract_id, i.item_no, i.line_id, i.quantity, i.unit_price, i.due_on, "
      "l.kind, l.topic_no, l.content, "
      "(SELECT COUNT(*) FROM deliverables d WHERE d.item_id = i.id AND d.status = 'proposed'), "
      "(SELECT COUNT(*) FROM deliverables d WHERE d.item_id = i.id AND d.status = 'accepted'), "
      "(SELECT COUNT(*) FROM deliverables d WHERE d.item_id = i.id AND d.status = 'rejected') "
      "FROM contract_items i JOIN coop_lines l ON l.id = i.line_id WHERE i.contract_id = ? "
      "ORDER BY i.item_no");
  if (!st) return st.status();
  st->bind(1, contract_id);
  return collect_rows(*st, [](const Statement& s) {
    ContractItemRow i;
    i.id = s.column_int(0);
    i.contract_id = s.column_int(1);
    i.item_no = static_cast<int>(s.column_int(2));
    i.line_id = s.column_int(3);
    i.quantity = s.column_int(4);
    i.unit_price = s.column_int(5);
    i.due_on = s.column_text(6);
    i.kind = s.column_text(7);
    if (auto t = s.column_optional_int(8)) i.topic_no = static_cast<int>(*t);
    i.content = s.column_text(9);
    i.proposed = s.column_int(10);
    i.accepted = s.column_int(11);
    i.rejected = s.column_int(12);
    return i;
  });
}

Result<std::int64_t> line_ordered(Database& db, std::int64_t line_id) {
  auto st = db.prepare(
      "SELECT COALESCE(SUM(i.quantity), 0) FROM contract_items i JOIN contracts c "
      "ON c.id = i.contract_id WHERE i.line_id = ? AND c.status <> 'terminated'");
  if (!st) return st.status();
  st->bind(1, line_id);
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

Result<std::optional<std::string>> overlapping_contract(Database& db, std::int64_t line_id,
                                                        const std::string& starts_on,
                                                        const std::string& ends_on) {
  auto st = db.prepare(
      "SELECT c.number FROM contract_items i JOIN contracts c ON c.id = i.contract_id "
      "WHERE i.line_id = ? AND c.status <> 'terminated' AND c.starts_on <= ? AND c.ends_on >= ? "
      "ORDER BY c.id LIMIT 1");
  if (!st) return st.status();
  st->bind_all(line_id, ends_on, starts_on);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{st->column_text(0)};
}

Result<std::int64_t> insert_deliverable(Database& db, const DeliverableRow& d) {
  auto st = db.prepare(
      "INSERT INTO deliverables (contract_id, item_id, article_id, origin, status, score, "
      "reasons_json, comment, submitted_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(d.contract_id, d.item_id, d.article_id, d.origin, d.status, d.score, d.reasons_json,
               d.comment, d.submitted_by, d.created_at);
  if (auto r = st->run(); !r) {
    if (r.code() == StatusCode::kAlreadyExists)
      return already_exists("article " + std::to_string(d.article_id) +
                            " is a deliverable already");
    return r;
  }
  return db.last_insert_id();
}

Result<DeliverableRow> find_deliverable(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kDeliverableSelect) + " WHERE d.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no deliverable " + std::to_string(id));
  return deliverable_from(*st);
}

Result<std::vector<DeliverableRow>> list_deliverables(Database& db, std::int64_t contract_id) {
  auto st = db.prepare(std::string(kDeliverableSelect) +
                       " WHERE d.contract_id = ? ORDER BY d.item_id, "
                       "COALESCE(a.published_at, a.fetched_at), d.id");
  if (!st) return st.status();
  st->bind(1, contract_id);
  return collect_rows(*st, deliverable_from);
}

Result<std::optional<DeliverableRow>> deliverable_of_article(Database& db,
                                                             std::int64_t article_id) {
  auto st = db.prepare(std::string(kDeliverableSelect) +
                       " WHERE d.article_id = ? AND d.status <> 'rejected'");
  if (!st) return st.status();
  st->bind(1, article_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<DeliverableRow>{};
  return std::optional<DeliverableRow>{deliverable_from(*st)};
}

Result<std::vector<std::int64_t>> items_offered(Database& db, std::int64_t article_id) {
  auto st = db.prepare("SELECT item_id FROM deliverables WHERE article_id = ? ORDER BY item_id");
  if (!st) return st.status();
  st->bind(1, article_id);
  return collect_rows(*st, [](const Statement& s) { return s.column_int(0); });
}

Status decide_deliverable(Database& db, std::int64_t id, const std::string& status,
                          const std::optional<std::string>& comment, std::int64_t decided_by,
                          const std::string& at) {
  auto st = db.prepare(
      "UPDATE deliverables SET status = ?, comment = ?, decided_by = ?, decided_at = ? "
      "WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(status, comment, decided_by, at, id);
  if (auto r = st->run(); !r) {
    if (r.code() == StatusCode::kAlreadyExists)
      return already_exists("the article stands as another deliverable already");
    return r;
  }
  if (db.changes() == 0) return not_found("no deliverable " + std::to_string(id));
  return {};
}

}  // namespace loa::store
