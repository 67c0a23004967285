// SQL for plans, their citations and tasks.
#include "store/plans.h"

#include <sstream>

namespace loa::store {

namespace {

constexpr const char* kPlanColumns =
    "SELECT p.id, p.organisation_id, p.status, p.document_id, p.doc_type, p.issuer, p.issued_on, "
    "p.year, p.title, p.period_from, p.period_to, p.source_name, p.source_format, p.source_ocr, "
    "p.review_json, p.created_by, p.created_at, p.updated_at, p.activated_at";

PlanRow read_plan(const Statement& st) {
  PlanRow p;
  p.id = st.column_int(0);
  p.organisation_id = st.column_int(1);
  p.status = st.column_text(2);
  p.document_id = st.column_optional_text(3);
  p.doc_type = st.column_optional_text(4);
  p.issuer = st.column_optional_text(5);
  p.issued_on = st.column_optional_text(6);
  if (!st.column_is_null(7)) p.year = static_cast<int>(st.column_int(7));
  p.title = st.column_text(8);
  p.period_from = st.column_optional_text(9);
  p.period_to = st.column_optional_text(10);
  p.source_name = st.column_text(11);
  p.source_format = st.column_text(12);
  p.source_ocr = st.column_int(13) != 0;
  p.review_json = st.column_text(14);
  p.created_by = st.column_optional_int(15);
  p.created_at = st.column_text(16);
  p.updated_at = st.column_text(17);
  p.activated_at = st.column_optional_text(18);
  return p;
}

// The words of a search as an FTS5 query: each a quoted phrase, the last one a prefix.
std::string fts_query(const std::string& query) {
  std::istringstream words(query);
  std::string word;
  std::string out;
  while (words >> word) {
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    if (!out.empty()) out += " ";
    out += quoted;
  }
  if (!out.empty()) out += "*";
  return out;
}

Result<std::vector<PlanLink>> links(Database& db, const std::string& sql, const std::string& key) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind(1, key);
  std::vector<PlanLink> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(
        {st->column_int(0), st->column_text(1), st->column_optional_text(2), st->column_text(3)});
  }
  return out;
}

}  // namespace

Result<std::int64_t> insert_plan(Database& db, const PlanRow& p) {
  auto st = db.prepare(
      "INSERT INTO plans (organisation_id, status, document_id, doc_type, issuer, issued_on, year, "
      "title, period_from, period_to, source_name, source_format, source_ocr, source_text, "
      "review_json, structure_json, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(p.organisation_id, p.status, p.document_id, p.doc_type, p.issuer, p.issued_on,
               p.year, p.title, p.period_from, p.period_to, p.source_name, p.source_format,
               p.source_ocr, p.source_text, p.review_json, p.structure_json, p.created_by,
               p.created_at, p.updated_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Status replace_plan_citations(Database& db, std::int64_t plan_id,
                              const std::vector<PlanCitation>& citations) {
  {
    auto del = db.prepare("DELETE FROM plan_citations WHERE plan_id = ?");
    if (!del) return del.status();
    del->bind(1, plan_id);
    LOA_RETURN_IF_ERROR(del->run());
  }
  for (const auto& c : citations) {
    auto st = db.prepare(
        "INSERT INTO plan_citations (plan_id, document_id, basis, cited_date, issuer) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (plan_id, document_id) DO UPDATE SET "
        "basis = max(basis, excluded.basis)");
    if (!st) return st.status();
    st->bind_all(plan_id, c.document_id, c.basis, c.cited_date, c.issuer);
    LOA_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

Status update_plan_structure(Database& db, const PlanRow& p) {
  auto st = db.prepare(
      "UPDATE plans SET document_id = ?, doc_type = ?, issuer = ?, issued_on = ?, year = ?, "
      "title = ?, period_from = ?, period_to = ?, structure_json = ?, updated_at = ? "
      "WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(p.document_id, p.doc_type, p.issuer, p.issued_on, p.year, p.title, p.period_from,
               p.period_to, p.structure_json, p.updated_at, p.id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return not_found("no plan with id " + std::to_string(p.id));
  return Status::ok();
}

Status set_plan_status(Database& db, std::int64_t plan_id, const std::string& status,
                       const std::string& at) {
  auto st = db.prepare(
      "UPDATE plans SET status = ?, updated_at = ?, "
      "activated_at = CASE WHEN ? = 'active' THEN ? ELSE activated_at END WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(status, at, status, at, plan_id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return not_found("no plan with id " + std::to_string(plan_id));
  return Status::ok();
}

Result<PlanRow> find_plan(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kPlanColumns) +
                       ", p.source_text, p.structure_json FROM plans p WHERE p.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no plan with id " + std::to_string(id));
  PlanRow p = read_plan(*st);
  p.source_text = st->column_text(19);
  p.structure_json = st->column_text(20);
  return p;
}

Result<std::vector<PlanRow>> list_plans(Database& db, const PlanFilter& f) {
  std::string sql = std::string(kPlanColumns) + " FROM plans p";
  const std::string match = f.query ? fts_query(*f.query) : std::string();
  if (!match.empty()) sql += " JOIN plans_search s ON s.rowid = p.id AND plans_search MATCH ?";
  sql += " WHERE 1 = 1";
  if (f.status) sql += " AND p.status = ?";
  if (f.year) sql += " AND p.year = ?";
  if (f.visible_to_organisation)
    sql +=
        " AND (p.organisation_id = ? OR EXISTS (SELECT 1 FROM tasks t WHERE t.plan_id = p.id "
        "AND t.organisation_id = ?))";
  sql += match.empty() ? " ORDER BY p.updated_at DESC, p.id DESC" : " ORDER BY s.rank";
  sql += " LIMIT ? OFFSET ?";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  int i = 0;
  if (!match.empty()) st->bind(++i, match);
  if (f.status) st->bind(++i, *f.status);
  if (f.year) st->bind(++i, *f.year);
  if (f.visible_to_organisation) {
    st->bind(++i, *f.visible_to_organisation);
    st->bind(++i, *f.visible_to_organisation);
  }
  st->bind(++i, f.limit);
  st->bind(++i, f.offset);
  std::vector<PlanRow> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(read_plan(*st));
  }
  return out;
}

Result<std::vector<PlanCitation>> list_plan_citations(Database& db, std::int64_t plan_id) {
  auto st = db.prepare(
      "SELECT document_id, basis, cited_date, issuer FROM plan_citations WHERE plan_id = ? "
      "ORDER BY basis DESC, rowid");
  if (!st) return st.status();
  st->bind(1, plan_id);
  std::vector<PlanCitation> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back({st->column_text(0), st->column_int(1) != 0, st->column_optional_text(2),
                   st->column_optional_text(3)});
  }
  return out;
}

Result<std::vector<PlanLink>> plans_with_document_id(Database& db, const std::string& document_id) {
  return links(db,
               "SELECT id, title, document_id, status FROM plans WHERE document_id = ? "
               "ORDER BY id",
               document_id);
}

Result<std::vector<PlanLink>> plans_implementing(Database& db, const std::string& document_id) {
  return links(db,
               "SELECT p.id, p.title, p.document_id, p.status FROM plan_citations c "
               "JOIN plans p ON p.id = c.plan_id WHERE c.document_id = ? AND c.basis = 1 "
               "ORDER BY p.id",
               document_id);
}

Result<bool> plan_visible_to(Database& db, std::int64_t plan_id, std::int64_t organisation_id) {
  auto st = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ? AND organisation_id = ?) OR "
      "EXISTS (SELECT 1 FROM tasks WHERE plan_id = ? AND organisation_id = ?)");
  if (!st) return st.status();
  st->bind_all(plan_id, organisation_id, plan_id, organisation_id);
  auto row = st->step();
  if (!row) return row.status();
  return *row && st->column_int(0) != 0;
}

}  // namespace loa::store
