// SQL for tasks and their history.
#include "store/tasks.h"

#include <variant>

namespace loa::store {

namespace {

constexpr const char* kTaskColumns =
    "t.id, t.plan_id, t.assignment_no, t.task_no, t.organisation_id, t.agency, t.role, t.text, "
    "t.due, t.due_on, t.status, t.status_reason, t.progress, t.parent_id, t.version, "
    "t.created_at, t.updated_at, p.title, p.document_id, p.organisation_id, o.name";
constexpr const char* kTaskFrom =
    " FROM tasks t JOIN plans p ON p.id = t.plan_id "
    "LEFT JOIN organisations o ON o.id = t.organisation_id";

TaskRow task_from(const Statement& st) {
  TaskRow t;
  t.id = st.column_int(0);
  t.plan_id = st.column_int(1);
  t.assignment_no = static_cast<int>(st.column_int(2));
  t.task_no = static_cast<int>(st.column_int(3));
  t.organisation_id = st.column_optional_int(4);
  t.agency = st.column_text(5);
  t.role = st.column_text(6);
  t.text = st.column_text(7);
  t.due = st.column_optional_text(8);
  t.due_on = st.column_optional_text(9);
  t.status = st.column_text(10);
  t.status_reason = st.column_optional_text(11);
  t.progress = static_cast<int>(st.column_int(12));
  t.parent_id = st.column_optional_int(13);
  t.version = static_cast<int>(st.column_int(14));
  t.created_at = st.column_text(15);
  t.updated_at = st.column_text(16);
  t.plan_title = st.column_text(17);
  t.plan_document_id = st.column_optional_text(18);
  t.plan_organisation_id = st.column_int(19);
  t.organisation_name = st.column_optional_text(20);
  return t;
}

using Arg = std::variant<std::int64_t, std::string>;

Result<std::vector<TaskRow>> query_tasks(Database& db, const std::string& sql,
                                         const std::vector<Arg>& args) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  int index = 0;
  for (const Arg& a : args) std::visit([&](const auto& v) { st->bind(++index, v); }, a);
  return collect_rows(*st, task_from);
}

}  // namespace

Result<std::int64_t> insert_task(Database& db, const TaskRow& t) {
  auto st = db.prepare(
      "INSERT INTO tasks (plan_id, assignment_no, task_no, organisation_id, agency, role, text, "
      "due, due_on, status, progress, parent_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(t.plan_id, t.assignment_no, t.task_no, t.organisation_id, t.agency, t.role, t.text,
               t.due, t.due_on, t.status, t.progress, t.parent_id, t.created_at, t.updated_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<std::vector<TaskRow>> list_plan_tasks(Database& db, std::int64_t plan_id) {
  return query_tasks(db,
                     std::string("SELECT ") + kTaskColumns + kTaskFrom +
                         " WHERE t.plan_id = ? ORDER BY t.assignment_no, t.task_no, "
                         "t.parent_id IS NOT NULL, o.name",
                     {plan_id});
}

namespace {

// The WHERE clause (after "WHERE 1 = 1") and its arguments for a filter.
std::string task_conditions(const TaskFilter& f, std::vector<Arg>& args) {
  std::string sql;
  // Uncorrelated subqueries: run once, not once per row.
  const std::string cooperates =
      "(t.role = 'lead' AND t.plan_id IN (SELECT c.plan_id FROM tasks c "
      "WHERE c.organisation_id = ? AND c.role = 'cooperate'))";
  switch (f.scope) {
    case TaskScope::kAll:
      break;
    case TaskScope::kOrganisation:
      sql += " AND (t.organisation_id = ? OR " + cooperates + ")";
      args.insert(args.end(), {f.viewer_organisation, f.viewer_organisation});
      break;
    case TaskScope::kCoordinator:
      sql +=
          " AND (t.organisation_id = ? OR t.plan_id IN (SELECT id FROM plans WHERE "
          "organisation_id = ?) OR " +
          cooperates + ")";
      args.insert(args.end(),
                  {f.viewer_organisation, f.viewer_organisation, f.viewer_organisation});
      break;
  }
  if (f.own_only) {
    sql += " AND t.organisation_id = ?";
    args.emplace_back(f.viewer_organisation);
  }
  if (!f.include_groups) sql += " AND t.organisation_id IS NOT NULL";
  if (f.plan_id) {
    sql += " AND t.plan_id = ?";
    args.emplace_back(*f.plan_id);
  }
  if (f.organisation_id) {
    sql += " AND t.organisation_id = ?";
    args.emplace_back(*f.organisation_id);
  }
  if (f.status == "overdue") {
    sql += " AND t.status IN ('not_started', 'in_progress') AND t.due_on < ?";
    args.emplace_back(f.today);
  } else if (f.status) {
    sql += " AND t.status = ?";
    args.emplace_back(*f.status);
  }
  return sql;
}

}  // namespace

Result<std::vector<TaskRow>> list_tasks(Database& db, const TaskFilter& f) {
  std::vector<Arg> args;
  // The page of ids first, from tasks alone (the covering index, mostly), then the columns and
  // joins for that page only.
  const std::string order = " ORDER BY t.due_on IS NULL, t.due_on, t.plan_id, t.id";
  std::string sql = std::string("SELECT ") + kTaskColumns + kTaskFrom +
                    " WHERE t.id IN (SELECT t.id FROM tasks t WHERE 1 = 1" +
                    task_conditions(f, args) + order + " LIMIT ? OFFSET ?)" + order;
  args.emplace_back(std::int64_t{f.limit});
  args.emplace_back(std::int64_t{f.offset});
  return query_tasks(db, sql, args);
}

Result<std::vector<OrganisationCount>> count_tasks_by_organisation(Database& db,
                                                                   const TaskFilter& f) {
  std::vector<Arg> args;
  // Only tasks' own columns in the conditions: the count reads the covering index alone.
  const std::string sql =
      "SELECT t.organisation_id, (SELECT name FROM organisations WHERE id = t.organisation_id), "
      "COUNT(*), MIN(t.due_on) FROM tasks t WHERE t.organisation_id IS NOT NULL" +
      task_conditions(f, args) + " GROUP BY t.organisation_id";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  int index = 0;
  for (const Arg& a : args) std::visit([&](const auto& v) { st->bind(++index, v); }, a);
  return collect_rows(*st, [](const Statement& s) {
    return OrganisationCount{s.column_int(0), s.column_text(1), static_cast<int>(s.column_int(2)),
                             s.column_optional_text(3)};
  });
}

Result<std::vector<TaskRow>> open_tasks_due_by(Database& db, const std::string& iso) {
  return query_tasks(db,
                     std::string("SELECT ") + kTaskColumns + kTaskFrom +
                         " WHERE t.status IN ('not_started', 'in_progress') AND t.due_on <= ? "
                         "AND t.organisation_id IS NOT NULL AND p.status = 'active' ORDER BY t.id",
                     {iso});
}

Result<TaskRow> find_task(Database& db, std::int64_t id) {
  auto rows =
      query_tasks(db, std::string("SELECT ") + kTaskColumns + kTaskFrom + " WHERE t.id = ?", {id});
  if (!rows) return rows.status();
  if (rows->empty()) return not_found("no task with id " + std::to_string(id));
  return std::move(rows->front());
}

Status update_task_due(Database& db, const TaskRow& t) {
  auto st = db.prepare(
      "UPDATE tasks SET due_on = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?");
  if (!st) return st.status();
  st->bind_all(t.due_on, t.updated_at, t.id, t.version);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) {
    return conflict("task " + std::to_string(t.id) + " was changed by someone else after version " +
                    std::to_string(t.version) + " was read");
  }
  return Status::ok();
}

Status update_task_state(Database& db, const TaskRow& t) {
  auto st = db.prepare(
      "UPDATE tasks SET status = ?, status_reason = ?, progress = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  if (!st) return st.status();
  st->bind_all(t.status, t.status_reason, t.progress, t.updated_at, t.id, t.version);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) {
    return conflict("task " + std::to_string(t.id) + " was changed by someone else after version " +
                    std::to_string(t.version) + " was read");
  }
  return Status::ok();
}

Result<bool> has_task_in_plan(Database& db, std::int64_t plan_id, std::int64_t organisation_id,
                              const std::string& role) {
  auto st = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM tasks WHERE plan_id = ? AND organisation_id = ? AND role = ?)");
  if (!st) return st.status();
  st->bind_all(plan_id, organisation_id, role);
  auto row = st->step();
  if (!row) return row.status();
  return *row && st->column_int(0) != 0;
}

Result<std::vector<std::int64_t>> plan_task_organisations(Database& db, std::int64_t plan_id) {
  auto st = db.prepare(
      "SELECT DISTINCT organisation_id FROM tasks WHERE plan_id = ? AND organisation_id IS NOT "
      "NULL "
      "ORDER BY organisation_id");
  if (!st) return st.status();
  st->bind(1, plan_id);
  return collect_rows(*st, [](const Statement& s) { return s.column_int(0); });
}

Result<std::int64_t> insert_task_update(Database& db, const TaskUpdateRow& u) {
  auto st = db.prepare(
      "INSERT INTO task_updates (task_id, kind, organisation_id, user_id, author, text, "
      "status_from, status_to, progress, links_json, created_at, due_from, due_to) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(u.task_id, u.kind, u.organisation_id, u.user_id, u.author, u.text, u.status_from,
               u.status_to, u.progress, u.links_json, u.created_at, u.due_from, u.due_to);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<std::vector<TaskUpdateRow>> list_task_updates(Database& db, std::int64_t task_id) {
  auto st = db.prepare(
      "SELECT id, task_id, kind, organisation_id, user_id, author, text, status_from, status_to, "
      "progress, links_json, created_at, due_from, due_to FROM task_updates WHERE task_id = ? "
      "ORDER BY id");
  if (!st) return st.status();
  st->bind(1, task_id);
  return collect_rows(*st, [](const Statement& s) {
    TaskUpdateRow u;
    u.id = s.column_int(0);
    u.task_id = s.column_int(1);
    u.kind = s.column_text(2);
    u.organisation_id = s.column_optional_int(3);
    u.user_id = s.column_optional_int(4);
    u.author = s.column_text(5);
    u.text = s.column_text(6);
    u.status_from = s.column_optional_text(7);
    u.status_to = s.column_optional_text(8);
    if (auto p = s.column_optional_int(9)) u.progress = static_cast<int>(*p);
    u.links_json = s.column_text(10);
    u.created_at = s.column_text(11);
    u.due_from = s.column_optional_text(12);
    u.due_to = s.column_optional_text(13);
    return u;
  });
}

}  // namespace loa::store
