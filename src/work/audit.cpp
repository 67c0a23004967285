// Writes audit records.
#include "work/audit.h"

#include "store/audit.h"

namespace loa::work {

Status record_change(store::Database& db, const Clock& clock, const Actor& actor,
                     const Change& change) {
  store::AuditRow row;
  row.at = format_utc(clock.now_unix());
  row.user_id = actor.user_id;
  row.username = actor.username;
  row.organisation_id = actor.organisation_id;
  row.action = change.action;
  row.entity = change.entity;
  row.entity_id = change.entity_id;
  row.before_json = change.before_json;
  row.after_json = change.after_json;
  row.remote_addr = actor.remote_addr;
  row.request_id = actor.request_id;
  auto id = store::insert_audit(db, row);
  return id ? Status::ok() : id.status();
}

}  // namespace loa::work
