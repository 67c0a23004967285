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
  auto st = db.prepare(
      "SELECT id, at, user_id, username, organisation_id, action, entity, entity_id, "
      "before_json, after_json, remote_addr, request_id FROM audit_log ORDER BY id DESC LIMIT ?");
  if (!st) return st.status();
  st->bind(1, limit);
  std::vector<AuditRow> rows;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    rows.push_back(AuditRow{st->column_int(0), st->column_text(1), st->column_optional_int(2),
                            st->column_optional_text(3), st->column_optional_int(4),
                            st->column_text(5), st->column_text(6), st->column_optional_text(7),
                            st->column_optional_text(8), st->column_optional_text(9),
                            st->column_optional_text(10), st->column_optional_text(11)});
  }
  return rows;
}

}  // namespace loa::store
