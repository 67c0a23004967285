// SQL for the audit log.
#include "store/audit.h"

namespace loa::store {

Result<std::int64_t> insert_audit(Database& db, const AuditRow& a) {
  auto st = db.prepare(
      "INSERT INTO audit_log (at, user_id, username, organisation_id, action, entity, entity_id, "
      "before_json, after_json, remote_addr, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(a.at, a.user_id, a.username, a.organisation_id, a.action, a.entity, a.entity_id,
               a.before_json, a.after_json, a.remote_addr, a.request_id);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<std::vector<AuditRow>> list_audit(Database& db, int limit) {
  AuditFilter filter;
  filter.limit = limit;
  return list_audit(db, filter);
}

Result<std::vector<AuditRow>> list_audit(Database& db, const AuditFilter& f) {
  std::string sql =
      "SELECT id, at, user_id, username, organisation_id, action, entity, entity_id, "
      "before_json, after_json, remote_addr, request_id FROM audit_log WHERE 1 = 1";
  std::vector<std::string> args;
  auto add = [&](const char* condition, const std::optional<std::string>& value) {
    if (!value) return;
    sql += condition;
    args.push_back(*value);
  };
  add(" AND username = ?", f.username);
  // "task" finds task.progress, task.comment …; "task.progress" that action alone.
  if (f.action) {
    sql += " AND (action = ? OR substr(action, 1, length(?) + 1) = ? || '.')";
    args.insert(args.end(), {*f.action, *f.action, *f.action});
  }
  add(" AND entity = ?", f.entity);
  add(" AND entity_id = ?", f.entity_id);
  add(" AND at >= ?", f.from);
  if (f.to) add(" AND at < ?", *f.to + "T99");  // the whole of that day
  if (f.before_id) sql += " AND id < " + std::to_string(*f.before_id);
  sql += " ORDER BY id DESC LIMIT " + std::to_string(f.limit);
  auto st = db.prepare(sql);
  if (!st) return st.status();
  for (std::size_t i = 0; i < args.size(); ++i) st->bind(static_cast<int>(i) + 1, args[i]);
  return collect_rows(*st, [](const Statement& s) {
    return AuditRow{
        s.column_int(0),           s.column_text(1),           s.column_optional_int(2),
        s.column_optional_text(3), s.column_optional_int(4),   s.column_text(5),
        s.column_text(6),          s.column_optional_text(7),  s.column_optional_text(8),
        s.column_optional_text(9), s.column_optional_text(10), s.column_optional_text(11)};
  });
}

}  // namespace loa::store
