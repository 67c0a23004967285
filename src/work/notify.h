// File: work/notify.h
//
// Telling people what concerns them: an in-app notification to each active member and
// coordinator of an organisation (the e-mail goes out later, from the scheduler).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"

namespace loa::work {

struct Notice {
  std::string kind;   // task.assigned, report.requested, report.returned …
  std::string title;  // Vietnamese, shown in the list
  std::string body;
  std::string link;                // UI path, e.g. "/tasks/12"
  std::optional<std::string> key;  // sent once per user and key
};

// How many users were notified.
Result<int> notify_organisation(store::Database& db, const Clock& clock,
                                std::int64_t organisation_id, const Notice& notice);
// Only the organisation's coordinators (falling back to its members when it has none).
Result<int> notify_coordinators(store::Database& db, const Clock& clock,
                                std::int64_t organisation_id, const Notice& notice);
// Only the organisation's users with these roles ("leader" …), falling back to its members.
Result<int> notify_roles(store::Database& db, const Clock& clock, std::int64_t organisation_id,
                         const std::vector<std::string>& roles, const Notice& notice);

}  // namespace loa::work
