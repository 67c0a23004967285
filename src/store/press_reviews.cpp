// SQL for the daily press review.
#include "store/press_reviews.h"

namespace loa::store {

namespace {

PressReviewRow read_review(const Statement& st) {
  PressReviewRow r;
  r.id = st.column_int(0);
  r.organisation_id = st.column_int(1);
  r.review_date = st.column_text(2);
  r.sent_at = st.column_optional_text(3);
  r.sent_to = static_cast<int>(st.column_int(4));
  r.version = st.column_int(5);
  r.updated_at = st.column_text(6);
  return r;
}

PressReviewSettingsRow read_settings(const Statement& st) {
  return {st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3) != 0,
          st.column_text(4)};
}

constexpr const char* kSettingsColumns =
    "organisation_id, recipients_json, send_at, enabled, updated_at";

}  // namespace

Result<std::optional<PressReviewRow>> find_press_review(Database& db, std::int64_t organisation_id,
                                                        const std::string& review_date) {
  auto st = db.prepare(
      "SELECT id, organisation_id, review_date, sent_at, sent_to, version, updated_at "
      "FROM press_reviews WHERE organisation_id = ? AND review_date = ?");
  if (!st) return st.status();
  st->bind_all(organisation_id, review_date);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<PressReviewRow>();
  return std::optional<PressReviewRow>(read_review(*st));
}

Result<PressReviewRow> ensure_press_review(Database& db, std::int64_t organisation_id,
                                           const std::string& review_date, std::int64_t user_id,
                                           const std::string& now) {
  auto st = db.prepare(
      "INSERT INTO press_reviews (organisation_id, review_date, updated_by, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (organisation_id, review_date) DO NOTHING");
  if (!st) return st.status();
  st->bind_all(organisation_id, review_date, user_id, now);
  LOA_RETURN_IF_ERROR(st->run());
  auto found = find_press_review(db, organisation_id, review_date);
  if (!found) return found.status();
  if (!*found) return internal_error("the press review of " + review_date + " was not made");
  return **found;
}

Result<std::vector<PressReviewItemRow>> list_press_review_items(Database& db,
                                                                std::int64_t review_id) {
  auto st = db.prepare(
      "SELECT i.article_id, i.position, i.topic, i.summary, i.flagged, a.title, a.outlet, a.url, "
      "a.published_at, a.fetched_at FROM press_review_items i JOIN articles a ON a.id = "
      "i.article_id WHERE i.review_id = ? ORDER BY i.position");
  if (!st) return st.status();
  st->bind_all(review_id);
  return collect_rows(*st, [](const Statement& s) {
    PressReviewItemRow r;
    r.article_id = s.column_int(0);
    r.position = static_cast<int>(s.column_int(1));
    r.topic = s.column_text(2);
    r.summary = s.column_text(3);
    r.flagged = s.column_int(4) != 0;
    r.title = s.column_text(5);
    r.outlet = s.column_text(6);
    r.url = s.column_text(7);
    r.published_at = s.column_optional_text(8);
    r.fetched_at = s.column_text(9);
    return r;
  });
}

Status replace_press_review_items(Database& db, std::int64_t review_id, std::int64_t version,
                                  const std::vector<PressReviewItemRow>& items,
                                  std::int64_t user_id, const std::string& now) {
  auto bump = db.prepare(
      "UPDATE press_reviews SET version = version + 1, updated_by = ?, updated_at = ? "
      "WHERE id = ? AND version = ?");
  if (!bump) return bump.status();
  bump->bind_all(user_id, now, review_id, version);
  LOA_RETURN_IF_ERROR(bump->run());
  if (db.changes() == 0)
    return conflict("the press review was changed by someone else since version " +
                    std::to_string(version) + "; reload it");
  auto clear = db.prepare("DELETE FROM press_review_items WHERE review_id = ?");
  if (!clear) return clear.status();
  clear->bind_all(review_id);
  LOA_RETURN_IF_ERROR(clear->run());
  for (const auto& i : items) {
    auto insert = db.prepare(
        "INSERT INTO press_review_items (review_id, article_id, position, topic, summary, "
        "flagged) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.status();
    insert->bind_all(review_id, i.article_id, i.position, i.topic, i.summary, i.flagged);
    LOA_RETURN_IF_ERROR(insert->run());
  }
  return {};
}

Status mark_press_review_sent(Database& db, std::int64_t review_id, int sent_to,
                              const std::string& now) {
  auto st = db.prepare("UPDATE press_reviews SET sent_at = ?, sent_to = ? WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(now, sent_to, review_id);
  return st->run();
}

Result<std::optional<PressReviewSettingsRow>> find_press_review_settings(
    Database& db, std::int64_t organisation_id) {
  auto st = db.prepare(std::string("SELECT ") + kSettingsColumns +
                       " FROM press_review_settings WHERE organisation_id = ?");
  if (!st) return st.status();
  st->bind_all(organisation_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<PressReviewSettingsRow>();
  return std::optional<PressReviewSettingsRow>(read_settings(*st));
}

Status save_press_review_settings(Database& db, const PressReviewSettingsRow& s) {
  auto st = db.prepare(
      "INSERT INTO press_review_settings (organisation_id, recipients_json, send_at, enabled, "
      "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET "
      "recipients_json = excluded.recipients_json, send_at = excluded.send_at, "
      "enabled = excluded.enabled, updated_at = excluded.updated_at");
  if (!st) return st.status();
  st->bind_all(s.organisation_id, s.recipients_json, s.send_at, s.enabled, s.updated_at);
  return st->run();
}

Result<std::vector<PressReviewSettingsRow>> enabled_press_review_settings(Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kSettingsColumns +
                       " FROM press_review_settings WHERE enabled = 1 ORDER BY organisation_id");
  if (!st) return st.status();
  return collect_rows(*st, read_settings);
}

}  // namespace loa::store
