// File: work/press_review.h
//
// The daily press review (điểm báo): a coordinator picks the day's articles from monitoring,
// each under a heading (its plan topic by default) with a short summary (the article's first
// sentences by default), and marks those the leaders must read first; Loa writes the review in
// the official layout (grouped by heading, flagged items and their groups first, each item
// with outlet, time, summary and link) as DOCX or PDF, and e-mails it to the department's
// readers at the time it set, once a day.
//
//   add_to_press_review(db, clock, user, actor, "2026-12-03", 4711);
//   auto doc = press_review_document(db, user.organisation_id, "2026-12-03");
//   send_due_press_reviews(db, clock, mailer);  // from the scheduler
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "export/docx.h"
#include "store/database.h"
#include "work/audit.h"
#include "work/auth.h"
#include "work/mailer.h"

namespace loa::work {

inline constexpr int kMaxReviewItems = 200;

// GET: {"date", "version", "sent_at", "sent_to", "items": [{"article_id", "title", "outlet",
// "url", "published", "topic", "summary", "flagged"}], "settings": {"recipients", "send_at",
// "enabled"}}; an empty review when none was started for that day.
Result<nlohmann::json> press_review_json(store::Database& db, const SignedInUser& user,
                                         const std::string& date);

// Appends an article with its default heading, summary and flag (409 when it is there already).
Status add_to_press_review(store::Database& db, const Clock& clock, const SignedInUser& user,
                           const Actor& actor, const std::string& date, std::int64_t article_id);

// The whole selection again: {"version", "items": [{"article_id", "topic", "summary",
// "flagged"}]} in order (invalid_argument naming the item; conflict on a stale version).
Status save_press_review(store::Database& db, const Clock& clock, const SignedInUser& user,
                         const Actor& actor, const std::string& date, const nlohmann::json& body);

// {"recipients": ["…@…"], "send_at": "07:30", "enabled": true}.
Status save_press_review_settings(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const nlohmann::json& body);

Result<office::OfficialDocument> press_review_document(store::Database& db,
                                                       std::int64_t organisation_id,
                                                       const std::string& date);

// E-mails the day's review (DOCX attached, the items in the text) to the department's readers;
// how many received it. failed_precondition when there is nothing to send or no reader.
Result<int> send_press_review(store::Database& db, const Clock& clock, std::int64_t organisation_id,
                              const std::string& date, Mailer& mailer);

// A coordinator's "send now": the user's department's review of `date` e-mailed at once (again,
// if it went out already), audited; how many received it.
Result<int> send_press_review_now(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const std::string& date, Mailer& mailer);

// The scheduler's part: every department whose time has come today and whose review of today
// has items and was not sent yet. How many reviews went out.
Result<int> send_due_press_reviews(store::Database& db, const Clock& clock, Mailer& mailer);

}  // namespace loa::work
