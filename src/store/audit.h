// File: store/audit.h
//
// The append-only audit log: who did what to which record, when, before and after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> username;
  std::optional<std::int64_t> organisation_id;
  std::string action;
  std::string entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::optional<std::string> remote_addr;
  std::optional<std::string> request_id;
};

Result<std::int64_t> insert_audit(Database& db, const AuditRow& row);
// Newest first.
Result<std::vector<AuditRow>> list_audit(Database& db, int limit);

struct AuditFilter {
  std::optional<std::string> username;
  std::optional<std::string> action;  // "task" matches task.progress, task.comment …
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> from;  // ISO dates, inclusive
  std::optional<std::string> to;
  std::optional<std::int64_t> before_id;  // the next page: entries older than this one
  int limit = 100;
};
Result<std::vector<AuditRow>> list_audit(Database& db, const AuditFilter& filter);

}  // namespace loa::store
