// File: work/press_review.cpp
#include "work/press_review.h"

#include <algorithm>
#include <map>

#include "base/dates.h"
#include "base/vn_format.h"
#include "store/articles.h"
#include "store/press_reviews.h"
#include "vi/text.h"
#include "vi/utf8.h"
#include "work/news.h"
#include "work/official_header.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxTopic = 200;     // bytes
constexpr std::size_t kMaxSummary = 2000;  // bytes
constexpr std::size_t kDefaultSummary = 400;
constexpr std::size_t kMaxRecipients = 50;
constexpr const char* kOtherTopic = "Thông tin khác";

Status check_date(const std::string& date) {
  if (!valid_iso_date(date))
    return invalid_argument("date must be an ISO date (YYYY-MM-DD), not '" + date + "'");
  return {};
}

// The first sentences of a text, up to about `max` bytes, cut at a sentence end or a space.
std::string first_sentences(const std::string& text, std::size_t max) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= max) return flat;
  std::string_view cut = vi::utf8::prefix(flat, max);
  for (std::size_t i = cut.size(); i > max / 3; --i) {
    if (cut[i - 1] == '.' && (i == cut.size() || cut[i] == ' '))
      return std::string(cut.substr(0, i));
  }
  if (auto space = cut.rfind(' '); space != std::string_view::npos) cut = cut.substr(0, space);
  return std::string(cut) + "…";
}

// "2026-12-03T01:30:00Z" → "08:30 03/12/2026" (Vietnam's time).
std::string vietnam_time_text(const std::optional<std::string>& utc) {
  if (!utc) return "";
  auto t = parse_utc(*utc);
  if (!t) return vietnam_date_text(*utc);
  const std::int64_t local = *t + std::int64_t{7} * 3600;
  const std::int64_t minutes = ((local % 86400) + 86400) % 86400 / 60;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return std::string(hhmm) + " " + vietnam_date_text(*utc);
}

bool valid_address(const std::string& a) {
  const auto at = a.find('@');
  if (a.size() > 254 || at == std::string::npos || at == 0 ||
      a.find('@', at + 1) != std::string::npos)
    return false;
  const std::string domain = a.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.')
    return false;
  return std::none_of(a.begin(), a.end(), [](unsigned char c) {
    return c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c >= 0x7f;
  });
}

std::vector<std::string> recipients_of(const std::string& json) {
  std::vector<std::string> out;
  const Json j = Json::parse(json, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

Json settings_json(const std::optional<store::PressReviewSettingsRow>& s) {
  if (!s) return {{"recipients", Json::array()}, {"send_at", "07:30"}, {"enabled", false}};
  return {{"recipients", recipients_of(s->recipients_json)},
          {"send_at", s->send_at},
          {"enabled", s->enabled}};
}

Json item_json(const store::PressReviewItemRow& i) {
  return {{"article_id", i.article_id},
          {"title", i.title},
          {"outlet", i.outlet},
          {"url", i.url},
          {"published", i.published_at ? Json(*i.published_at) : Json(nullptr)},
          {"topic", i.topic},
          {"summary", i.summary},
          {"flagged", i.flagged}};
}

Json items_json(const std::vector<store::PressReviewItemRow>& items) {
  Json out = Json::array();
  for (const auto& i : items) out.push_back(item_json(i));
  return out;
}

// The review's items in reading order: groups by heading, groups with a flagged item first
// (then in the order their first item was picked); within a group flagged items first.
std::vector<std::pair<std::string, std::vector<store::PressReviewItemRow>>> grouped(
    const std::vector<store::PressReviewItemRow>& items) {
  std::vector<std::pair<std::string, std::vector<store::PressReviewItemRow>>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& i : items) {
    auto [it, added] = index.emplace(i.topic, groups.size());
    if (added) groups.push_back({i.topic, {}});
    groups[it->second].second.push_back(i);
  }
  for (auto& [topic, list] : groups)
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.flagged && !b.flagged; });
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.second.front().flagged && !b.second.front().flagged;
  });
  return groups;
}

}  // namespace

Result<Json> press_review_json(store::Database& db, const SignedInUser& user,
                               const std::string& date) {
  LOA_RETURN_IF_ERROR(check_date(date));
  auto review = store::find_press_review(db, user.organisation_id, date);
  if (!review) return review.status();
  auto settings = store::find_press_review_settings(db, user.organisation_id);
  if (!settings) return settings.status();
  Json out = {{"date", date},           {"version", 1},  // what a review is made with
              {"sent_at", nullptr},     {"sent_to", 0},
              {"items", Json::array()}, {"settings", settings_json(*settings)}};
  if (*review) {
    auto items = store::list_press_review_items(db, (*review)->id);
    if (!items) return items.status();
    out["version"] = (*review)->version;
    out["sent_at"] = (*review)->sent_at ? Json(*(*review)->sent_at) : Json(nullptr);
    out["sent_to"] = (*review)->sent_to;
    out["items"] = items_json(*items);
  }
  return out;
}

Status add_to_press_review(store::Database& db, const Clock& clock, const SignedInUser& user,
                           const Actor& actor, const std::string& date, std::int64_t article_id) {
  LOA_RETURN_IF_ERROR(check_date(date));
  store::ArticleSearch search;
  search.ids = {article_id};
  search.one_per_story = false;
  search.limit = 1;
  auto found = search_news(db, search);
  if (!found) return found.status();
  if (found->items.empty()) return not_found("no article " + std::to_string(article_id));
  const NewsItem& article = found->items.front();
  auto detail = store::find_article(db, article_id);
  if (!detail) return detail.status();

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  const std::string now = format_utc(clock.now_unix());
  auto review = store::ensure_press_review(db, user.organisation_id, date, user.id, now);
  if (!review) return review.status();
  auto items = store::list_press_review_items(db, review->id);
  if (!items) return items.status();
  for (const auto& i : *items)
    if (i.article_id == article_id)
      return conflict("the article is in the press review of " + dmy(date) + " already");
  if (items->size() >= static_cast<std::size_t>(kMaxReviewItems))
    return resource_exhausted("a press review holds at most " + std::to_string(kMaxReviewItems) +
                              " articles");
  store::PressReviewItemRow item;
  item.article_id = article_id;
  item.position = items->empty() ? 1 : items->back().position + 1;
  item.topic = kOtherTopic;
  for (const auto& t : article.topics) {
    if (t.status == "rejected") continue;
    item.topic = t.title;
    break;
  }
  item.summary =
      first_sentences(detail->text.empty() ? article.article.title : detail->text, kDefaultSummary);
  item.flagged = article.article.risk_status && (*article.article.risk_status == "flagged" ||
                                                 *article.article.risk_status == "confirmed");
  items->push_back(item);
  LOA_RETURN_IF_ERROR(
      store::replace_press_review_items(db, review->id, review->version, *items, user.id, now));
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"press_review.add", "press_review", std::to_string(review->id), std::nullopt,
       Json{{"date", date}, {"article_id", article_id}, {"topic", item.topic}}.dump()}));
  return tx.commit();
}

Status save_press_review(store::Database& db, const Clock& clock, const SignedInUser& user,
                         const Actor& actor, const std::string& date, const Json& body) {
  LOA_RETURN_IF_ERROR(check_date(date));
  if (!body.contains("version") || !body["version"].is_number_integer())
    return invalid_argument("version must be the version of the review you edited");
  if (!body.contains("items") || !body["items"].is_array())
    return invalid_argument("items must be a list");
  if (body["items"].size() > static_cast<std::size_t>(kMaxReviewItems))
    return invalid_argument("a press review holds at most " + std::to_string(kMaxReviewItems) +
                            " articles");
  std::vector<store::PressReviewItemRow> items;
  std::map<std::int64_t, int> seen;
  int position = 0;
  for (const auto& j : body["items"]) {
    const std::string where = "items[" + std::to_string(position) + "]";
    if (!j.is_object() || !j.contains("article_id") || !j["article_id"].is_number_integer())
      return invalid_argument(where + ".article_id must be an article's id");
    store::PressReviewItemRow i;
    i.article_id = j["article_id"].get<std::int64_t>();
    if (seen.contains(i.article_id))
      return invalid_argument(where + ": article " + std::to_string(i.article_id) +
                              " is listed twice");
    seen[i.article_id] = position;
    for (const auto& [key, into, max] : {std::tuple{"topic", &i.topic, kMaxTopic},
                                         std::tuple{"summary", &i.summary, kMaxSummary}}) {
      if (!j.contains(key) || !j[key].is_string())
        return invalid_argument(where + "." + key + " must be text");
      auto text = vi::normalize(j[key].get<std::string>());
      if (!text) return invalid_argument(where + "." + key + ": " + text.status().message());
      *into = *text;
      while (!into->empty() && into->back() == ' ') into->pop_back();
      if (into->empty()) return invalid_argument(where + "." + key + " must not be empty");
      if (into->size() > max)
        return invalid_argument(where + "." + key + " is longer than " + std::to_string(max) +
                                " bytes");
    }
    i.flagged = j.value("flagged", false);
    i.position = ++position;
    items.push_back(std::move(i));
  }
  for (const auto& i : items) {
    auto exists = store::find_article(db, i.article_id);
    if (!exists)
      return invalid_argument("items[" + std::to_string(seen[i.article_id]) + "]: no article " +
                              std::to_string(i.article_id));
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  const std::string now = format_utc(clock.now_unix());
  auto review = store::ensure_press_review(db, user.organisation_id, date, user.id, now);
  if (!review) return review.status();
  auto before = store::list_press_review_items(db, review->id);
  if (!before) return before.status();
  LOA_RETURN_IF_ERROR(store::replace_press_review_items(
      db, review->id, body["version"].get<std::int64_t>(), items, user.id, now));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"press_review.update", "press_review", std::to_string(review->id),
                     items_json(*before).dump(), body["items"].dump()}));
  return tx.commit();
}

Status save_press_review_settings(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const Json& body) {
  store::PressReviewSettingsRow s;
  s.organisation_id = user.organisation_id;
  if (!body.contains("recipients") || !body["recipients"].is_array())
    return invalid_argument("recipients must be a list of e-mail addresses");
  if (body["recipients"].size() > kMaxRecipients)
    return invalid_argument("at most " + std::to_string(kMaxRecipients) + " recipients");
  Json recipients = Json::array();
  for (std::size_t k = 0; k < body["recipients"].size(); ++k) {
    const auto& v = body["recipients"][k];
    const std::string a = v.is_string() ? v.get<std::string>() : "";
    if (!valid_address(a))
      return invalid_argument("recipients[" + std::to_string(k) + "]: '" + a +
                              "' is not an e-mail address");
    recipients.push_back(a);
  }
  s.recipients_json = recipients.dump();
  s.send_at = body.value("send_at", std::string("07:30"));
  const bool time_ok = s.send_at.size() == 5 && s.send_at[2] == ':' &&
                       std::isdigit(static_cast<unsigned char>(s.send_at[0])) &&
                       std::isdigit(static_cast<unsigned char>(s.send_at[1])) &&
                       std::isdigit(static_cast<unsigned char>(s.send_at[3])) &&
                       std::isdigit(static_cast<unsigned char>(s.send_at[4])) &&
                       s.send_at.substr(0, 2) < "24" && s.send_at.substr(3, 2) < "60";
  if (!time_ok)
    return invalid_argument("send_at must be a time of day (HH:MM), not '" + s.send_at + "'");
  if (body.contains("enabled") && !body["enabled"].is_boolean())
    return invalid_argument("enabled must be true or false");
  s.enabled = body.value("enabled", false);
  if (s.enabled && recipients.empty())
    return invalid_argument("sending every day needs at least one recipient");
  s.updated_at = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto before = store::find_press_review_settings(db, user.organisation_id);
  if (!before) return before.status();
  LOA_RETURN_IF_ERROR(store::save_press_review_settings(db, s));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"press_review.settings", "organisation", std::to_string(user.organisation_id),
                     settings_json(*before).dump(), settings_json(s).dump()}));
  return tx.commit();
}

Result<office::OfficialDocument> press_review_document(store::Database& db,
                                                       std::int64_t organisation_id,
                                                       const std::string& date) {
  LOA_RETURN_IF_ERROR(check_date(date));
  auto header = official_header(db, organisation_id);
  if (!header) return header.status();
  auto review = store::find_press_review(db, organisation_id, date);
  if (!review) return review.status();
  std::vector<store::PressReviewItemRow> items;
  if (*review) {
    auto listed = store::list_press_review_items(db, (*review)->id);
    if (!listed) return listed.status();
    items = std::move(*listed);
  }
  office::OfficialDocument d;
  d.governing = header->governing;
  d.issuer = header->issuer;
  d.place_and_date = office::place_and_date(header->place, date);
  d.type_name = "ĐIỂM BÁO";
  d.subject = "Thông tin báo chí ngày " + dmy(date);
  const auto flagged =
      std::count_if(items.begin(), items.end(), [](const auto& i) { return i.flagged; });
  if (items.empty()) {
    d.body.push_back(
        office::body("Chưa có tin, bài nào được chọn cho điểm báo ngày " + dmy(date) + "."));
  } else {
    d.body.push_back(office::body(
        header->self.name + " tổng hợp " +
        group_thousands(static_cast<std::int64_t>(items.size())) +
        " tin, bài đáng chú ý trên báo chí" +
        (flagged ? " (" + group_thousands(flagged) + " tin, bài cần lưu ý, đưa lên trước)"
                 : std::string()) +
        " như sau:"));
  }
  int n = 0;
  for (const auto& [topic, list] : grouped(items)) {
    d.body.push_back(office::heading(std::to_string(++n) + ". " + topic));
    for (const auto& i : list) {
      office::Paragraph title{office::Paragraph::Style::kBullet, {}};
      title.runs.push_back({"- "});
      if (i.flagged) title.runs.push_back({"[Cần lưu ý] ", true, false});
      title.runs.push_back({i.title, true, false});
      d.body.push_back(title);
      const std::string when = vietnam_time_text(i.published_at ? i.published_at : i.fetched_at);
      d.body.emplace_back(
          office::Paragraph{office::Paragraph::Style::kBody,
                            {{i.outlet + (when.empty() ? "" : ", " + when), false, true}}});
      d.body.push_back(office::body(i.summary));
      d.body.emplace_back(
          office::Paragraph{office::Paragraph::Style::kBody, {{"Nguồn: ", false, true}, {i.url}}});
    }
  }
  d.recipients = {"Lãnh đạo " + header->self.name + " (để báo cáo)", "Lưu: VT"};
  d.signature = {"", "NGƯỜI TỔNG HỢP", ""};
  d.title = "Điểm báo ngày " + dmy(date);
  d.author = header->self.name;
  return d;
}

Result<int> send_press_review(store::Database& db, const Clock& clock, std::int64_t organisation_id,
                              const std::string& date, Mailer& mailer) {
  auto settings = store::find_press_review_settings(db, organisation_id);
  if (!settings) return settings.status();
  const auto recipients =
      *settings ? recipients_of((*settings)->recipients_json) : std::vector<std::string>();
  if (recipients.empty())
    return failed_precondition("the press review has no recipients; add their addresses first");
  auto review = store::find_press_review(db, organisation_id, date);
  if (!review) return review.status();
  std::vector<store::PressReviewItemRow> items;
  if (*review) {
    auto listed = store::list_press_review_items(db, (*review)->id);
    if (!listed) return listed.status();
    items = std::move(*listed);
  }
  if (items.empty())
    return failed_precondition("the press review of " + dmy(date) + " has no articles to send");
  auto document = press_review_document(db, organisation_id, date);
  if (!document) return document.status();
  auto docx = office::write_docx(*document);
  if (!docx) return docx.status();

  std::string text = document->type_name + " — " + document->subject + "\n\n";
  int n = 0;
  for (const auto& [topic, list] : grouped(items)) {
    text += std::to_string(++n) + ". " + topic + "\n";
    for (const auto& i : list) {
      text += (i.flagged ? "- [Cần lưu ý] " : "- ") + i.title + " (" + i.outlet + ")\n  " +
              i.summary + "\n  " + i.url + "\n";
    }
    text += "\n";
  }
  text += "Bản điểm báo theo thể thức văn bản hành chính được đính kèm.\n";
  Mail mail;
  mail.subject = "Điểm báo ngày " + dmy(date);
  mail.body = text;
  mail.attachments.push_back(
      {"diem-bao-" + date + ".docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", *docx});
  int sent = 0;
  Status last;
  for (const auto& to : recipients) {
    mail.to = to;
    mail.to_name = to;
    Status s = mailer.send(mail);
    if (s)
      ++sent;
    else
      last = s;
  }
  if (sent == 0) return last;
  LOA_RETURN_IF_ERROR(
      store::mark_press_review_sent(db, (*review)->id, sent, format_utc(clock.now_unix())));
  return sent;
}

Result<int> send_press_review_now(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const std::string& date, Mailer& mailer) {
  LOA_RETURN_IF_ERROR(check_date(date));
  auto sent = send_press_review(db, clock, user.organisation_id, date, mailer);
  if (!sent) return sent.status();
  auto review = store::find_press_review(db, user.organisation_id, date);
  if (!review) return review.status();
  const std::string id = *review ? std::to_string((*review)->id) : "";
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"press_review.send", "press_review", id, std::nullopt,
                                     Json{{"date", date}, {"sent_to", *sent}}.dump()}));
  return sent;
}

Result<int> send_due_press_reviews(store::Database& db, const Clock& clock, Mailer& mailer) {
  auto enabled = store::enabled_press_review_settings(db);
  if (!enabled) return enabled.status();
  const std::int64_t now = clock.now_unix();
  const std::string today = vietnam_today(now);
  const std::int64_t minute = (((now + std::int64_t{7} * 3600) % 86400) + 86400) % 86400 / 60;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  int reviews = 0;
  for (const auto& s : *enabled) {
    if (std::string(hhmm) < s.send_at) continue;
    auto review = store::find_press_review(db, s.organisation_id, today);
    if (!review) return review.status();
    if (!*review || (*review)->sent_at) continue;
    auto items = store::list_press_review_items(db, (*review)->id);
    if (!items) return items.status();
    if (items->empty()) continue;
    auto sent = send_press_review(db, clock, s.organisation_id, today, mailer);
    if (sent) ++reviews;  // a failed send is tried again at the next tick
  }
  return reviews;
}

}  // namespace loa::work
