// File: store/press_reviews.h
//
// SQL for the daily press review (schema 9): a department's review of one day, the articles
// picked for it with their headings and summaries, and who receives it when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace loa::store {

struct PressReviewRow {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string review_date;
  std::optional<std::string> sent_at;
  int sent_to = 0;
  std::int64_t version = 1;
  std::string updated_at;
};

struct PressReviewItemRow {
  std::int64_t article_id = 0;
  int position = 0;
  std::string topic;
  std::string summary;
  bool flagged = false;
  // From the article:
  std::string title;
  std::string outlet;
  std::string url;
  std::optional<std::string> published_at;
  std::string fetched_at;
};

struct PressReviewSettingsRow {
  std::int64_t organisation_id = 0;
  std::string recipients_json = "[]";
  std::string send_at = "07:30";
  bool enabled = false;
  std::string updated_at;
};

Result<std::optional<PressReviewRow>> find_press_review(Database& db, std::int64_t organisation_id,
                                                        const std::string& review_date);
// The review of that day, made (empty) when there is none yet.
Result<PressReviewRow> ensure_press_review(Database& db, std::int64_t organisation_id,
                                           const std::string& review_date, std::int64_t user_id,
                                           const std::string& now);
Result<std::vector<PressReviewItemRow>> list_press_review_items(Database& db,
                                                                std::int64_t review_id);
// Replaces the review's items and raises its version (conflict when `version` is not it).
Status replace_press_review_items(Database& db, std::int64_t review_id, std::int64_t version,
                                  const std::vector<PressReviewItemRow>& items,
                                  std::int64_t user_id, const std::string& now);
Status mark_press_review_sent(Database& db, std::int64_t review_id, int sent_to,
                              const std::string& now);

Result<std::optional<PressReviewSettingsRow>> find_press_review_settings(
    Database& db, std::int64_t organisation_id);
Status save_press_review_settings(Database& db, const PressReviewSettingsRow& s);
// Departments sending their review automatically.
Result<std::vector<PressReviewSettingsRow>> enabled_press_review_settings(Database& db);

}  // namespace loa::store
