// Official outputs: the yearly report as DOCX or PDF (work/yearly_report.h, export/).
// docs/API.md describes the parameters.
#include "base/dates.h"
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

}  // namespace

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
