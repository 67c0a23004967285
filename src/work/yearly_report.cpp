// File: work/yearly_report.cpp
#include "work/yearly_report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/dates.h"
#include "base/vn_format.h"
#include "store/analysis.h"
#include "store/articles.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "vi/text.h"
#include "vi/utf8.h"
#include "work/cooperation.h"
#include "work/news.h"
#include "work/official_header.h"
#include "work/reports.h"
#include "work/rollup.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;
using office::body;
using office::bullet;
using office::caption;
using office::heading;

constexpr std::size_t kChartedOutlets = 12;  // bars in the chart of outlets (the table has all)

std::int64_t int_of(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? j[key].get<std::int64_t>() : 0;
}

std::string count(std::int64_t n) { return group_thousands(n); }

// A chart's category label: at most about 60 bytes, cut at a space, with an ellipsis.
std::string short_label(const std::string& text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return text;
  std::string_view cut = vi::utf8::prefix(text, kMax);
  if (auto space = cut.rfind(' '); space != std::string_view::npos && space > kMax / 2)
    cut = cut.substr(0, space);
  return std::string(cut) + "…";
}

// "Tuyên truyền về …" → "tuyên truyền về …", as a title reads inside a sentence.
std::string lower_first(const std::string& text) {
  if (text.empty()) return text;
  const vi::utf8::Decoded d = vi::utf8::decode(text, 0);
  return vi::lower(text.substr(0, d.length)) + text.substr(d.length);
}

// What a plan is about, as it reads after "Kế hoạch … về": its title, without a leading
// "Kế hoạch" ("Kế hoạch hợp tác truyền thông" → "hợp tác truyền thông").
std::string plan_about(const std::string& title) {
  constexpr std::string_view kPlan = "Kế hoạch ";
  if (vi::fold(title).starts_with("ke hoach ")) return lower_first(title.substr(kPlan.size()));
  return lower_first(title);
}

// ---- I. Tasks and reports -----------------------------------------------------------------

void tasks_section(const Json& matrix, const Json& rollup, int year, const std::string& as_of,
                   int& tables, std::vector<office::Block>& out) {
  const Json& t = matrix["tasks"];
  const std::int64_t total = int_of(t, "total");
  const std::int64_t done = int_of(t, "done");
  std::size_t agencies = 0;
  for (const auto& row : matrix["rows"]) agencies += int_of(row["tasks"], "total") > 0;
  out.push_back(heading("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"));
  if (total == 0) {
    out.push_back(body("Kế hoạch chưa giao nhiệm vụ nào cho các cơ quan, đơn vị."));
  } else {
    out.push_back(body(
        "Kế hoạch giao " + count(total) + " nhiệm vụ cho " +
        count(static_cast<std::int64_t>(agencies)) + " cơ quan, đơn vị. Tính đến ngày " +
        dmy(as_of) + ", đã hoàn thành " + count(done) + " nhiệm vụ (" +
        percent(static_cast<double>(done) / static_cast<double>(total)) + "), đang thực hiện " +
        count(int_of(t, "in_progress")) + ", chưa triển khai " + count(int_of(t, "not_started")) +
        ", không thực hiện được " + count(int_of(t, "cannot_do")) + "; quá hạn " +
        count(int_of(t, "overdue")) + " nhiệm vụ."));
  }
  office::Table table;
  table.columns = {{"TT", 6, true},
                   {"Cơ quan, đơn vị"},
                   {"Nhiệm vụ", 11, true},
                   {"Hoàn thành", 12, true},
                   {"Đang thực hiện", 13, true},
                   {"Quá hạn", 10, true},
                   {"Báo cáo đã nộp", 14, true}};
  std::vector<Json> rows(matrix["rows"].begin(), matrix["rows"].end());
  std::sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  std::int64_t reports_in = 0;
  std::int64_t reports_due = 0;
  int n = 0;
  for (const Json& row : rows) {
    const Json& rt = row["tasks"];
    const Json& rc = row["report_counts"];
    const std::int64_t in = int_of(rc, "submitted") + int_of(rc, "accepted");
    reports_in += in;
    reports_due += int_of(rc, "total");
    table.rows.push_back({std::to_string(++n), row["name"].get<std::string>(),
                          count(int_of(rt, "total")), count(int_of(rt, "done")),
                          count(int_of(rt, "in_progress")), count(int_of(rt, "overdue")),
                          count(in) + "/" + count(int_of(rc, "total"))});
  }
  table.rows.push_back({"", "Tổng cộng", count(total), count(done), count(int_of(t, "in_progress")),
                        count(int_of(t, "overdue")), count(reports_in) + "/" + count(reports_due)});
  table.last_row_total = true;
  if (!rows.empty()) {
    out.push_back(table);
    out.push_back(caption("Bảng " + std::to_string(++tables) +
                          ". Nhiệm vụ và báo cáo của các cơ quan, đơn vị"));
  }

  // The figures the agencies reported for the year.
  for (const auto& period : rollup["periods"]) {
    if (period["period"].get<std::string>() != std::to_string(year)) continue;
    const Json& totals = period["total"];
    out.push_back(body("Các cơ quan, đơn vị đã gửi " +
                       count(int_of(totals, "submitted") + int_of(totals, "accepted")) + "/" +
                       count(int_of(totals, "requests")) + " báo cáo năm " + std::to_string(year) +
                       " (" + count(int_of(totals, "accepted")) +
                       " báo cáo đã được chấp nhận); số liệu tổng hợp:"));
    for (const auto& field : report_figure_fields()) {
      const std::int64_t accepted = int_of(totals["figures_accepted"], field.key);
      const std::int64_t submitted = int_of(totals["figures_submitted"], field.key);
      if (accepted == 0 && submitted == 0) continue;
      out.push_back(
          bullet(std::string(field.label) + ": " + count(submitted) +
                 (accepted != submitted ? " (đã chấp nhận " + count(accepted) + ")" : "") + ";"));
    }
  }
}

// ---- II. Coverage -------------------------------------------------------------------------

struct Coverage {
  std::vector<std::pair<std::string, std::int64_t>> topics;   // in the plan's order
  std::vector<std::pair<std::string, std::int64_t>> outlets;  // most first
  std::int64_t articles = 0;
};

void coverage_section(const Coverage& c, const std::string& from, const std::string& to, bool plan,
                      int& tables, int& charts, std::vector<office::Block>& out) {
  out.push_back(heading("II. KẾT QUẢ THÔNG TIN TRÊN BÁO CHÍ"));
  std::int64_t covered = 0;
  for (const auto& [title, n] : c.topics) covered += n > 0;
  out.push_back(
      body("Từ ngày " + dmy(from) + " đến ngày " + dmy(to) +
           ", hệ thống theo dõi báo chí ghi nhận " + count(c.articles) + " tin, bài của " +
           count(static_cast<std::int64_t>(c.outlets.size())) + " cơ quan báo chí về " +
           (plan ? "các chủ đề của Kế hoạch" : "các chủ đề của các kế hoạch đang thực hiện") +
           "; " + count(covered) + "/" + count(static_cast<std::int64_t>(c.topics.size())) +
           " chủ đề có tin, bài."));
  if (!c.topics.empty()) {
    out.push_back(heading("1. Theo chủ đề"));
    office::Table table;
    table.columns = {{"TT", 7, true}, {"Chủ đề"}, {"Số tin, bài", 16, true}};
    office::BarChart chart{"Tin, bài theo chủ đề", {}, {{"Số tin, bài", {}}}};
    int n = 0;
    for (const auto& [title, articles] : c.topics) {
      table.rows.push_back({std::to_string(++n), title, count(articles)});
      chart.categories.push_back(short_label(title));
      chart.series[0].values.push_back(static_cast<double>(articles));
    }
    out.push_back(table);
    out.push_back(caption("Bảng " + std::to_string(++tables) + ". Tin, bài theo chủ đề"));
    out.push_back(chart);
    out.push_back(caption("Biểu đồ " + std::to_string(++charts) + ". Tin, bài theo chủ đề"));
  }
  if (!c.outlets.empty()) {
    out.push_back(
        heading(c.topics.empty() ? "1. Theo cơ quan báo chí" : "2. Theo cơ quan báo chí"));
    office::Table table;
    table.columns = {
        {"TT", 7, true}, {"Cơ quan báo chí"}, {"Số tin, bài", 16, true}, {"Tỷ lệ", 12, true}};
    office::BarChart chart{"Tin, bài theo cơ quan báo chí", {}, {{"Số tin, bài", {}}}};
    int n = 0;
    for (const auto& [outlet, articles] : c.outlets) {
      table.rows.push_back(
          {std::to_string(++n), outlet, count(articles),
           percent(c.articles ? static_cast<double>(articles) / static_cast<double>(c.articles)
                              : 0)});
      if (chart.categories.size() < kChartedOutlets) {
        chart.categories.push_back(outlet);
        chart.series[0].values.push_back(static_cast<double>(articles));
      }
    }
    table.rows.push_back({"", "Tổng cộng", count(c.articles), c.articles ? "100%" : "0%"});
    table.last_row_total = true;
    out.push_back(table);
    out.push_back(caption("Bảng " + std::to_string(++tables) + ". Tin, bài theo cơ quan báo chí"));
    out.push_back(chart);
    out.push_back(
        caption("Biểu đồ " + std::to_string(++charts) + ". Tin, bài theo cơ quan báo chí" +
                (c.outlets.size() > kChartedOutlets
                     ? " (" + std::to_string(kChartedOutlets) + " cơ quan nhiều tin, bài nhất)"
                     : "")));
  }
}

// ---- III. Press cooperation ---------------------------------------------------------------

void cooperation_section(const std::vector<Json>& programmes, int year, int& tables, int& charts,
                         std::vector<office::Block>& out) {
  out.push_back(heading("III. KẾT QUẢ HỢP TÁC VỚI CÁC CƠ QUAN BÁO CHÍ"));
  if (programmes.empty()) {
    out.push_back(body("Năm " + std::to_string(year) + " không có chương trình hợp tác báo chí."));
    return;
  }
  std::int64_t budget = 0, contracted = 0, accepted_amount = 0;
  office::Table table;
  table.columns = {{"TT", 6, true},
                   {"Cơ quan báo chí"},
                   {"Hợp đồng", 19},
                   {"Giá trị (đồng)", 15, true},
                   {"Sản phẩm nghiệm thu", 13, true},
                   {"Giá trị nghiệm thu (đồng)", 17, true}};
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_outlet;  // value, accepted
  int n = 0;
  std::int64_t ordered_total = 0, accepted_total = 0;
  for (const Json& p : programmes) {
    const Json& s = p["settlement"];
    budget += int_of(s, "budget");
    contracted += int_of(s, "contracted");
    accepted_amount += int_of(s, "accepted_amount");
    std::string line = p["title"].get<std::string>();
    if (p["status"] == "approved" && p["decision_no"].is_string())
      line +=
          " được phê duyệt tại Quyết định số " + p["decision_no"].get<std::string>() +
          (p["decision_date"].is_string() ? " ngày " + dmy(p["decision_date"].get<std::string>())
                                          : "");
    else
      line += " chưa được phê duyệt";
    std::int64_t ordered = 0, accepted = 0, signed_contracts = 0;
    for (const Json& c : p["contracts"]) {
      const std::string outlet = c["outlet_name"].get<std::string>();
      per_outlet[outlet].first += int_of(c, "value");
      per_outlet[outlet].second += int_of(c, "accepted_amount");
      ordered += int_of(c, "ordered");
      accepted += int_of(c, "accepted");
      ++signed_contracts;
      table.rows.push_back(
          {std::to_string(++n), outlet,
           c["number"].get<std::string>() + " ngày " + dmy(c["signed_on"].get<std::string>()),
           count(int_of(c, "value")),
           count(int_of(c, "accepted")) + "/" + count(int_of(c, "ordered")),
           count(int_of(c, "accepted_amount"))});
    }
    ordered_total += ordered;
    accepted_total += accepted;
    line += "; dự toán " + count(int_of(s, "budget")) + " đồng. Đã ký " + count(signed_contracts) +
            " hợp đồng, giá trị " + count(int_of(s, "contracted")) + " đồng; đã nghiệm thu " +
            count(accepted) + "/" + count(ordered) + " sản phẩm đặt hàng, giá trị " +
            count(int_of(s, "accepted_amount")) + " đồng (" +
            percent(int_of(s, "budget") ? static_cast<double>(int_of(s, "accepted_amount")) /
                                              static_cast<double>(int_of(s, "budget"))
                                        : 0) +
            " dự toán).";
    out.push_back(body(line));
  }
  if (programmes.size() > 1)
    out.push_back(body(
        "Tổng cộng " + count(static_cast<std::int64_t>(programmes.size())) +
        " chương trình: dự toán " + count(budget) + " đồng; đã ký " + count(n) +
        " hợp đồng, giá trị " + count(contracted) + " đồng; đã nghiệm thu " +
        count(accepted_total) + "/" + count(ordered_total) + " sản phẩm, giá trị " +
        count(accepted_amount) + " đồng (" +
        percent(budget ? static_cast<double>(accepted_amount) / static_cast<double>(budget) : 0) +
        " dự toán)."));
  if (n == 0) return;
  table.rows.push_back({"", "Tổng cộng", "", count(contracted),
                        count(accepted_total) + "/" + count(ordered_total),
                        count(accepted_amount)});
  table.last_row_total = true;
  out.push_back(table);
  out.push_back(caption("Bảng " + std::to_string(++tables) + ". Hợp đồng và nghiệm thu"));
  office::BarChart chart{"Giá trị hợp đồng và nghiệm thu (triệu đồng)",
                         {},
                         {{"Giá trị hợp đồng", {}}, {"Đã nghiệm thu", {}}}};
  for (const auto& [outlet, amounts] : per_outlet) {
    chart.categories.push_back(outlet);
    chart.series[0].values.push_back(static_cast<double>(amounts.first) / 1e6);
    chart.series[1].values.push_back(static_cast<double>(amounts.second) / 1e6);
  }
  out.push_back(chart);
  out.push_back(caption("Biểu đồ " + std::to_string(++charts) +
                        ". Giá trị hợp đồng và nghiệm thu theo cơ quan báo chí"));
}

void free_text_section(const std::string& title, const std::string& text,
                       std::vector<office::Block>& out) {
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) paragraphs.push_back(line);
    start = end + 1;
  }
  if (paragraphs.empty()) return;
  out.push_back(heading(title));
  for (auto& p : paragraphs) out.push_back(p.starts_with("- ") ? bullet(p.substr(2)) : body(p));
}

}  // namespace

Result<office::OfficialDocument> yearly_report(store::Database& db, const SignedInUser& user,
                                               const YearlyReportRequest& request,
                                               const std::string& today) {
  if (request.year < 2000 || request.year > 2100)
    return invalid_argument("year must be between 2000 and 2100, not " +
                            std::to_string(request.year));
  const std::string date = request.date.empty() ? today : request.date;
  if (!valid_iso_date(date))
    return invalid_argument("date must be an ISO date (YYYY-MM-DD): " + date);
  const std::string year = std::to_string(request.year);
  const std::string from = year + "-01-01";
  const std::string year_end = year + "-12-31";
  const std::string to = std::min(year_end, std::max(from, today));

  auto header = official_header(db, user.organisation_id);
  if (!header) return header.status();
  const store::Organisation& self = header->self;
  office::OfficialDocument d;
  d.governing = header->governing;
  d.issuer = header->issuer;
  d.number = "Số: " + (request.number.empty() ? "      /BC-" + header->symbol : request.number);
  d.place_and_date =
      office::place_and_date(request.place.empty() ? header->place : request.place, date);
  d.type_name = "BÁO CÁO";

  std::optional<store::PlanRow> plan;
  Json matrix, rollup;
  if (request.plan_id) {
    auto m = plan_matrix(db, user, *request.plan_id, today);
    if (!m) return m.status();
    matrix = std::move(*m);
    auto r = report_rollup(db, user, *request.plan_id, today);
    if (!r) return r.status();
    rollup = std::move(*r);
    auto p = store::find_plan(db, *request.plan_id);
    if (!p) return p.status();
    plan = std::move(*p);
  }
  std::string plan_ref;
  if (plan) {
    plan_ref = "Kế hoạch" + (plan->document_id ? " số " + *plan->document_id : std::string()) +
               (plan->issued_on ? " ngày " + dmy(*plan->issued_on) : std::string());
    d.subject = "Kết quả thực hiện " + plan_ref + " về " + plan_about(plan->title);
    if (plan->title.find(year) == std::string::npos) d.subject += " năm " + year;
  } else {
    d.subject = "Kết quả công tác thông tin, tuyên truyền và hợp tác báo chí năm " + year;
  }

  // The opening: what is reported on.
  std::string opening;
  if (plan) {
    std::string by;
    if (plan->organisation_id != self.id) {
      auto owner = store::find_organisation(db, plan->organisation_id);
      if (owner) by = " của " + owner->name;
    }
    opening = "Thực hiện " + plan_ref + by + " về " + plan_about(plan->title) + ", " + self.name +
              " báo cáo kết quả thực hiện năm " + year + " như sau:";
  } else {
    opening = self.name +
              " báo cáo kết quả công tác thông tin, tuyên truyền và hợp tác báo chí năm " + year +
              " như sau:";
  }
  d.body.push_back(body(opening));

  int tables = 0;
  int charts = 0;
  if (plan) tasks_section(matrix, rollup, request.year, to, tables, d.body);

  // Coverage.
  Coverage coverage;
  const auto from_day = day_number(from);
  const auto to_day = day_number(to);
  const std::string from_utc = format_utc(vietnam_day_start(*from_day));
  const std::string to_utc = format_utc(vietnam_day_start(*to_day + 1));
  if (plan) {
    auto rows = store::plan_coverage(db, plan->id, from_utc, to_utc);
    if (!rows) return rows.status();
    const auto titles = plan_topic_titles(plan->structure_json);
    std::vector<std::int64_t> per_topic(titles.size(), 0);
    std::map<std::string, std::int64_t> per_outlet;
    for (const auto& r : *rows) {
      if (r.topic_no >= 1 && static_cast<std::size_t>(r.topic_no) <= titles.size())
        per_topic[r.topic_no - 1] += r.articles;
      per_outlet[r.outlet] += r.articles;
    }
    for (std::size_t i = 0; i < titles.size(); ++i)
      coverage.topics.emplace_back(titles[i], per_topic[i]);
    for (auto& [outlet, n] : per_outlet) coverage.outlets.emplace_back(outlet, n);
    // An article on two topics is one article.
    auto distinct = store::count_plan_articles(db, plan->id, from_utc, to_utc);
    if (!distinct) return distinct.status();
    coverage.articles = *distinct;
  } else {
    auto counts = store::dashboard_counts(db, from_utc, to_utc);
    if (!counts) return counts.status();
    auto active = store::active_plan_structures(db);
    if (!active) return active.status();
    std::map<std::string, std::int64_t> covered;
    for (const auto& c : counts->per_topic) covered[c.key] = c.count;
    for (const auto& p : *active) {
      const auto titles = plan_topic_titles(p.structure_json);
      for (std::size_t i = 0; i < titles.size(); ++i) {
        const std::string key = std::to_string(p.plan_id) + ":" + std::to_string(i + 1);
        coverage.topics.emplace_back(titles[i], covered.contains(key) ? covered[key] : 0);
      }
    }
    for (const auto& r : counts->per_outlet) {
      coverage.outlets.emplace_back(r.key, r.count);
      coverage.articles += r.count;
    }
  }
  std::stable_sort(coverage.outlets.begin(), coverage.outlets.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  coverage_section(coverage, from, to, plan.has_value(), tables, charts, d.body);

  // Cooperation: the year's programmes on this plan (or all the caller may see).
  auto list = programmes_json(db, user, request.year);
  if (!list) return list.status();
  std::vector<Json> programmes;
  for (const Json& head : *list) {
    if (plan && !(head["plan_id"].is_number() && head["plan_id"].get<std::int64_t>() == plan->id))
      continue;
    auto full = programme_json(db, user, head["id"].get<std::int64_t>(), today);
    if (!full) return full.status();
    programmes.push_back(std::move(*full));
  }
  cooperation_section(programmes, request.year, tables, charts, d.body);

  free_text_section("IV. ĐÁNH GIÁ CHUNG", request.assessment, d.body);
  free_text_section(request.assessment.empty() ? "IV. KIẾN NGHỊ, ĐỀ XUẤT" : "V. KIẾN NGHỊ, ĐỀ XUẤT",
                    request.proposals, d.body);

  // Recipients and signature.
  d.recipients = request.recipients;
  if (d.recipients.empty()) {
    if (plan && plan->organisation_id != self.id) {
      auto owner = store::find_organisation(db, plan->organisation_id);
      if (owner) d.recipients.push_back(owner->name + " (để báo cáo)");
    } else if (header->parent) {
      d.recipients.push_back(header->parent->name + " (để báo cáo)");
    }
    d.recipients.push_back("Lưu: VT");
  }
  d.signature = header->signature(request.authority, request.signer_title, request.signer_name);
  d.title = "Báo cáo " + d.subject;
  d.author = user.display_name.empty() ? user.username : user.display_name;
  return d;
}

std::string yearly_report_file_name(store::Database& db, const YearlyReportRequest& request,
                                    const std::string& extension) {
  std::string name = "bao-cao-ket-qua-" + std::to_string(request.year);
  if (request.plan_id) {
    auto plan = store::find_plan(db, *request.plan_id);
    if (plan && plan->document_id) name += "-ke-hoach-" + vi::fold(*plan->document_id);
  }
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
  }
  return out + "." + extension;
}

}  // namespace loa::work
