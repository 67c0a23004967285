// Official outputs: the yearly report as DOCX or PDF (work/yearly_report.h, export/), and
// any list as an XLSX workbook (`?format=xlsx` on the list's own address, same filters and
// visibility). docs/API.md describes the parameters.
#include <functional>
#include <map>

#include "base/dates.h"
#include "base/vn_format.h"
#include "doc/spreadsheet.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "web/handlers.h"
#include "work/yearly_report.h"

namespace loa::web {
namespace {

constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::size_t kMaxFreeText = 20000;  // bytes of the assessment or proposals

std::string today(const Call& call) { return vietnam_today(call.app.clock.now_unix()); }

// The request's parameters from a JSON body (POST) or the query string (GET), as JSON.
Result<Json> report_parameters(const Call& call) {
  if (call.request.method == "POST") return parse_json_object(call.request);
  Json out = Json::object();
  for (const char* name : {"year", "plan_id", "format", "number", "date", "place", "authority",
                           "signer_title", "signer_name"}) {
    const std::string v = call.request.query_param(name);
    if (!v.empty()) out[name] = v;
  }
  return out;
}

Result<std::optional<std::int64_t>> number_parameter(const Json& p, const char* name) {
  if (!p.contains(name) || p[name].is_null()) return std::optional<std::int64_t>();
  if (p[name].is_number_integer()) return std::optional<std::int64_t>(p[name].get<std::int64_t>());
  if (p[name].is_string()) {
    const std::string s = p[name].get<std::string>();
    try {
      std::size_t used = 0;
      const long long v = std::stoll(s, &used);
      if (used == s.size()) return std::optional<std::int64_t>(v);
    } catch (const std::exception&) {
    }
  }
  return invalid_argument(std::string(name) + " must be a whole number");
}

Result<std::string> text_parameter(const Json& p, const char* name, std::size_t max_bytes = 300) {
  if (!p.contains(name) || p[name].is_null()) return std::string();
  if (!p[name].is_string()) return invalid_argument(std::string(name) + " must be text");
  std::string v = p[name].get<std::string>();
  if (v.size() > max_bytes)
    return invalid_argument(std::string(name) + " is longer than " + std::to_string(max_bytes) +
                            " bytes");
  return v;
}

Result<work::YearlyReportRequest> yearly_request(const Json& p, const std::string& today) {
  work::YearlyReportRequest r;
  auto year = number_parameter(p, "year");
  if (!year) return year.status();
  const std::int64_t y = year->value_or(std::stoi(today.substr(0, 4)));
  if (y < 2000 || y > 2100)
    return invalid_argument("year must be between 2000 and 2100, not " + std::to_string(y));
  r.year = static_cast<int>(y);
  auto plan = number_parameter(p, "plan_id");
  if (!plan) return plan.status();
  r.plan_id = *plan;
  struct Field {
    const char* name;
    std::string* into;
    std::size_t max;
  };
  for (const Field& f :
       {Field{"number", &r.number, 60}, Field{"date", &r.date, 10}, Field{"place", &r.place, 100},
        Field{"authority", &r.authority, 100}, Field{"signer_title", &r.signer_title, 100},
        Field{"signer_name", &r.signer_name, 100}, Field{"assessment", &r.assessment, kMaxFreeText},
        Field{"proposals", &r.proposals, kMaxFreeText}}) {
    auto v = text_parameter(p, f.name, f.max);
    if (!v) return v.status();
    *f.into = std::move(*v);
  }
  if (!r.date.empty() && !valid_iso_date(r.date))
    return invalid_argument("date must be an ISO date (YYYY-MM-DD), not '" + r.date + "'");
  if (p.contains("recipients") && !p["recipients"].is_null()) {
    if (!p["recipients"].is_array() || p["recipients"].size() > 30)
      return invalid_argument("recipients must be a list of at most 30 names");
    for (const auto& v : p["recipients"]) {
      if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 300)
        return invalid_argument("recipients must be names (text, at most 300 bytes each)");
      r.recipients.push_back(v.get<std::string>());
    }
  }
  return r;
}

// ---- Lists as workbooks -------------------------------------------------------------------

struct Column {
  const char* header;
  std::function<std::string(const Json&)> value;
  bool numeric = false;
};

struct Sheet {
  const char* list_key;  // the array in the list's JSON
  const char* sheet;     // the worksheet's name
  const char* file;      // the file's name, without ".xlsx"
  int max_limit;         // the list's largest page (0: the list has no limit)
  std::vector<Column> columns;
};

std::string text_of(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_number()) return std::to_string(j.get<double>());
  if (j.is_boolean()) return j.get<bool>() ? "Có" : "";
  return "";
}

std::function<std::string(const Json&)> field(const char* key) {
  return [key](const Json& row) { return row.contains(key) ? text_of(row[key]) : ""; };
}

// A date ("2026-12-10" → "10/12/2026") or a stored time (its date in Vietnam).
std::function<std::string(const Json&)> date_field(const char* key) {
  return [key](const Json& row) {
    const std::string v = row.contains(key) ? text_of(row[key]) : "";
    if (v.size() > 10) return vietnam_date_text(v);
    return dmy(v);
  };
}

std::function<std::string(const Json&)> label_field(const char* key,
                                                    std::map<std::string, std::string> labels) {
  return [key, labels = std::move(labels)](const Json& row) {
    const std::string v = row.contains(key) ? text_of(row[key]) : "";
    auto it = labels.find(v);
    return it == labels.end() ? v : it->second;
  };
}

std::function<std::string(const Json&)> yes_field(const char* key, const char* yes) {
  return [key, yes](const Json& row) {
    return row.contains(key) && row[key].is_boolean() && row[key].get<bool>() ? yes : "";
  };
}

const std::map<std::string, std::string> kTaskStatuses = {{"not_started", "Chưa triển khai"},
                                                          {"in_progress", "Đang thực hiện"},
                                                          {"done", "Hoàn thành"},
                                                          {"cannot_do", "Không thực hiện được"}};
const std::map<std::string, std::string> kRequestStatuses = {{"pending", "Chưa gửi"},
                                                             {"submitted", "Đã gửi"},
                                                             {"returned", "Bị trả lại"},
                                                             {"accepted", "Đã chấp nhận"}};

const Sheet kTasks{
    "tasks",
    "Nhiệm vụ",
    "loa-nhiem-vu",
    1000,
    {{"Kế hoạch", field("plan_document_id")},
     {"Tên kế hoạch", field("plan_title")},
     {"Mục",
      [](const Json& r) { return text_of(r["assignment_no"]) + "." + text_of(r["task_no"]); }},
     {"Cơ quan, đơn vị", field("organisation")},
     {"Vai trò", label_field("role", {{"lead", "Chủ trì"}, {"cooperate", "Phối hợp"}})},
     {"Nhiệm vụ", field("text")},
     {"Thời hạn", date_field("due_on")},
     {"Trạng thái", label_field("status", kTaskStatuses)},
     {"Quá hạn", yes_field("overdue", "Quá hạn")},
     {"Tiến độ (%)", field("progress"), true},
     {"Cập nhật", date_field("updated_at")}}};

const Sheet kRequests{"requests",
                      "Báo cáo",
                      "loa-bao-cao",
                      1000,
                      {{"Báo cáo", field("title")},
                       {"Kế hoạch", field("plan_title")},
                       {"Cơ quan, đơn vị", field("organisation")},
                       {"Kỳ", field("period")},
                       {"Hạn gửi", date_field("due_on")},
                       {"Trạng thái", label_field("status", kRequestStatuses)},
                       {"Quá hạn", yes_field("overdue", "Quá hạn")},
                       {"Cập nhật", date_field("updated_at")}}};

const Sheet kNews{
    "results",
    "Tin bài",
    "loa-tin-bai",
    200,
    {{"Tiêu đề", field("title")},
     {"Cơ quan báo chí", field("outlet")},
     {"Ngày đăng", date_field("published")},
     {"Chuyên mục", field("category")},
     {"Cảnh báo", label_field("risk", {{"negative", "Tiêu cực"}, {"sensitive", "Nhạy cảm"}})},
     {"Địa chỉ", field("url")}}};

const Sheet kContracts{"contracts",
                       "Hợp đồng",
                       "loa-hop-dong",
                       0,
                       {{"Số hợp đồng", field("number")},
                        {"Cơ quan báo chí", field("outlet_name")},
                        {"Chương trình", field("programme_title")},
                        {"Ngày ký", date_field("signed_on")},
                        {"Từ ngày", date_field("starts_on")},
                        {"Đến ngày", date_field("ends_on")},
                        {"Giá trị (đồng)", field("value"), true},
                        {"Sản phẩm đặt hàng", field("ordered"), true},
                        {"Đã nghiệm thu", field("accepted"), true},
                        {"Giá trị nghiệm thu (đồng)", field("accepted_amount"), true},
                        {"Chậm", yes_field("late", "Chậm")}}};

const Sheet kDeliverables{"deliverables",
                          "Sản phẩm",
                          "loa-san-pham",
                          0,
                          {{"Tiêu đề", field("title")},
                           {"Cơ quan báo chí", field("outlet")},
                           {"Ngày đăng", date_field("published")},
                           {"Nguồn", label_field("origin", {{"match", "Loa tìm thấy"},
                                                            {"outlet", "Cơ quan báo chí gửi"},
                                                            {"coordinator", "Cán bộ thêm"}})},
                           {"Trạng thái", label_field("status", {{"proposed", "Chờ nghiệm thu"},
                                                                 {"accepted", "Đã nghiệm thu"},
                                                                 {"rejected", "Không nhận"}})},
                           {"Ngày quyết định", date_field("decided_at")},
                           {"Ý kiến", field("comment")},
                           {"Địa chỉ", field("url")}}};

// The list's handler again, its JSON made a workbook: one row per item, the columns above.
Handler with_xlsx(Handler inner, const Sheet& sheet) {
  return [inner = std::move(inner), &sheet](Call& call) -> Response {
    if (call.request.query_param("format") != "xlsx") return inner(call);
    if (sheet.max_limit > 0 && call.request.query_param("limit").empty()) {
      call.request.query += (call.request.query.empty() ? "" : "&") + std::string("limit=") +
                            std::to_string(sheet.max_limit);
    }
    Response listed = inner(call);
    if (listed.status != 200) return listed;
    const Json list = Json::parse(listed.body, nullptr, false);
    if (!list.is_object() || !list.contains(sheet.list_key) || !list[sheet.list_key].is_array())
      return error_response(500, "internal", "the list has no rows to export");
    doc::Table table;
    std::vector<std::string> header;
    std::vector<bool> numeric;
    for (const auto& c : sheet.columns) {
      header.emplace_back(c.header);
      numeric.push_back(c.numeric);
    }
    table.push_back(std::move(header));
    for (const Json& item : list[sheet.list_key]) {
      std::vector<std::string> row;
      row.reserve(sheet.columns.size());
      for (const auto& c : sheet.columns) row.push_back(c.value(item));
      table.push_back(std::move(row));
    }
    auto xlsx = doc::write_xlsx(table, sheet.sheet, numeric);
    if (!xlsx) return error_response(xlsx.status());
    return download_response(std::move(*xlsx),
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             std::string(sheet.file) + "-" + today(call) + ".xlsx");
  };
}

}  // namespace

Handler tasks_with_xlsx(Handler h) { return with_xlsx(std::move(h), kTasks); }
Handler requests_with_xlsx(Handler h) { return with_xlsx(std::move(h), kRequests); }
Handler news_with_xlsx(Handler h) { return with_xlsx(std::move(h), kNews); }
Handler contracts_with_xlsx(Handler h) { return with_xlsx(std::move(h), kContracts); }
Handler deliverables_with_xlsx(Handler h) { return with_xlsx(std::move(h), kDeliverables); }

// GET /api/v1/reports/yearly?year=&plan_id=&format=docx|pdf, or POST with the same as JSON plus
// the signature, recipients and the author's own sections.
Response handle_yearly_report(Call& call) {
  auto params = report_parameters(call);
  if (!params) return error_response(params.status());
  const std::string now = today(call);
  auto request = yearly_request(*params, now);
  if (!request) return error_response(request.status());
  auto format = text_parameter(*params, "format", 10);
  if (!format) return error_response(format.status());
  if (format->empty()) *format = "docx";
  if (*format != "docx" && *format != "pdf")
    return error_response(400, "invalid_argument",
                          "format must be docx or pdf, not '" + *format + "'");
  auto document = work::yearly_report(call.db, *call.user, *request, now);
  if (!document) return error_response(document.status());
  auto docx = office::write_docx(*document);
  if (!docx) return error_response(docx.status());
  const std::string name = work::yearly_report_file_name(call.db, *request, *format);
  if (*format == "docx") return download_response(std::move(*docx), kDocxType, name);
  auto pdf = office::docx_to_pdf(*docx, {.soffice = call.app.options.soffice});
  if (!pdf) return error_response(pdf.status());
  return download_response(std::move(*pdf), "application/pdf", name);
}

}  // namespace loa::web
