// File: work/audit.h
//
// Who is acting (user, organisation, address, request) and the one way every change is
// written to the audit log. Call it inside the change's transaction, so a change is never
// stored without its audit record, nor the record without the change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"

namespace loa::work {

struct Actor {
  std::optional<std::int64_t> user_id;
  std::optional<std::string> username;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> remote_addr;
  std::optional<std::string> request_id;
  std::optional<std::string> user_agent;

  // The command line acting on the operator's behalf.
  static Actor command_line() { return Actor{std::nullopt, "cli", std::nullopt, "local", {}, {}}; }
};

struct Change {
  std::string action;  // e.g. "user.create"
  std::string entity;  // e.g. "user"
  std::optional<std::string> entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
};

Status record_change(store::Database& db, const Clock& clock, const Actor& actor,
                     const Change& change);

}  // namespace loa::work
