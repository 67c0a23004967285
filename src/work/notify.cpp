// Notifications to an organisation's people.
#include "work/notify.h"

#include "store/notifications.h"

namespace loa::work {

namespace {

Result<int> notify_all(store::Database& db, const Clock& clock,
                       const std::vector<store::Recipient>& recipients, const Notice& notice) {
  int sent = 0;
  const std::string now = format_utc(clock.now_unix());
  for (const auto& r : recipients) {
    store::NotificationRow n;
    n.user_id = r.user_id;
    n.kind = notice.kind;
    n.title = notice.title;
    n.body = notice.body;
    n.link = notice.link;
    n.key = notice.key;
    n.created_at = now;
    auto id = store::insert_notification(db, n);
    if (!id) return id.status();
    if (*id) ++sent;
  }
  return sent;
}

}  // namespace

Result<int> notify_organisation(store::Database& db, const Clock& clock,
                                std::int64_t organisation_id, const Notice& notice) {
  auto recipients = store::organisation_recipients(db, organisation_id, {"member", "coordinator"});
  if (!recipients) return recipients.status();
  return notify_all(db, clock, *recipients, notice);
}

Result<int> notify_coordinators(store::Database& db, const Clock& clock,
                                std::int64_t organisation_id, const Notice& notice) {
  return notify_roles(db, clock, organisation_id, {"coordinator"}, notice);
}

Result<int> notify_roles(store::Database& db, const Clock& clock, std::int64_t organisation_id,
                         const std::vector<std::string>& roles, const Notice& notice) {
  auto recipients = store::organisation_recipients(db, organisation_id, roles);
  if (!recipients) return recipients.status();
  if (recipients->empty()) return notify_organisation(db, clock, organisation_id, notice);
  return notify_all(db, clock, *recipients, notice);
}

}  // namespace loa::work
