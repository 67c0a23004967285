// iCalendar feed of deadlines.
#include "work/ics.h"

#include <nlohmann/json.hpp>

#include "base/dates.h"
#include "store/notifications.h"
#include "store/organisations.h"
#include "work/passwords.h"

namespace loa::work {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 character.
void line(std::string& out, const std::string& content) {
  std::size_t start = 0;
  std::size_t limit = 75;
  while (content.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
    out += content.substr(start, cut - start) + "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out += content.substr(start) + "\r\n";
}

std::string compact(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out += c;
  return out;
}

std::string stamp(std::int64_t unix_time) {
  std::string s = format_utc(unix_time);  // 2026-11-23T11:33:03Z
  std::string out;
  for (char c : s)
    if (c != '-' && c != ':') out += c;
  return out;
}

void event(std::string& out, const std::string& uid, const std::string& due_on,
           const std::string& summary, const std::string& description, const std::string& url,
           const std::string& dtstamp) {
  auto day = day_number(due_on);
  if (!day) return;
  line(out, "BEGIN:VEVENT");
  line(out, "UID:" + uid);
  line(out, "DTSTAMP:" + dtstamp);
  line(out, "DTSTART;VALUE=DATE:" + compact(due_on));
  line(out, "DTEND;VALUE=DATE:" + compact(iso_from_day(*day + 1)));
  line(out, "SUMMARY:" + escape(summary));
  line(out, "DESCRIPTION:" + escape(description));
  if (!url.empty()) line(out, "URL:" + url);
  line(out, "TRANSP:TRANSPARENT");
  line(out, "END:VEVENT");
}

}  // namespace

std::string deadlines_ics(const std::string& calendar_name,
                          const std::vector<store::TaskRow>& tasks,
                          const std::vector<store::ReportRequestRow>& requests,
                          const std::string& public_url, std::int64_t now_unix) {
  std::string out;
  const std::string dtstamp = stamp(now_unix);
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//Loa//Deadlines//VI");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "X-WR-CALNAME:" + escape(calendar_name));
  line(out, "X-WR-TIMEZONE:Asia/Ho_Chi_Minh");
  for (const auto& t : tasks) {
    if (!t.due_on) continue;
    event(out, "task-" + std::to_string(t.id) + "@loa", *t.due_on, "Hạn nhiệm vụ: " + t.text,
          t.plan_title, public_url.empty() ? "" : public_url + "/tasks/" + std::to_string(t.id),
          dtstamp);
  }
  for (const auto& r : requests)
    event(out, "report-" + std::to_string(r.id) + "@loa", r.due_on, "Hạn gửi " + r.title,
          r.plan_title, public_url.empty() ? "" : public_url + "/reports/" + std::to_string(r.id),
          dtstamp);
  line(out, "END:VCALENDAR");
  return out;
}

Result<std::string> renew_calendar_token(store::Database& db, const Clock& clock,
                                         const SignedInUser& user, const Actor& actor) {
  const std::string token = random_token();
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::set_calendar_feed(db, user.organisation_id, token_hash(token), user.id,
                                               format_utc(clock.now_unix())));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"calendar.renew", "organisation", std::to_string(user.organisation_id),
                     std::nullopt, nlohmann::json{{"feed", "renewed"}}.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return token;
}

Result<std::string> calendar_feed(store::Database& db, const Clock& clock, const std::string& token,
                                  const std::string& public_url) {
  auto found = store::calendar_feed_organisation(db, token_hash(token));
  if (!found) return found.status();
  if (!*found) return not_found("no calendar at this address (it may have been renewed)");
  const std::int64_t organisation_id = **found;
  auto org = store::find_organisation(db, organisation_id);
  if (!org) return org.status();
  store::TaskFilter tasks_filter;
  tasks_filter.scope = store::TaskScope::kOrganisation;
  tasks_filter.viewer_organisation = organisation_id;
  tasks_filter.own_only = true;
  tasks_filter.limit = 5000;
  auto tasks = store::list_tasks(db, tasks_filter);
  if (!tasks) return tasks.status();
  std::erase_if(*tasks, [](const store::TaskRow& t) {
    return t.status == "done" || t.status == "cannot_do";
  });
  store::ReportRequestFilter requests_filter;
  requests_filter.organisation_id = organisation_id;
  requests_filter.limit = 5000;
  auto requests = store::list_report_requests(db, requests_filter);
  if (!requests) return requests.status();
  std::erase_if(*requests, [](const store::ReportRequestRow& r) {
    return r.status == "submitted" || r.status == "accepted";
  });
  return deadlines_ics("Loa — hạn của " + org->name, *tasks, *requests, public_url,
                       clock.now_unix());
}

}  // namespace loa::work
