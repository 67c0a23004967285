// SQL for notifications and their recipients.
#include "store/notifications.h"

namespace loa::store {

namespace {

constexpr const char* kColumns =
    "n.id, n.user_id, n.kind, n.title, n.body, n.link, n.key, n.created_at, n.read_at, "
    "n.emailed_at";

NotificationRow notification_from(const Statement& s) {
  NotificationRow n;
  n.id = s.column_int(0);
  n.user_id = s.column_int(1);
  n.kind = s.column_text(2);
  n.title = s.column_text(3);
  n.body = s.column_text(4);
  n.link = s.column_optional_text(5);
  n.key = s.column_optional_text(6);
  n.created_at = s.column_text(7);
  n.read_at = s.column_optional_text(8);
  n.emailed_at = s.column_optional_text(9);
  return n;
}

}  // namespace

Result<std::optional<std::int64_t>> insert_notification(Database& db, const NotificationRow& n) {
  auto st = db.prepare(
      "INSERT INTO notifications (user_id, kind, title, body, link, key, created_at, email) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  if (!st) return st.status();
  st->bind_all(n.user_id, n.kind, n.title, n.body, n.link, n.key, n.created_at, n.email ? 1 : 0);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(db.last_insert_id());
}

Result<std::vector<NotificationRow>> list_notifications(Database& db, std::int64_t user_id,
                                                        bool unread_only, int limit) {
  auto st = db.prepare(std::string("SELECT ") + kColumns +
                       " FROM notifications n WHERE n.user_id = ? AND (? = 0 OR n.read_at IS NULL) "
                       "ORDER BY n.id DESC LIMIT ?");
  if (!st) return st.status();
  st->bind_all(user_id, unread_only, limit);
  return collect_rows(*st, notification_from);
}

Result<int> count_unread_notifications(Database& db, std::int64_t user_id) {
  auto st = db.prepare("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
  if (!st) return st.status();
  st->bind(1, user_id);
  auto row = st->step();
  if (!row) return row.status();
  return static_cast<int>(st->column_int(0));
}

Result<int> mark_notifications_read(Database& db, std::int64_t user_id,
                                    std::optional<std::int64_t> id, const std::string& at) {
  auto st = db.prepare(
      "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL "
      "AND (? IS NULL OR id = ?)");
  if (!st) return st.status();
  st->bind_all(at, user_id, id, id);
  LOA_RETURN_IF_ERROR(st->run());
  return db.changes();
}

namespace {

Result<std::vector<Recipient>> recipients(Database& db, std::optional<std::int64_t> organisation_id,
                                          const std::vector<std::string>& roles) {
  std::string in;
  for (std::size_t i = 0; i < roles.size(); ++i) in += i ? ", ?" : "?";
  auto st = db.prepare("SELECT id, display_name, email FROM users WHERE active = 1 AND " +
                       std::string(organisation_id ? "organisation_id = ? AND " : "") +
                       "role IN (" + in + ") ORDER BY id");
  if (!st) return st.status();
  int n = 0;
  if (organisation_id) st->bind(++n, *organisation_id);
  for (const auto& role : roles) st->bind(++n, role);
  return collect_rows(*st, [](const Statement& s) {
    return Recipient{s.column_int(0), s.column_text(1), s.column_optional_text(2)};
  });
}

}  // namespace

Result<std::vector<Recipient>> organisation_recipients(Database& db, std::int64_t organisation_id,
                                                       const std::vector<std::string>& roles) {
  return recipients(db, organisation_id, roles);
}

Result<std::vector<Recipient>> role_recipients(Database& db,
                                               const std::vector<std::string>& roles) {
  return recipients(db, std::nullopt, roles);
}

Result<std::vector<PendingEmail>> pending_emails(Database& db, const std::string& since,
                                                 int limit) {
  auto st = db.prepare(
      std::string("SELECT ") + kColumns +
      ", u.email, u.display_name FROM notifications n JOIN users u ON "
      "u.id = n.user_id WHERE n.emailed_at IS NULL AND n.email = 1 AND u.email IS NOT NULL "
      "AND u.email <> '' AND u.active = 1 AND n.created_at >= ? ORDER BY n.id LIMIT ?");
  if (!st) return st.status();
  st->bind_all(since, limit);
  return collect_rows(*st, [](const Statement& s) {
    return PendingEmail{notification_from(s), s.column_text(10), s.column_text(11)};
  });
}

Result<bool> claim_email(Database& db, std::int64_t id, const std::string& at) {
  auto st =
      db.prepare("UPDATE notifications SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL");
  if (!st) return st.status();
  st->bind_all(at, id);
  LOA_RETURN_IF_ERROR(st->run());
  return db.changes() == 1;
}

Status release_email(Database& db, std::int64_t id) {
  auto st = db.prepare("UPDATE notifications SET emailed_at = NULL WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  return st->run();
}

Status set_calendar_feed(Database& db, std::int64_t organisation_id, const std::string& token_hash,
                         std::int64_t created_by, const std::string& at) {
  auto st = db.prepare(
      "INSERT INTO calendar_feeds (organisation_id, token_hash, created_by, created_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET "
      "token_hash = excluded.token_hash, created_by = excluded.created_by, "
      "created_at = excluded.created_at");
  if (!st) return st.status();
  st->bind_all(organisation_id, token_hash, created_by, at);
  return st->run();
}

Result<std::optional<std::int64_t>> calendar_feed_organisation(Database& db,
                                                               const std::string& token_hash) {
  auto st = db.prepare("SELECT organisation_id FROM calendar_feeds WHERE token_hash = ?");
  if (!st) return st.status();
  st->bind(1, token_hash);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st->column_int(0));
}

}  // namespace loa::store
