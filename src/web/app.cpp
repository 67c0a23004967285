// Request dispatch with the session, permission, CSRF and content-type checks.
#include "web/app.h"

#include <spdlog/spdlog.h>

#include "web/handlers.h"
#include "work/passwords.h"

namespace loa::web {

work::Actor Call::actor() const {
  work::Actor a = user ? user->actor() : work::Actor{};
  a.remote_addr = request.remote_addr;
  a.request_id = request.request_id;
  a.user_agent = std::string(request.header("user-agent"));
  return a;
}

std::string session_cookie(const std::string& token, std::int64_t max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "");
}

Application::Application(AppContext context) : context_(std::move(context)) { add_routes(); }

void Application::add(std::string method, std::string pattern, RouteSpec spec) {
  router_.add(std::move(method), std::move(pattern), std::move(spec));
}

void Application::add_routes() {
  add("GET", "/healthz", {handle_healthz, false, {}});
  add("GET", "/metrics", {handle_metrics, false, {}});
  add("POST", "/api/v1/auth/login", {handle_login, false, {}});
  add("POST", "/api/v1/auth/logout", {handle_logout, true, {}});
  add("GET", "/api/v1/me", {handle_me, true, {}});
  add("GET", "/api/v1/organisations",
      {handle_list_organisations, true, work::Permission::kReadRegistry});
  add("POST", "/api/v1/organisations",
      {handle_create_organisation, true, work::Permission::kAddOrganisations});
  // Before "/:id", which would take "export" for an id.
  add("GET", "/api/v1/organisations/export",
      {handle_export_organisations, true, work::Permission::kReadRegistry});
  add("POST", "/api/v1/organisations/import",
      {handle_import_organisations, true, work::Permission::kManageRegistry, true});
  add("GET", "/api/v1/organisations/:id",
      {handle_get_organisation, true, work::Permission::kReadRegistry});
  add("PUT", "/api/v1/organisations/:id",
      {handle_update_organisation, true, work::Permission::kManageRegistry});
  add("DELETE", "/api/v1/organisations/:id",
      {handle_delete_organisation, true, work::Permission::kManageRegistry});
  add("GET", "/api/v1/users", {handle_list_users, true, work::Permission::kManageUsers});
  add("POST", "/api/v1/users", {handle_create_user, true, work::Permission::kManageUsers});
  add("GET", "/api/v1/audit", {handle_list_audit, true, work::Permission::kReadAuditLog});
  add("GET", "/api/v1/plans", {handle_list_plans, true, work::Permission::kReadPlans});
  add("POST", "/api/v1/plans",  // reads the document (OCR for scans)
      {handle_import_plan, true, work::Permission::kManagePlans, true, true});
  add("GET", "/api/v1/plans/:id", {handle_get_plan, true, work::Permission::kReadPlans});
  add("PUT", "/api/v1/plans/:id", {handle_update_plan, true, work::Permission::kManagePlans});
  add("POST", "/api/v1/plans/:id/activate",
      {handle_activate_plan, true, work::Permission::kManagePlans});
  add("GET", "/api/v1/plans/:id/cascade",
      {handle_plan_cascade, true, work::Permission::kReadPlans});
  add("GET", "/api/v1/plans/:id/report-rollup",
      {handle_report_rollup, true, work::Permission::kReadTasks});
  add("GET", "/api/v1/plans/:id/matrix", {handle_plan_matrix, true, work::Permission::kReadTasks});
  add("POST", "/api/v1/plans/:id/assignments/:no/organisations",
      {handle_fan_out, true, work::Permission::kManagePlans});
  add("POST", "/api/v1/plans/:id/report-requests",
      {handle_request_reports, true, work::Permission::kManagePlans});
  add("GET", "/api/v1/tasks",
      {tasks_with_xlsx(handle_list_tasks), true, work::Permission::kReadTasks});
  add("GET", "/api/v1/tasks/:id", {handle_get_task, true, work::Permission::kReadTasks});
  add("GET", "/api/v1/tasks/:id/evidence",
      {handle_task_evidence, true, work::Permission::kReadTasks});
  add("POST", "/api/v1/tasks/:id/updates",
      {handle_add_task_update, true, work::Permission::kWorkOnTasks});
  add("GET", "/api/v1/overdue", {handle_overdue, true, work::Permission::kReadTasks});
  add("GET", "/api/v1/report-requests",
      {requests_with_xlsx(handle_list_report_requests), true, work::Permission::kReadTasks});
  add("GET", "/api/v1/report-requests/:id",
      {handle_get_report_request, true, work::Permission::kReadTasks});
  add("POST", "/api/v1/report-requests/:id/submit",
      {handle_submit_report, true, work::Permission::kWorkOnTasks});
  add("POST", "/api/v1/report-requests/:id/decision",
      {handle_decide_report, true, work::Permission::kWorkOnTasks});
  add("POST", "/api/v1/files", {handle_upload_file, true, work::Permission::kWorkOnTasks, true});
  add("GET", "/api/v1/files/:id", {handle_get_file, true, work::Permission::kReadTasks});
  add("GET", "/api/v1/news", {news_with_xlsx(handle_list_news), true, work::Permission::kReadNews});
  add("GET", "/api/v1/news/dashboard", {handle_news_dashboard, true, work::Permission::kReadNews});
  add("GET", "/api/v1/news/sources",
      {handle_list_news_sources, true, work::Permission::kManageNews});
  add("POST", "/api/v1/news/sources",
      {handle_create_news_source, true, work::Permission::kManageNews});
  add("POST", "/api/v1/news/sources/:id/poll",
      {handle_poll_news_source, true, work::Permission::kManageNews});
  add("GET", "/api/v1/news/searches",
      {handle_list_saved_searches, true, work::Permission::kReadNews});
  add("POST", "/api/v1/news/searches",
      {handle_create_saved_search, true, work::Permission::kReadNews});
  add("PUT", "/api/v1/news/searches/:id",
      {handle_update_saved_search, true, work::Permission::kReadNews});
  add("DELETE", "/api/v1/news/searches/:id",
      {handle_delete_saved_search, true, work::Permission::kReadNews});
  add("GET", "/api/v1/news/:id", {handle_get_news, true, work::Permission::kReadNews});
  add("GET", "/api/v1/news/:id/tasks", {handle_news_tasks, true, work::Permission::kReadNews});
  add("POST", "/api/v1/news/:id/evidence",
      {handle_attach_news, true, work::Permission::kWorkOnTasks});
  add("POST", "/api/v1/news/:id/topics",
      {handle_decide_news_topic, true, work::Permission::kManageNews});
  add("POST", "/api/v1/news/:id/category",
      {handle_set_news_category, true, work::Permission::kManageNews});
  add("POST", "/api/v1/news/:id/risk",
      {handle_decide_news_risk, true, work::Permission::kManageNews});
  add("GET", "/api/v1/cooperation/programmes",
      {handle_list_programmes, true, work::Permission::kReadCooperation});
  add("POST", "/api/v1/cooperation/programmes",
      {handle_create_programme, true, work::Permission::kManageCooperation});
  add("GET", "/api/v1/cooperation/programmes/:id",
      {handle_get_programme, true, work::Permission::kReadCooperation});
  add("PUT", "/api/v1/cooperation/programmes/:id",
      {handle_update_programme, true, work::Permission::kManageCooperation});
  // Appraisal and approval are by other bodies' officers and leaders: work/cooperation.h.
  add("POST", "/api/v1/cooperation/programmes/:id/steps",
      {handle_programme_step, true, work::Permission::kReadCooperation});
  add("POST", "/api/v1/cooperation/programmes/:id/contracts",
      {handle_create_contract, true, work::Permission::kManageCooperation});
  add("GET", "/api/v1/cooperation/contracts",
      {contracts_with_xlsx(handle_list_contracts), true, work::Permission::kReadCooperation});
  add("GET", "/api/v1/cooperation/contracts/:id",
      {deliverables_with_xlsx(handle_get_contract), true, work::Permission::kReadCooperation});
  add("POST", "/api/v1/cooperation/contracts/:id/match",
      {handle_match_contract, true, work::Permission::kManageCooperation});
  add("POST", "/api/v1/cooperation/contracts/:id/deliverables",  // fetches the page
      {handle_offer_deliverable, true, work::Permission::kWorkOnTasks, false, true});
  add("POST", "/api/v1/cooperation/deliverables/:id/decision",
      {handle_decide_deliverable, true, work::Permission::kManageCooperation});
  add("GET", "/api/v1/reports/yearly",
      {handle_yearly_report, true, work::Permission::kReadTasks, false, true});
  add("POST", "/api/v1/reports/yearly",
      {handle_yearly_report, true, work::Permission::kReadTasks, false, true});
  add("GET", "/api/v1/press-review", {handle_get_press_review, true, work::Permission::kReadNews});
  add("PUT", "/api/v1/press-review",
      {handle_save_press_review, true, work::Permission::kManageNews});
  add("POST", "/api/v1/press-review/items",
      {handle_add_press_review_item, true, work::Permission::kManageNews});
  add("PUT", "/api/v1/press-review/settings",
      {handle_save_press_review_settings, true, work::Permission::kManageNews});
  add("POST", "/api/v1/press-review/send",  // e-mails, with the Word file
      {handle_send_press_review, true, work::Permission::kManageNews, false, true});
  add("GET", "/api/v1/press-review/document",
      {handle_press_review_document, true, work::Permission::kReadNews, false, true});
  add("GET", "/api/v1/notifications", {handle_list_notifications, true, std::nullopt});
  add("POST", "/api/v1/notifications/read", {handle_read_notifications, true, std::nullopt});
  add("POST", "/api/v1/calendar-feed",
      {handle_renew_calendar, true, work::Permission::kWorkOnTasks});
  // Calendar apps subscribe without a session: the secret in the address is the key.
  add("GET", "/api/v1/calendar/:file", {handle_calendar_feed, false, std::nullopt});
}

Response Application::handle(Request& request) {
  try {
    return dispatch(request);
  } catch (const std::exception& e) {
    return internal_failure(request, e);
  }
}

Response Application::internal_failure(const Request& request, const std::exception& e) {
  spdlog::error(R"({{"msg":"handler failed","request_id":"{}","error":"{}"}})", request.request_id,
                e.what());
  return error_response(500, "internal",
                        "internal error; see the server log (request " + request.request_id + ")");
}

Response Application::dispatch(Request& request) {
  auto match = router_.match(request.method, request.path);
  const bool is_api = request.path.starts_with("/api/");
  if (match.route == nullptr) {
    if (!match.allowed.empty()) {
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      request.route = "(method not allowed)";
      Response r = error_response(405, "method_not_allowed",
                                  request.method + " is not allowed on " + request.path);
      r.set_header("Allow", allow);
      return r;
    }
    if (!is_api && context_.ui != nullptr &&
        (request.method == "GET" || request.method == "HEAD")) {
      request.route = "(ui)";
      if (auto file = context_.ui->serve(request.path)) return *file;
    }
    request.route = "(not found)";
    return error_response(404, "not_found", "no such resource: " + request.path);
  }
  const RouteSpec& spec = match.route->value;
  request.route = match.route->pattern;

  if (request.changes_state() && !request.body.empty() && !spec.file_body &&
      !request.header("content-type").starts_with("application/json")) {
    return error_response(415, "unsupported_media_type",
                          "request body must be JSON (Content-Type: application/json)");
  }

  auto lease = context_.pool.acquire();
  std::optional<work::SignedInUser> user;
  if (spec.requires_session) {
    const std::string token = cookie_value(request.header("cookie"), kSessionCookie);
    auto signed_in = context_.auth.authenticate(*lease, token);
    if (!signed_in) {
      if (signed_in.status().code() != StatusCode::kUnauthenticated) {
        return error_response(signed_in.status());
      }
      Response r = error_response(401, "unauthenticated",
                                  "sign in first (" + signed_in.status().message() + ")");
      if (!token.empty())
        r.set_header("Set-Cookie", cleared_session_cookie(context_.options.secure_cookies));
      return r;
    }
    user = std::move(*signed_in);
    request.username = user->username;
    if (request.changes_state() &&
        !work::constant_time_equal(request.header(kCsrfHeader), user->csrf_token)) {
      return error_response(403, "csrf", "missing or wrong X-CSRF-Token header");
    }
    if (spec.permission && !work::role_allows(user->role, *spec.permission)) {
      return error_response(
          403, "permission_denied",
          "role '" + std::string(work::role_name(user->role)) + "' may not do this");
    }
  }
  if (spec.slow) {
    // Checked above on the event loop; the work itself runs on a blocking thread, with a
    // connection of its own, while the request (kept by the server) waits for it.
    Response r;
    r.later = [this, &request, handler = spec.handler, params = std::move(match.params),
               user = std::move(user)]() {
      try {
        auto own = context_.pool.acquire();
        Call call{request, params, *own, user ? &*user : nullptr, context_};
        return handler(call);
      } catch (const std::exception& e) {
        return internal_failure(request, e);
      }
    };
    return r;
  }
  Call call{request, match.params, *lease, user ? &*user : nullptr, context_};
  return spec.handler(call);
}

void Application::observe(const Request& request, int status, double seconds) {
  context_.metrics.observe(request.method, request.route.empty() ? "(unrouted)" : request.route,
                           status, seconds);
}

}  // namespace loa::web
