// File: store/notifications.h
//
// In-app notifications to users. A key ("task:12:due-7") makes a reminder go out once per
// user however often the scheduler runs; emailed_at records the e-mail that went with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct NotificationRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;
  std::string title;
  std::string body;
  std::optional<std::string> link;
  std::optional<std::string> key;
  std::string created_at;
  std::optional<std::string> read_at;
  std::optional<std::string> emailed_at;
  bool email = true;  // false: in the app only, never e-mailed
};

// The new id, or nullopt when the user already has a notification with that key.
Result<std::optional<std::int64_t>> insert_notification(Database& db, const NotificationRow& n);
Result<std::vector<NotificationRow>> list_notifications(Database& db, std::int64_t user_id,
                                                        bool unread_only, int limit);
Result<int> count_unread_notifications(Database& db, std::int64_t user_id);
// Marks one (id) or all of the user's notifications read; how many changed.
Result<int> mark_notifications_read(Database& db, std::int64_t user_id,
                                    std::optional<std::int64_t> id, const std::string& at);

// Active users of an organisation with one of the roles ("member", "coordinator" …).
struct Recipient {
  std::int64_t user_id = 0;
  std::string display_name;
  std::optional<std::string> email;
};
Result<std::vector<Recipient>> organisation_recipients(Database& db, std::int64_t organisation_id,
                                                       const std::vector<std::string>& roles);

// Active users with one of the roles, in every organisation.
Result<std::vector<Recipient>> role_recipients(Database& db, const std::vector<std::string>& roles);

// Notifications created since `since` (ISO time) not yet e-mailed whose users have an
// address, oldest first.
struct PendingEmail {
  NotificationRow notification;
  std::string email;
  std::string display_name;
};
Result<std::vector<PendingEmail>> pending_emails(Database& db, const std::string& since, int limit);
// Claims a notification for sending (true when this caller set emailed_at first), so two
// workers never send the same mail; release_email gives it back after a failure.
Result<bool> claim_email(Database& db, std::int64_t id, const std::string& at);
Status release_email(Database& db, std::int64_t id);

// The secret address of an organisation's deadline calendar (work/ics.h): the token's hash,
// one per organisation (a new one replaces the old).
Status set_calendar_feed(Database& db, std::int64_t organisation_id, const std::string& token_hash,
                         std::int64_t created_by, const std::string& at);
// The organisation whose feed has this token hash, or nullopt.
Result<std::optional<std::int64_t>> calendar_feed_organisation(Database& db,
                                                               const std::string& token_hash);

}  // namespace loa::store
