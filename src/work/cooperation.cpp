// Media cooperation: programmes, their appraisal and approval, contracts, deliverables proved
// by monitored articles, settlement. See cooperation.h.
#include "work/cooperation.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/dates.h"
#include "base/vn_format.h"
#include "doc/citations.h"
#include "news/url.h"
#include "store/articles.h"
#include "store/files.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "store/sources.h"
#include "vi/text.h"
#include "work/input.h"
#include "work/news.h"
#include "work/notify.h"

namespace loa::work {

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kMaxQuantity = 100'000;
constexpr std::int64_t kMaxUnitPrice = 100'000'000'000;  // 100 tỷ đồng
constexpr std::size_t kMaxLines = 500;
constexpr std::int64_t kWarnDays = 14;  // items due this soon and not delivered are flagged

// "12.500.000": thousands grouped as Vietnamese documents write amounts.
std::string money(std::int64_t amount) { return group_thousands(amount); }

const char* kind_label(std::string_view kind) {
  for (const auto& k : deliverable_kinds())
    if (kind == k.key) return k.label;
  return "";
}

bool is_kind(std::string_view kind) { return kind_label(kind)[0] != '\0'; }

// The Vietnam date of a stored time ("2026-03-02T01:00:00Z" → "2026-03-02").
std::optional<std::string> vietnam_day(const std::optional<std::string>& utc) {
  if (!utc) return std::nullopt;
  if (auto t = parse_utc(*utc)) return vietnam_today(*t);
  if (utc->size() >= 10 && valid_iso_date(utc->substr(0, 10))) return utc->substr(0, 10);
  return std::nullopt;
}

// ---- Reading input ----

Result<std::int64_t> whole(const Json& obj, const std::string& key, const std::string& path,
                           std::int64_t min, std::int64_t max) {
  if (!obj.contains(key) || obj[key].is_null())
    return invalid_argument(path + key + " is required");
  const Json& v = obj[key];
  if (!v.is_number_integer())
    return invalid_argument(path + key + " must be a whole number, not " + v.dump());
  const auto n = v.get<std::int64_t>();
  if (n < min || n > max)
    return invalid_argument(path + key + " must be from " + std::to_string(min) + " to " +
                            std::to_string(max) + ", not " + std::to_string(n));
  return n;
}

Result<std::optional<std::int64_t>> optional_whole(const Json& obj, const std::string& key,
                                                   const std::string& path, std::int64_t min,
                                                   std::int64_t max) {
  if (!obj.contains(key) || obj[key].is_null()) return std::optional<std::int64_t>{};
  auto n = whole(obj, key, path, min, max);
  if (!n) return n.status();
  return std::optional<std::int64_t>{*n};
}

Result<std::string> date_field(const Json& obj, const std::string& key, const std::string& path) {
  if (!obj.contains(key) || obj[key].is_null())
    return invalid_argument(path + key + " is required (a date, YYYY-MM-DD)");
  if (!obj[key].is_string() || !valid_iso_date(obj[key].get<std::string>()))
    return invalid_argument(path + key + " must be a date written YYYY-MM-DD, not " +
                            obj[key].dump());
  return obj[key].get<std::string>();
}

Result<std::optional<std::string>> optional_text(const Json& obj, const std::string& key,
                                                 const std::string& path, std::size_t max) {
  if (!obj.contains(key) || obj[key].is_null()) return std::optional<std::string>{};
  auto t = clean_text(obj[key], path + key, max);
  if (!t) return t.status();
  if (t->empty()) return std::optional<std::string>{};
  return std::optional<std::string>{*t};
}

// A document number as the registry of citations reads it ("1234/QĐ-UBND").
Result<std::string> document_number(const std::string& text, const std::string& path) {
  auto found = doc::find_citations(text);
  if (found.size() != 1 || found[0].written.size() + 2 < text.size())
    return invalid_argument(path + " must be a document number such as 1234/QĐ-UBND, not '" + text +
                            "'");
  return found[0].id;
}

// ---- Who may do what ----

bool sees_everything(const SignedInUser& user) {
  return user.role == Role::kAdmin || user.role == Role::kLeader;
}

bool manages(const SignedInUser& user, const store::ProgrammeRow& p) {
  return user.role == Role::kCoordinator && user.organisation_id == p.organisation_id;
}

Status must_manage(const SignedInUser& user, const store::ProgrammeRow& p) {
  if (manages(user, p)) return {};
  return permission_denied("only the coordinators of " + p.organisation_name +
                           " may change programme " + std::to_string(p.id));
}

// ---- The registry ----

Result<store::Organisation> press_outlet(store::Database& db, std::int64_t id,
                                         const std::string& path) {
  auto org = store::find_organisation(db, id);
  if (!org) {
    if (org.status().code() == StatusCode::kNotFound)
      return invalid_argument(path + ": no organisation " + std::to_string(id));
    return org.status();
  }
  if (org->kind != "press")
    return invalid_argument(path + ": " + org->name + " is not a press outlet");
  return org;
}

// The body that appraises (Sở Tài chính) or approves (the province's People's Committee)
// when the request does not name one.
Result<std::int64_t> default_body(store::Database& db, const std::string& today, bool appraiser) {
  auto orgs = store::list_organisations(db, today);
  if (!orgs) return orgs.status();
  for (const auto& o : *orgs) {
    if (appraiser && o.kind == "department" && vi::fold(o.name) == "so tai chinh") return o.id;
    if (!appraiser && o.kind == "people_committee" && o.level == "province" && !o.parent_id)
      return o.id;
  }
  return invalid_argument(appraiser
                              ? "appraiser_id: the registry has no Sở Tài chính; name the "
                                "appraising body"
                              : "approver_id: the registry has no province People's Committee; "
                                "name the approving body");
}

Result<std::int64_t> body_field(store::Database& db, const Json& b, const std::string& key,
                                const std::string& today, bool appraiser) {
  auto given = optional_whole(b, key, "", 1, INT64_MAX);
  if (!given) return given.status();
  if (!*given) return default_body(db, today, appraiser);
  auto org = store::find_organisation(db, **given);
  if (!org) {
    if (org.status().code() == StatusCode::kNotFound)
      return invalid_argument(key + ": no organisation " + std::to_string(**given));
    return org.status();
  }
  return org->id;
}

// ---- Programmes ----

struct ProgrammeInput {
  store::ProgrammeRow head;
  std::vector<store::CoopLineRow> lines;
};

Result<ProgrammeInput> parse_programme(store::Database& db, const SignedInUser& user, const Json& b,
                                       const std::string& today) {
  ProgrammeInput in;
  store::ProgrammeRow& p = in.head;
  auto year = whole(b, "year", "", 2000, 2100);
  if (!year) return year.status();
  p.year = static_cast<int>(*year);
  auto title = optional_text(b, "title", "", 500);
  if (!title) return title.status();
  p.title =
      title->value_or("Hợp tác truyền thông với các cơ quan báo chí năm " + std::to_string(p.year));
  p.organisation_id = user.organisation_id;

  std::vector<std::string> topics;
  auto plan_id = optional_whole(b, "plan_id", "", 1, INT64_MAX);
  if (!plan_id) return plan_id.status();
  if (*plan_id) {
    auto plan = store::find_plan(db, **plan_id);
    if (!plan) {
      if (plan.status().code() == StatusCode::kNotFound)
        return invalid_argument("plan_id: no plan " + std::to_string(**plan_id));
      return plan.status();
    }
    p.plan_id = plan->id;
    topics = plan_topic_titles(plan->structure_json);
  }
  auto appraiser = body_field(db, b, "appraiser_id", today, true);
  if (!appraiser) return appraiser.status();
  p.appraiser_id = *appraiser;
  auto approver = body_field(db, b, "approver_id", today, false);
  if (!approver) return approver.status();
  p.approver_id = *approver;
  if (p.appraiser_id == p.organisation_id)
    return invalid_argument("appraiser_id: the department cannot appraise its own programme");

  if (b.contains("lines") && !b["lines"].is_null() && !b["lines"].is_array())
    return invalid_argument("lines must be a list");
  const Json lines = b.value("lines", Json::array());
  if (lines.size() > kMaxLines)
    return invalid_argument("a programme has at most " + std::to_string(kMaxLines) + " lines");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string path = "lines[" + std::to_string(i + 1) + "].";
    const Json& l = lines[i];
    if (!l.is_object())
      return invalid_argument(path.substr(0, path.size() - 1) + " must be an object");
    store::CoopLineRow line;
    line.line_no = static_cast<int>(i + 1);
    auto outlet = whole(l, "outlet_id", path, 1, INT64_MAX);
    if (!outlet) return outlet.status();
    auto org = press_outlet(db, *outlet, path + "outlet_id");
    if (!org) return org.status();
    line.outlet_id = org->id;
    line.outlet_name = org->name;
    auto topic = optional_whole(l, "topic_no", path, 1, 1000);
    if (!topic) return topic.status();
    if (*topic) {
      if (!p.plan_id)
        return invalid_argument(path + "topic_no: the programme names no plan to take topics from");
      if (**topic > static_cast<std::int64_t>(topics.size()))
        return invalid_argument(path + "topic_no: the plan has " + std::to_string(topics.size()) +
                                " topics, not " + std::to_string(**topic));
      line.topic_no = static_cast<int>(**topic);
    }
    auto content = optional_text(l, "content", path, 2000);
    if (!content) return content.status();
    if (*content)
      line.content = **content;
    else if (line.topic_no)
      line.content = topics[static_cast<std::size_t>(*line.topic_no - 1)];
    else
      return invalid_argument(path + "content is required: what the outlet will publish");
    if (!l.contains("kind") || !l["kind"].is_string() || !is_kind(l["kind"].get<std::string>()))
      return invalid_argument(path + "kind must be one of article, reportage, video, column, talk");
    line.kind = l["kind"].get<std::string>();
    auto quantity = whole(l, "quantity", path, 1, kMaxQuantity);
    if (!quantity) return quantity.status();
    line.quantity = *quantity;
    auto price = whole(l, "unit_price", path, 0, kMaxUnitPrice);
    if (!price) return price.status();
    line.unit_price = *price;
    line.amount = line.quantity * line.unit_price;
    auto amount = optional_whole(l, "amount", path, 0, INT64_MAX);
    if (!amount) return amount.status();
    if (*amount && **amount != line.amount)
      return invalid_argument(path + "amount " + money(**amount) + " is not " +
                              std::to_string(line.quantity) + " × " + money(line.unit_price) +
                              " = " + money(line.amount));
    total += line.amount;
    in.lines.push_back(std::move(line));
  }
  p.budget = total;
  auto budget = optional_whole(b, "budget", "", 0, INT64_MAX);
  if (!budget) return budget.status();
  if (*budget && **budget != total)
    return invalid_argument("budget " + money(**budget) + " is not the lines' sum " + money(total));
  return in;
}

Json programme_head_json(const store::ProgrammeRow& p) {
  return {{"id", p.id},
          {"year", p.year},
          {"title", p.title},
          {"plan_id", p.plan_id ? Json(*p.plan_id) : Json(nullptr)},
          {"plan_title", p.plan_title ? Json(*p.plan_title) : Json(nullptr)},
          {"organisation_id", p.organisation_id},
          {"organisation_name", p.organisation_name},
          {"appraiser_id", p.appraiser_id},
          {"appraiser_name", p.appraiser_name},
          {"approver_id", p.approver_id},
          {"approver_name", p.approver_name},
          {"status", p.status},
          {"budget", p.budget},
          {"decision_no", p.decision_no ? Json(*p.decision_no) : Json(nullptr)},
          {"decision_date", p.decision_date ? Json(*p.decision_date) : Json(nullptr)},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

Json lines_audit_json(const std::vector<store::CoopLineRow>& lines) {
  Json out = Json::array();
  for (const auto& l : lines)
    out.push_back({{"outlet_id", l.outlet_id},
                   {"topic_no", l.topic_no ? Json(*l.topic_no) : Json(nullptr)},
                   {"content", l.content},
                   {"kind", l.kind},
                   {"quantity", l.quantity},
                   {"unit_price", l.unit_price}});
  return out;
}

// ---- Deliverables ----

struct OutletNames {
  std::set<std::string> folded;       // name, short name, aliases
  std::set<std::int64_t> source_ids;  // the outlet's monitored sources
};

Result<OutletNames> outlet_names(store::Database& db, std::int64_t outlet_id) {
  OutletNames out;
  auto org = store::find_organisation(db, outlet_id);
  if (!org) return org.status();
  out.folded.insert(vi::fold(org->name));
  if (org->short_name) out.folded.insert(vi::fold(*org->short_name));
  for (const auto& a : org->aliases) out.folded.insert(vi::fold(a.text));
  auto sources = store::list_sources(db);
  if (!sources) return sources.status();
  for (const auto& s : *sources)
    if (s.organisation_id == outlet_id) out.source_ids.insert(s.id);
  return out;
}

bool by_outlet(const OutletNames& names, const std::optional<std::int64_t>& source_id,
               const std::string& outlet) {
  if (source_id && names.source_ids.contains(*source_id)) return true;
  return names.folded.contains(vi::fold(outlet));
}

// Why an article proves an item: the outlet, the date, the topic (with the matched terms),
// the kind.
Json reasons_for(const store::ContractRow& c, const store::ContractItemRow& item,
                 const std::string& outlet, const std::optional<std::string>& day,
                 const std::optional<store::ArticleTopicRow>& topic, const std::string& kind) {
  Json reasons = Json::array();
  reasons.push_back({{"kind", "outlet"}, {"detail", outlet}});
  if (day)
    reasons.push_back({{"kind", "period"},
                       {"detail", "Đăng ngày " + dmy(*day) + ", trong thời hạn hợp đồng " +
                                      dmy(c.starts_on) + " – " + dmy(c.ends_on)}});
  if (topic) {
    std::string terms;
    const auto parsed = Json::parse(topic->terms_json, nullptr, false);
    if (parsed.is_array())
      for (const auto& t : parsed)
        if (t.is_string()) terms += (terms.empty() ? "" : ", ") + t.get<std::string>();
    reasons.push_back(
        {{"kind", "topic"}, {"detail", item.content + (terms.empty() ? "" : " — " + terms)}});
  }
  reasons.push_back({{"kind", "kind"}, {"detail", kind_label(kind)}});
  return reasons;
}

Result<int> propose_for_contract(store::Database& db, const Clock& clock,
                                 const store::ContractRow& c, const std::string& today) {
  auto items = store::list_contract_items(db, c.id);
  if (!items) return items.status();
  if (items->empty()) return 0;
  auto names = outlet_names(db, c.outlet_id);
  if (!names) return names.status();
  const std::string now = format_utc(clock.now_unix());

  // Items grouped by topic; one search per topic.
  std::map<std::optional<int>, std::vector<store::ContractItemRow*>> by_topic;
  for (auto& item : *items) by_topic[item.topic_no].push_back(&item);

  int proposed = 0;
  for (auto& [topic_no, group] : by_topic) {
    store::ArticleSearch search;
    search.order = store::ArticleSearch::Order::kNewest;
    search.limit = 1000;
    search.one_per_story = false;  // the outlet's own copy of a story is its deliverable
    search.from = c.starts_on;
    search.to = std::min(c.ends_on, today);
    if (topic_no && c.plan_id) {
      search.plan_id = c.plan_id;
      search.topic_no = topic_no;
    } else {
      search.relevant_only = true;
    }
    auto hits = store::search_articles(db, search);
    if (!hits) return hits.status();
    std::vector<std::int64_t> ids;
    for (const auto& h : *hits)
      if (by_outlet(*names, h.source_id, h.outlet)) ids.push_back(h.id);
    if (ids.empty()) continue;
    std::map<std::int64_t, store::ArticleTopicRow> topic_of;
    if (topic_no && c.plan_id) {
      auto rows = store::topics_of_articles(db, ids);
      if (!rows) return rows.status();
      for (auto& r : *rows)
        if (r.plan_id == *c.plan_id && r.topic_no == *topic_no) topic_of[r.article_id] = r;
    }
    // Oldest first, so early articles fill early items.
    for (auto it = hits->rbegin(); it != hits->rend(); ++it) {
      const store::ArticleHit& h = *it;
      if (!by_outlet(*names, h.source_id, h.outlet)) continue;
      auto standing = store::deliverable_of_article(db, h.id);
      if (!standing) return standing.status();
      if (*standing) continue;
      auto offered = store::items_offered(db, h.id);
      if (!offered) return offered.status();
      const std::string kind = article_kind(h.title, h.url);
      store::ContractItemRow* target = nullptr;
      for (auto* item : group) {
        if (item->kind != kind) continue;
        if (std::find(offered->begin(), offered->end(), item->id) != offered->end()) continue;
        if (item->accepted + item->proposed >= item->quantity) continue;
        target = item;
        break;
      }
      if (target == nullptr) continue;
      std::optional<store::ArticleTopicRow> topic;
      if (auto t = topic_of.find(h.id); t != topic_of.end()) topic = t->second;
      store::DeliverableRow d;
      d.contract_id = c.id;
      d.item_id = target->id;
      d.article_id = h.id;
      d.origin = "match";
      d.score = topic ? topic->score : 1.0;
      d.reasons_json =
          reasons_for(c, *target, h.outlet, vietnam_day(h.published_at), topic, kind).dump();
      d.created_at = now;
      auto id = store::insert_deliverable(db, d);
      if (!id) {
        if (id.status().code() == StatusCode::kAlreadyExists) continue;
        return id.status();
      }
      ++target->proposed;
      ++proposed;
    }
  }
  if (proposed > 0) {
    Notice n;
    n.kind = "coop.deliverables";
    n.title = std::to_string(proposed) + " sản phẩm báo chí chờ nghiệm thu: hợp đồng số " +
              c.number + " (" + c.outlet_name + ")";
    n.body = "Loa tìm thấy bài đăng của " + c.outlet_name +
             " khớp với nội dung đặt hàng. Xem và nghiệm thu từng bài.";
    n.link = "/press/contracts/" + std::to_string(c.id);
    auto sent = notify_coordinators(db, clock, c.programme_organisation_id, n);
    if (!sent) return sent.status();
  }
  return proposed;
}

Status check_deliverable_article(store::Database& db, const store::ContractRow& c,
                                 std::int64_t article_id, store::ArticleDetail& article) {
  auto found = store::find_article(db, article_id);
  if (!found) {
    if (found.status().code() == StatusCode::kNotFound)
      return invalid_argument("no article " + std::to_string(article_id));
    return found.status();
  }
  article = std::move(*found);
  auto names = outlet_names(db, c.outlet_id);
  if (!names) return names.status();
  if (!by_outlet(*names, article.hit.source_id, article.hit.outlet))
    return invalid_argument("the article is by " + article.hit.outlet + ", not by " +
                            c.outlet_name + ", the outlet of contract " + c.number);
  auto day = vietnam_day(article.hit.published_at);
  if (!day)
    return invalid_argument(
        "the article's page does not say when it was published; it cannot "
        "be checked against the contract's period");
  if (*day < c.starts_on || *day > c.ends_on)
    return invalid_argument("the article was published on " + dmy(*day) + ", outside contract " +
                            c.number + "'s period " + dmy(c.starts_on) + " – " + dmy(c.ends_on));
  auto standing = store::deliverable_of_article(db, article_id);
  if (!standing) return standing.status();
  if (*standing) {
    auto other = store::find_contract(db, (*standing)->contract_id);
    if (!other) return other.status();
    return already_exists("the article is claimed already as a deliverable of contract " +
                          other->number + " (" + other->outlet_name + ")");
  }
  return {};
}

std::optional<std::string> item_flag(const store::ContractItemRow& item,
                                     const store::ContractRow& c, const std::string& today) {
  if (c.status != "active" || item.accepted >= item.quantity) return std::nullopt;
  if (item.due_on < today) return "late";
  const auto due = day_number(item.due_on);
  const auto now = day_number(today);
  if (due && now && *due - *now <= kWarnDays && item.accepted + item.proposed < item.quantity)
    return "due_soon";
  return std::nullopt;
}

Json item_json(const store::ContractItemRow& i, const store::ContractRow& c,
               const std::string& today) {
  auto flag = item_flag(i, c, today);
  return {{"id", i.id},
          {"item_no", i.item_no},
          {"line_id", i.line_id},
          {"kind", i.kind},
          {"kind_label", kind_label(i.kind)},
          {"topic_no", i.topic_no ? Json(*i.topic_no) : Json(nullptr)},
          {"content", i.content},
          {"quantity", i.quantity},
          {"unit_price", i.unit_price},
          {"amount", i.quantity * i.unit_price},
          {"due_on", i.due_on},
          {"proposed", i.proposed},
          {"accepted", i.accepted},
          {"rejected", i.rejected},
          {"accepted_amount", std::min(i.accepted, i.quantity) * i.unit_price},
          {"flag", flag ? Json(*flag) : Json(nullptr)}};
}

Json contract_head_json(const store::ContractRow& c) {
  return {{"id", c.id},
          {"programme_id", c.programme_id},
          {"programme_title", c.programme_title},
          {"outlet_id", c.outlet_id},
          {"outlet_name", c.outlet_name},
          {"number", c.number},
          {"signed_on", c.signed_on},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"value", c.value},
          {"status", c.status},
          {"version", c.version}};
}

struct Settlement {
  std::int64_t ordered = 0;
  std::int64_t accepted = 0;
  std::int64_t accepted_amount = 0;
  int late = 0;
  int due_soon = 0;
};

Settlement settle(const std::vector<store::ContractItemRow>& items, const store::ContractRow& c,
                  const std::string& today) {
  Settlement s;
  for (const auto& i : items) {
    s.ordered += i.quantity;
    s.accepted += std::min(i.accepted, i.quantity);
    s.accepted_amount += std::min(i.accepted, i.quantity) * i.unit_price;
    if (auto f = item_flag(i, c, today)) (*f == "late" ? s.late : s.due_soon) += 1;
  }
  return s;
}

}  // namespace

const std::vector<DeliverableKind>& deliverable_kinds() {
  static const std::vector<DeliverableKind> kinds = {
      {"article", "Tin, bài"}, {"reportage", "Phóng sự"},
      {"video", "Video clip"}, {"column", "Chuyên trang, chuyên mục"},
      {"talk", "Tọa đàm"},
  };
  return kinds;
}

std::string article_kind(std::string_view title, std::string_view url) {
  // Folded words between single spaces: "Phóng sự: …" → " phong su … ".
  std::string t = " ";
  for (char ch : vi::fold(title)) {
    const bool word = std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '[';
    if (word)
      t += ch;
    else if (t.back() != ' ')
      t += ' ';
  }
  if (t.back() != ' ') t += ' ';
  std::string u(url);
  std::transform(u.begin(), u.end(), u.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  auto has = [&](std::string_view words) { return t.find(words) != std::string::npos; };
  if (u.find("/video") != std::string::npos || u.find("video/") != std::string::npos ||
      u.find("/clip") != std::string::npos || t.starts_with(" video ") ||
      t.starts_with(" [video ") || t.starts_with(" clip ") || t.starts_with(" [clip ") ||
      t.ends_with(" video "))
    return "video";
  if (has(" phong su ")) return "reportage";
  if (has(" toa dam ") || has(" doi thoai ") || has(" giao luu truc tuyen ")) return "talk";
  if (has(" chuyen trang ") || has(" chuyen muc ") || has(" chuyen de ")) return "column";
  return "article";
}

Result<store::ProgrammeRow> visible_programme(store::Database& db, const SignedInUser& user,
                                              std::int64_t id) {
  auto p = store::find_programme(db, id);
  if (!p) return p.status();
  if (sees_everything(user) || user.organisation_id == p->organisation_id ||
      user.organisation_id == p->appraiser_id || user.organisation_id == p->approver_id)
    return p;
  return not_found("no cooperation programme " + std::to_string(id));
}

Result<store::ContractRow> visible_contract(store::Database& db, const SignedInUser& user,
                                            std::int64_t id) {
  auto c = store::find_contract(db, id);
  if (!c) return c.status();
  if (user.organisation_id == c->outlet_id) return c;
  if (auto p = visible_programme(db, user, c->programme_id); p) return c;
  return not_found("no contract " + std::to_string(id));
}

Result<std::int64_t> create_programme(store::Database& db, const Clock& clock,
                                      const SignedInUser& user, const Actor& actor,
                                      const Json& body) {
  if (user.role != Role::kCoordinator)
    return permission_denied("only a coordinator may propose a cooperation programme");
  const std::string today = vietnam_today(clock.now_unix());
  auto in = parse_programme(db, user, body, today);
  if (!in) return in.status();
  const std::string now = format_utc(clock.now_unix());
  in->head.created_by = user.id;
  in->head.created_at = now;
  in->head.updated_at = now;
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_programme(db, in->head);
  if (!id) return id.status();
  LOA_RETURN_IF_ERROR(store::replace_coop_lines(db, *id, in->lines));
  Json after = programme_head_json(in->head);
  after["id"] = *id;
  after["lines"] = lines_audit_json(in->lines);
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"coop.programme.create", "coop_programme", std::to_string(*id),
                                     std::nullopt, after.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status update_programme(store::Database& db, const Clock& clock, const SignedInUser& user,
                        const Actor& actor, std::int64_t id, const Json& body) {
  auto version = whole(body, "version", "", 1, INT32_MAX);
  if (!version) return version.status();
  auto current = visible_programme(db, user, id);
  if (!current) return current.status();
  LOA_RETURN_IF_ERROR(must_manage(user, *current));
  if (current->status != "draft")
    return failed_precondition("programme " + std::to_string(id) + " is in " + current->status +
                               "; only a draft (or a returned programme) can be changed");
  const std::string today = vietnam_today(clock.now_unix());
  auto in = parse_programme(db, user, body, today);
  if (!in) return in.status();
  if (in->head.year != current->year)
    return invalid_argument("year cannot change (" + std::to_string(current->year) + ")");
  auto before_lines = store::list_coop_lines(db, id);
  if (!before_lines) return before_lines.status();
  store::ProgrammeRow p = in->head;
  p.id = id;
  p.version = static_cast<int>(*version);
  p.status = current->status;
  p.updated_at = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::update_programme(db, p));
  LOA_RETURN_IF_ERROR(store::replace_coop_lines(db, id, in->lines));
  Json before = programme_head_json(*current);
  before["lines"] = lines_audit_json(*before_lines);
  Json after = programme_head_json(p);
  after["lines"] = lines_audit_json(in->lines);
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"coop.programme.update", "coop_programme", std::to_string(id),
                                     before.dump(), after.dump()}));
  return tx.commit();
}

Status programme_step(store::Database& db, const Clock& clock, const SignedInUser& user,
                      const Actor& actor, std::int64_t id, const Json& body) {
  if (!body.contains("action") || !body["action"].is_string())
    return invalid_argument("action must be submit, appraise, approve or return");
  const std::string action = body["action"].get<std::string>();
  if (action != "submit" && action != "appraise" && action != "approve" && action != "return")
    return invalid_argument("action must be submit, appraise, approve or return, not '" + action +
                            "'");
  auto version = whole(body, "version", "", 1, INT32_MAX);
  if (!version) return version.status();
  auto comment = optional_text(body, "comment", "", 4000);
  if (!comment) return comment.status();
  auto doc_text = optional_text(body, "document_no", "", 100);
  if (!doc_text) return doc_text.status();
  std::optional<std::string> document_no;
  if (*doc_text) {
    auto n = document_number(**doc_text, "document_no");
    if (!n) return n.status();
    document_no = *n;
  }
  std::optional<std::string> document_date;
  if (body.contains("document_date") && !body["document_date"].is_null()) {
    auto d = date_field(body, "document_date", "");
    if (!d) return d.status();
    document_date = *d;
  }
  const std::string today = vietnam_today(clock.now_unix());
  if (document_date && *document_date > today)
    return invalid_argument("document_date " + dmy(*document_date) + " is after today");

  auto found = visible_programme(db, user, id);
  if (!found) return found.status();
  store::ProgrammeRow p = *found;
  const std::string from = p.status;
  const bool is_appraiser = user.organisation_id == p.appraiser_id && user.role != Role::kAdmin;
  const bool is_approver = user.organisation_id == p.approver_id && user.role == Role::kLeader;
  std::string to;
  Notice notice;
  std::int64_t notify_org = 0;
  std::vector<std::string> notify_roles_of = {"coordinator"};
  const std::string name = "“" + p.title + "”";
  if (action == "submit") {
    LOA_RETURN_IF_ERROR(must_manage(user, p));
    if (from != "draft")
      return failed_precondition("programme " + std::to_string(id) + " is in " + from +
                                 " already; only a draft can be submitted");
    auto lines = store::list_coop_lines(db, id);
    if (!lines) return lines.status();
    if (lines->empty())
      return failed_precondition("programme " + std::to_string(id) +
                                 " has no lines: propose outlets and content first");
    to = "appraisal";
    notify_org = p.appraiser_id;
    notify_roles_of = {"member", "coordinator"};
    notice = {"coop.appraisal", "Đề nghị thẩm định dự toán: " + name,
              p.organisation_name + " đề nghị thẩm định dự toán kinh phí hợp tác truyền thông " +
                  money(p.budget) + " đồng.",
              "", std::nullopt};
  } else if (action == "appraise") {
    if (!is_appraiser)
      return permission_denied("only " + p.appraiser_name + " may appraise programme " +
                               std::to_string(id));
    if (from != "appraisal")
      return failed_precondition("programme " + std::to_string(id) + " is in " + from +
                                 ", not awaiting appraisal");
    to = "approval";
    notify_org = p.approver_id;
    notify_roles_of = {"leader"};
    notice = {
        "coop.approval", "Trình phê duyệt: " + name,
        p.appraiser_name + " đã thẩm định dự toán " + money(p.budget) + " đồng; trình phê duyệt.",
        "", std::nullopt};
  } else if (action == "approve") {
    if (!is_approver)
      return permission_denied("only the leaders of " + p.approver_name +
                               " may approve programme " + std::to_string(id));
    if (from == "appraisal")
      return failed_precondition("programme " + std::to_string(id) + " awaits appraisal by " +
                                 p.appraiser_name + "; it cannot be approved before");
    if (from != "approval")
      return failed_precondition("programme " + std::to_string(id) + " is in " + from +
                                 ", not awaiting approval");
    if (!document_no || !document_date)
      return invalid_argument(
          "approving needs the decision's document_no (e.g. 1234/QĐ-UBND) and document_date");
    to = "approved";
    p.decision_no = document_no;
    p.decision_date = document_date;
    notify_org = p.organisation_id;
    notice = {"coop.approved", "Đã phê duyệt: " + name,
              "Quyết định số " + *document_no + " ngày " + dmy(*document_date) +
                  ". Có thể ký hợp đồng với các cơ quan báo chí.",
              "", std::nullopt};
  } else {  // return
    if (from == "appraisal" && !is_appraiser)
      return permission_denied("only " + p.appraiser_name + " may return programme " +
                               std::to_string(id) + " from appraisal");
    if (from == "approval" && !is_approver)
      return permission_denied("only the leaders of " + p.approver_name + " may return programme " +
                               std::to_string(id) + " from approval");
    if (from != "appraisal" && from != "approval")
      return failed_precondition("programme " + std::to_string(id) + " is in " + from +
                                 "; only a programme under appraisal or approval can be returned");
    if (!*comment) return invalid_argument("comment is required: say why it is returned");
    to = "draft";
    notify_org = p.organisation_id;
    notice = {"coop.returned", "Trả lại: " + name, **comment, "", std::nullopt};
  }
  p.status = to;
  p.version = static_cast<int>(*version);
  p.updated_at = format_utc(clock.now_unix());
  store::CoopStepRow step;
  step.programme_id = id;
  step.action = action;
  step.status_from = from;
  step.status_to = to;
  step.comment = comment->value_or("");
  step.document_no = document_no;
  step.document_date = document_date;
  step.organisation_id = user.organisation_id;
  step.user_id = user.id;
  step.author = user.display_name;
  step.created_at = p.updated_at;

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::update_programme(db, p));
  LOA_RETURN_IF_ERROR(store::insert_coop_step(db, step));
  Json before = {{"status", from}};
  Json after = {{"status", to}, {"comment", step.comment}};
  if (document_no) after["document_no"] = *document_no;
  if (document_date) after["document_date"] = *document_date;
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"coop.programme." + action, "coop_programme",
                                     std::to_string(id), before.dump(), after.dump()}));
  notice.link = "/press/programmes/" + std::to_string(id);
  auto sent = notify_roles(db, clock, notify_org, notify_roles_of, notice);
  if (!sent) return sent.status();
  return tx.commit();
}

Result<std::int64_t> create_contract(store::Database& db, const Clock& clock,
                                     const SignedInUser& user, const Actor& actor,
                                     std::int64_t programme_id, const Json& b) {
  auto p = visible_programme(db, user, programme_id);
  if (!p) return p.status();
  LOA_RETURN_IF_ERROR(must_manage(user, *p));
  if (p->status != "approved")
    return failed_precondition("programme " + std::to_string(programme_id) + " is in " + p->status +
                               "; contracts are signed once it is approved");
  store::ContractRow c;
  c.programme_id = programme_id;
  auto outlet = whole(b, "outlet_id", "", 1, INT64_MAX);
  if (!outlet) return outlet.status();
  auto org = press_outlet(db, *outlet, "outlet_id");
  if (!org) return org.status();
  c.outlet_id = org->id;
  c.outlet_name = org->name;
  auto number = optional_text(b, "number", "", 100);
  if (!number) return number.status();
  if (!*number) return invalid_argument("number is required: the contract's number as signed");
  c.number = **number;
  auto signed_on = date_field(b, "signed_on", "");
  if (!signed_on) return signed_on.status();
  auto starts_on = date_field(b, "starts_on", "");
  if (!starts_on) return starts_on.status();
  auto ends_on = date_field(b, "ends_on", "");
  if (!ends_on) return ends_on.status();
  c.signed_on = *signed_on;
  c.starts_on = *starts_on;
  c.ends_on = *ends_on;
  if (c.ends_on < c.starts_on)
    return invalid_argument("ends_on " + dmy(c.ends_on) + " is before starts_on " +
                            dmy(c.starts_on));
  if (std::stoi(c.starts_on.substr(0, 4)) != p->year)
    return invalid_argument("starts_on " + dmy(c.starts_on) + " is not in the programme's year " +
                            std::to_string(p->year));
  if (c.signed_on < p->decision_date.value_or(""))
    return invalid_argument("signed_on " + dmy(c.signed_on) +
                            " is before the programme was approved (" +
                            dmy(p->decision_date.value_or("")) + ")");
  auto value = whole(b, "value", "", 0, INT64_MAX);
  if (!value) return value.status();
  c.value = *value;

  auto lines = store::list_coop_lines(db, programme_id);
  if (!lines) return lines.status();
  if (!b.contains("items") || !b["items"].is_array() || b["items"].empty())
    return invalid_argument("items must list what the contract orders (line_id, quantity)");
  if (b["items"].size() > kMaxLines)
    return invalid_argument("a contract has at most " + std::to_string(kMaxLines) + " items");
  std::vector<store::ContractItemRow> items;
  std::map<std::int64_t, std::int64_t> ordering;  // line id → quantity in this contract
  std::int64_t total = 0;
  for (std::size_t i = 0; i < b["items"].size(); ++i) {
    const Json& it = b["items"][i];
    const std::string path = "items[" + std::to_string(i + 1) + "].";
    if (!it.is_object())
      return invalid_argument(path.substr(0, path.size() - 1) + " must be an object");
    auto line_id = whole(it, "line_id", path, 1, INT64_MAX);
    if (!line_id) return line_id.status();
    auto line = std::find_if(lines->begin(), lines->end(),
                             [&](const store::CoopLineRow& l) { return l.id == *line_id; });
    if (line == lines->end())
      return invalid_argument(path + "line_id: programme " + std::to_string(programme_id) +
                              " has no line " + std::to_string(*line_id));
    if (line->outlet_id != c.outlet_id)
      return invalid_argument(path + "line_id: line " + std::to_string(line->line_no) +
                              " is proposed for " + line->outlet_name + ", not " + c.outlet_name);
    store::ContractItemRow item;
    item.item_no = static_cast<int>(i + 1);
    item.line_id = line->id;
    auto quantity = whole(it, "quantity", path, 1, kMaxQuantity);
    if (!quantity) return quantity.status();
    item.quantity = *quantity;
    auto price = optional_whole(it, "unit_price", path, 0, kMaxUnitPrice);
    if (!price) return price.status();
    item.unit_price = price->value_or(line->unit_price);
    if (item.unit_price > line->unit_price)
      return invalid_argument(path + "unit_price " + money(item.unit_price) +
                              " is above the approved " + money(line->unit_price) + " of line " +
                              std::to_string(line->line_no));
    if (it.contains("due_on") && !it["due_on"].is_null()) {
      auto due = date_field(it, "due_on", path);
      if (!due) return due.status();
      item.due_on = *due;
    } else {
      item.due_on = c.ends_on;
    }
    if (item.due_on < c.starts_on || item.due_on > c.ends_on)
      return invalid_argument(path + "due_on " + dmy(item.due_on) +
                              " is outside the contract's period " + dmy(c.starts_on) + " – " +
                              dmy(c.ends_on));
    auto ordered = store::line_ordered(db, line->id);
    if (!ordered) return ordered.status();
    ordering[line->id] += item.quantity;
    const std::int64_t left = line->quantity - *ordered;
    if (ordering[line->id] > left)
      return invalid_argument(path + "quantity: line " + std::to_string(line->line_no) +
                              " approved " + std::to_string(line->quantity) + ", " +
                              std::to_string(*ordered) + " ordered by other contracts; " +
                              std::to_string(left) + " left, not " +
                              std::to_string(ordering[line->id]));
    auto overlap = store::overlapping_contract(db, line->id, c.starts_on, c.ends_on);
    if (!overlap) return overlap.status();
    if (*overlap)
      return failed_precondition(path + "line_id: contract " + **overlap + " orders line " +
                                 std::to_string(line->line_no) + " over a period that overlaps " +
                                 dmy(c.starts_on) + " – " + dmy(c.ends_on));
    total += item.quantity * item.unit_price;
    items.push_back(item);
  }
  if (total != c.value)
    return invalid_argument("value " + money(c.value) + " is not the items' sum " + money(total));

  std::vector<std::int64_t> files;
  if (b.contains("files") && !b["files"].is_null()) {
    if (!b["files"].is_array()) return invalid_argument("files must be a list of file ids");
    for (const auto& f : b["files"]) {
      if (!f.is_number_integer()) return invalid_argument("files must be a list of file ids");
      files.push_back(f.get<std::int64_t>());
    }
  }

  const std::string now = format_utc(clock.now_unix());
  c.created_by = user.id;
  c.created_at = now;
  c.updated_at = now;
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_contract(db, c);
  if (!id) return id.status();
  Json audit_items = Json::array();
  for (auto& item : items) {
    item.contract_id = *id;
    LOA_RETURN_IF_ERROR(store::insert_contract_item(db, item));
    audit_items.push_back({{"line_id", item.line_id},
                           {"quantity", item.quantity},
                           {"unit_price", item.unit_price},
                           {"due_on", item.due_on}});
  }
  if (!files.empty())
    LOA_RETURN_IF_ERROR(store::attach_files(db, files, user.organisation_id, "contract", *id));
  Json after = contract_head_json(c);
  after["id"] = *id;
  after["items"] = audit_items;
  after["files"] = files;
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"coop.contract.create", "contract", std::to_string(*id), std::nullopt, after.dump()}));
  Notice n{"coop.contract", "Hợp đồng hợp tác truyền thông số " + c.number,
           p->organisation_name + " đã ký hợp đồng trị giá " + money(c.value) + " đồng, thời hạn " +
               dmy(c.starts_on) + " – " + dmy(c.ends_on) + ".",
           "/press/contracts/" + std::to_string(*id), std::nullopt};
  auto sent = notify_organisation(db, clock, c.outlet_id, n);
  if (!sent) return sent.status();
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Result<int> propose_deliverables(store::Database& db, const Clock& clock,
                                 std::optional<std::int64_t> contract_id) {
  const std::string today = vietnam_today(clock.now_unix());
  std::vector<store::ContractRow> contracts;
  if (contract_id) {
    auto c = store::find_contract(db, *contract_id);
    if (!c) return c.status();
    if (c->status == "active") contracts.push_back(*c);
  } else {
    store::ContractFilter f;
    f.active_only = true;
    auto all = store::list_contracts(db, f);
    if (!all) return all.status();
    contracts = std::move(*all);
  }
  int total = 0;
  for (const auto& c : contracts) {
    if (c.starts_on > today) continue;
    store::Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    auto n = propose_for_contract(db, clock, c, today);
    if (!n) return n.status();
    LOA_RETURN_IF_ERROR(tx.commit());
    total += *n;
  }
  if (total > 0) spdlog::info(R"({{"msg":"deliverables proposed","count":{}}})", total);
  return total;
}

Result<std::int64_t> offer_deliverable(store::Database& db, const Clock& clock,
                                       const SignedInUser& user, const Actor& actor,
                                       std::int64_t contract_id, std::int64_t item_id,
                                       std::int64_t article_id) {
  auto c = visible_contract(db, user, contract_id);
  if (!c) return c.status();
  auto p = store::find_programme(db, c->programme_id);
  if (!p) return p.status();
  std::string origin;
  if (manages(user, *p))
    origin = "coordinator";
  else if (user.organisation_id == c->outlet_id && user.role != Role::kLeader)
    origin = "outlet";
  else
    return permission_denied("only " + c->outlet_name + " or the coordinators of " +
                             p->organisation_name + " may offer deliverables of contract " +
                             c->number);
  if (c->status != "active")
    return failed_precondition("contract " + c->number + " is " + c->status);
  auto items = store::list_contract_items(db, contract_id);
  if (!items) return items.status();
  auto item = std::find_if(items->begin(), items->end(),
                           [&](const store::ContractItemRow& i) { return i.id == item_id; });
  if (item == items->end())
    return invalid_argument("item_id: contract " + c->number + " has no item " +
                            std::to_string(item_id));
  store::ArticleDetail article;
  LOA_RETURN_IF_ERROR(check_deliverable_article(db, *c, article_id, article));
  std::optional<store::ArticleTopicRow> topic;
  if (item->topic_no && c->plan_id) {
    auto rows = store::topics_of_articles(db, {article_id});
    if (!rows) return rows.status();
    for (auto& r : *rows)
      if (r.plan_id == *c->plan_id && r.topic_no == *item->topic_no && r.status != "rejected")
        topic = r;
  }
  const std::string kind = article_kind(article.hit.title, article.hit.url);
  store::DeliverableRow d;
  d.contract_id = contract_id;
  d.item_id = item_id;
  d.article_id = article_id;
  d.origin = origin;
  d.score = topic ? topic->score : 0;
  d.reasons_json =
      reasons_for(*c, *item, article.hit.outlet, vietnam_day(article.hit.published_at), topic, kind)
          .dump();
  d.submitted_by = user.id;
  d.created_at = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_deliverable(db, d);
  if (!id) return id.status();
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"coop.deliverable.offer", "deliverable", std::to_string(*id), std::nullopt,
                     Json{{"contract_id", contract_id},
                          {"item_id", item_id},
                          {"article_id", article_id},
                          {"origin", origin}}
                         .dump()}));
  if (origin == "outlet") {
    Notice n{"coop.deliverables", c->outlet_name + " gửi sản phẩm nghiệm thu: " + article.hit.title,
             "Hợp đồng số " + c->number + ", hạng mục " + std::to_string(item->item_no) + ": " +
                 item->content,
             "/press/contracts/" + std::to_string(contract_id), std::nullopt};
    auto sent = notify_coordinators(db, clock, p->organisation_id, n);
    if (!sent) return sent.status();
  }
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status check_outlet_address(store::Database& db, std::int64_t outlet_id, const std::string& url) {
  auto sources = store::list_sources(db);
  if (!sources) return sources.status();
  const std::string host = news::url_host(url);  // without "www."
  std::set<std::string> sites;
  for (const auto& s : *sources) {
    if (s.organisation_id != outlet_id) continue;
    const std::string site = news::url_host(s.url);
    if (site.empty()) continue;
    if (host == site || host.ends_with("." + site)) return {};
    sites.insert(site);
  }
  if (sites.empty()) return {};
  std::string list;
  for (const auto& s : sites) list += (list.empty() ? "" : ", ") + s;
  return invalid_argument("url: " + url + " is not on the outlet's sites (" + list + ")");
}

Status decide_deliverable(store::Database& db, const Clock& clock, const SignedInUser& user,
                          const Actor& actor, std::int64_t id, const Json& body) {
  if (!body.contains("decision") || !body["decision"].is_string() ||
      (body["decision"] != "accept" && body["decision"] != "reject"))
    return invalid_argument("decision must be accept or reject");
  const std::string status = body["decision"] == "accept" ? "accepted" : "rejected";
  auto comment = optional_text(body, "comment", "", 2000);
  if (!comment) return comment.status();
  auto d = store::find_deliverable(db, id);
  if (!d) return d.status();
  auto c = visible_contract(db, user, d->contract_id);
  if (!c) return not_found("no deliverable " + std::to_string(id));
  auto p = store::find_programme(db, c->programme_id);
  if (!p) return p.status();
  if (!manages(user, *p))
    return permission_denied("only the coordinators of " + p->organisation_name +
                             " may accept or reject deliverables");
  if (c->status != "active")
    return failed_precondition("contract " + c->number + " is " + c->status);
  if (d->status == status) return {};
  if (status == "accepted") {
    auto items = store::list_contract_items(db, c->id);
    if (!items) return items.status();
    for (const auto& i : *items) {
      if (i.id != d->item_id) continue;
      if (i.accepted >= i.quantity)
        return failed_precondition("item " + std::to_string(i.item_no) + " of contract " +
                                   c->number + " has all " + std::to_string(i.quantity) +
                                   " accepted already");
    }
  }
  const std::string now = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::decide_deliverable(db, id, status, *comment, user.id, now));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"coop.deliverable." + std::string(status == "accepted" ? "accept" : "reject"),
                     "deliverable", std::to_string(id), Json{{"status", d->status}}.dump(),
                     Json{{"status", status}, {"comment", comment->value_or("")}}.dump()}));
  return tx.commit();
}

Result<int> raise_contract_warnings(store::Database& db, const Clock& clock) {
  const std::string today = vietnam_today(clock.now_unix());
  store::ContractFilter f;
  f.active_only = true;
  auto contracts = store::list_contracts(db, f);
  if (!contracts) return contracts.status();
  int sent = 0;
  for (const auto& c : *contracts) {
    auto items = store::list_contract_items(db, c.id);
    if (!items) return items.status();
    for (const auto& i : *items) {
      auto flag = item_flag(i, c, today);
      if (!flag) continue;
      const bool late = *flag == "late";
      Notice n;
      n.kind = late ? "coop.late" : "coop.due";
      n.title = std::string(late ? "Quá hạn" : "Sắp đến hạn") + ": hợp đồng số " + c.number + " (" +
                c.outlet_name + "), hạng mục " + std::to_string(i.item_no);
      n.body = i.content + " — " + kind_label(i.kind) + ": đặt " + std::to_string(i.quantity) +
               ", đã nghiệm thu " + std::to_string(i.accepted) + ", chờ nghiệm thu " +
               std::to_string(i.proposed) + "; hạn " + dmy(i.due_on) + ".";
      n.link = "/press/contracts/" + std::to_string(c.id);
      n.key = "contract-item:" + std::to_string(i.id) + ":" + *flag;
      auto a = notify_coordinators(db, clock, c.programme_organisation_id, n);
      if (!a) return a.status();
      auto b = notify_organisation(db, clock, c.outlet_id, n);
      if (!b) return b.status();
      sent += *a + *b;
    }
  }
  return sent;
}

namespace {

// A contract's head with its progress, as lists show it.
Json contract_summary_json(const store::ContractRow& c, const Settlement& s) {
  Json cj = contract_head_json(c);
  cj["ordered"] = s.ordered;
  cj["accepted"] = s.accepted;
  cj["accepted_amount"] = s.accepted_amount;
  cj["late"] = s.late;
  cj["due_soon"] = s.due_soon;
  return cj;
}

}  // namespace

Result<Json> programme_json(store::Database& db, const SignedInUser& user, std::int64_t id,
                            const std::string& today) {
  auto p = visible_programme(db, user, id);
  if (!p) return p.status();
  auto lines = store::list_coop_lines(db, id);
  if (!lines) return lines.status();
  auto steps = store::list_coop_steps(db, id);
  if (!steps) return steps.status();
  store::ContractFilter f;
  f.programme_id = id;
  auto contracts = store::list_contracts(db, f);
  if (!contracts) return contracts.status();

  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> per_line;  // ordered, accepted
  Json contracts_out = Json::array();
  std::int64_t contracted = 0;
  std::int64_t accepted_amount = 0;
  for (const auto& c : *contracts) {
    auto items = store::list_contract_items(db, c.id);
    if (!items) return items.status();
    const Settlement s = settle(*items, c, today);
    if (c.status != "terminated") {
      contracted += c.value;
      for (const auto& i : *items) {
        per_line[i.line_id].first += i.quantity;
        per_line[i.line_id].second += std::min(i.accepted, i.quantity);
      }
    }
    accepted_amount += s.accepted_amount;
    contracts_out.push_back(contract_summary_json(c, s));
  }
  Json lines_out = Json::array();
  for (const auto& l : *lines) {
    const auto& [ordered, accepted] = per_line[l.id];
    lines_out.push_back({{"id", l.id},
                         {"line_no", l.line_no},
                         {"outlet_id", l.outlet_id},
                         {"outlet_name", l.outlet_name},
                         {"topic_no", l.topic_no ? Json(*l.topic_no) : Json(nullptr)},
                         {"content", l.content},
                         {"kind", l.kind},
                         {"kind_label", kind_label(l.kind)},
                         {"quantity", l.quantity},
                         {"unit_price", l.unit_price},
                         {"amount", l.amount},
                         {"ordered", ordered},
                         {"accepted", accepted}});
  }
  Json steps_out = Json::array();
  for (const auto& s : *steps)
    steps_out.push_back(
        {{"action", s.action},
         {"from", s.status_from},
         {"to", s.status_to},
         {"comment", s.comment},
         {"document_no", s.document_no ? Json(*s.document_no) : Json(nullptr)},
         {"document_date", s.document_date ? Json(*s.document_date) : Json(nullptr)},
         {"organisation_name", s.organisation_name},
         {"author", s.author},
         {"at", s.created_at}});
  Json out = programme_head_json(*p);
  out["lines"] = lines_out;
  out["steps"] = steps_out;
  out["contracts"] = contracts_out;
  out["settlement"] = {{"budget", p->budget},
                       {"contracted", contracted},
                       {"accepted_amount", accepted_amount},
                       {"uncommitted", p->budget - contracted}};
  const bool is_appraiser = user.organisation_id == p->appraiser_id && user.role != Role::kAdmin;
  const bool is_approver = user.organisation_id == p->approver_id && user.role == Role::kLeader;
  Json can = Json::array();
  if (manages(user, *p) && p->status == "draft") can.push_back("edit"), can.push_back("submit");
  if (is_appraiser && p->status == "appraisal") can.push_back("appraise"), can.push_back("return");
  if (is_approver && p->status == "approval") can.push_back("approve"), can.push_back("return");
  if (manages(user, *p) && p->status == "approved") can.push_back("contract");
  out["can"] = can;
  return out;
}

Result<Json> programmes_json(store::Database& db, const SignedInUser& user,
                             std::optional<int> year) {
  store::ProgrammeFilter f;
  f.year = year;
  if (!sees_everything(user)) f.organisation_ids = std::vector<std::int64_t>{user.organisation_id};
  auto rows = store::list_programmes(db, f);
  if (!rows) return rows.status();
  Json out = Json::array();
  for (const auto& p : *rows) out.push_back(programme_head_json(p));
  return out;
}

Result<Json> contract_json(store::Database& db, const SignedInUser& user, std::int64_t id,
                           const std::string& today) {
  auto c = visible_contract(db, user, id);
  if (!c) return c.status();
  auto items = store::list_contract_items(db, id);
  if (!items) return items.status();
  auto deliverables = store::list_deliverables(db, id);
  if (!deliverables) return deliverables.status();
  auto files = store::list_files(db, "contract", id);
  if (!files) return files.status();
  auto p = store::find_programme(db, c->programme_id);
  if (!p) return p.status();
  Json out = contract_head_json(*c);
  Json items_out = Json::array();
  for (const auto& i : *items) items_out.push_back(item_json(i, *c, today));
  Json deliverables_out = Json::array();
  for (const auto& d : *deliverables) {
    Json reasons = Json::parse(d.reasons_json, nullptr, false);
    deliverables_out.push_back(
        {{"id", d.id},
         {"item_id", d.item_id},
         {"article_id", d.article_id},
         {"title", d.title},
         {"url", d.url},
         {"outlet", d.outlet},
         {"published", d.published_at ? Json(*d.published_at) : Json(nullptr)},
         {"origin", d.origin},
         {"status", d.status},
         {"score", d.score},
         {"reasons", reasons.is_discarded() ? Json::array() : reasons},
         {"comment", d.comment ? Json(*d.comment) : Json(nullptr)},
         {"decided_at", d.decided_at ? Json(*d.decided_at) : Json(nullptr)}});
  }
  Json files_out = Json::array();
  for (const auto& f : *files)
    files_out.push_back(
        {{"id", f.id}, {"name", f.name}, {"content_type", f.content_type}, {"size", f.size}});
  const Settlement s = settle(*items, *c, today);
  out["items"] = items_out;
  out["deliverables"] = deliverables_out;
  out["files"] = files_out;
  out["settlement"] = {{"value", c->value},      {"ordered", s.ordered},
                       {"accepted", s.accepted}, {"accepted_amount", s.accepted_amount},
                       {"late", s.late},         {"due_soon", s.due_soon}};
  Json can = Json::array();
  if (manages(user, *p) && c->status == "active") can.push_back("decide"), can.push_back("offer");
  if (user.organisation_id == c->outlet_id && user.role != Role::kLeader && c->status == "active")
    can.push_back("offer");
  out["can"] = can;
  return out;
}

Result<Json> contracts_json(store::Database& db, const SignedInUser& user,
                            const std::string& today) {
  store::ContractFilter f;
  auto rows = store::list_contracts(db, f);
  if (!rows) return rows.status();
  Json out = Json::array();
  for (const auto& c : *rows) {
    if (!visible_contract(db, user, c.id)) continue;
    auto items = store::list_contract_items(db, c.id);
    if (!items) return items.status();
    const Settlement s = settle(*items, c, today);
    out.push_back(contract_summary_json(c, s));
  }
  return out;
}

}  // namespace loa::work
