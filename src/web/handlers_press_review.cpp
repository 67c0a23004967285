// The daily press review (work/press_review.h): the day's selection, its settings, and the
// document. docs/API.md describes the shapes.
#include "base/dates.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "web/handlers.h"
#include "work/press_review.h"

namespace loa::web {
namespace {

// ?date=YYYY-MM-DD, today (Vietnam's) when absent.
std::string review_date(const Call& call) {
  std::string date = call.request.query_param("date");
  return date.empty() ? vietnam_today(call.app.clock.now_unix()) : date;
}

Response review_response(Call& call, int status) {
  auto out = work::press_review_json(call.db, *call.user, review_date(call));
  if (!out) return error_response(out.status());
  return json_response(status, *out);
}

}  // namespace

// GET /api/v1/press-review?date=
Response handle_get_press_review(Call& call) { return review_response(call, 200); }

// PUT /api/v1/press-review?date= — the whole selection, in order.
Response handle_save_press_review(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s = work::save_press_review(call.db, call.app.clock, *call.user, call.actor(),
                                     review_date(call), *body);
  if (!s) return error_response(s);
  return review_response(call, 200);
}

// POST /api/v1/press-review/items?date= {"article_id"}
Response handle_add_press_review_item(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  if (!body->contains("article_id") || !(*body)["article_id"].is_number_integer())
    return error_response(400, "invalid_argument", "article_id must be an article's id");
  Status s =
      work::add_to_press_review(call.db, call.app.clock, *call.user, call.actor(),
                                review_date(call), (*body)["article_id"].get<std::int64_t>());
  if (!s) return error_response(s);
  return review_response(call, 201);
}

// PUT /api/v1/press-review/settings {"recipients", "send_at", "enabled"}
Response handle_save_press_review_settings(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s =
      work::save_press_review_settings(call.db, call.app.clock, *call.user, call.actor(), *body);
  if (!s) return error_response(s);
  return review_response(call, 200);
}

// POST /api/v1/press-review/send?date= — e-mails the review to its readers now.
Response handle_send_press_review(Call& call) {
  if (call.app.mailer == nullptr)
    return error_response(409, "failed_precondition",
                          "e-mail is not set up on this server (loa serve --smtp-url)");
  auto sent = work::send_press_review_now(call.db, call.app.clock, *call.user, call.actor(),
                                          review_date(call), *call.app.mailer);
  if (!sent) return error_response(sent.status());
  auto out = work::press_review_json(call.db, *call.user, review_date(call));
  if (!out) return error_response(out.status());
  (*out)["sent_now"] = *sent;
  return json_response(200, *out);
}

// GET /api/v1/press-review/document?date=&format=docx|pdf
Response handle_press_review_document(Call& call) {
  std::string format = call.request.query_param("format");
  if (format.empty()) format = "docx";
  if (format != "docx" && format != "pdf")
    return error_response(400, "invalid_argument",
                          "format must be docx or pdf, not '" + format + "'");
  const std::string date = review_date(call);
  auto document = work::press_review_document(call.db, call.user->organisation_id, date);
  if (!document) return error_response(document.status());
  auto docx = office::write_docx(*document);
  if (!docx) return error_response(docx.status());
  const std::string name = "diem-bao-" + date + "." + format;
  if (format == "docx")
    return download_response(
        std::move(*docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        name);
  auto pdf = office::docx_to_pdf(*docx, {.soffice = call.app.options.soffice});
  if (!pdf) return error_response(pdf.status());
  return download_response(std::move(*pdf), "application/pdf", name);
}

}  // namespace loa::web
