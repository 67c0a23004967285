// File: web/handlers.h
//
// The API's handlers, one function per route (routes are listed in app.cpp and described
// in docs/API.md). Handlers run after Application's checks; they parse input, call work/
// and store/, and build JSON.
#pragma once

#include "store/tasks.h"
#include "web/app.h"

namespace loa::web {

// handlers_system.cpp
Response handle_healthz(Call& call);
Response handle_metrics(Call& call);

// handlers_auth.cpp
Response handle_login(Call& call);
Response handle_logout(Call& call);
Response handle_me(Call& call);

// handlers_registry.cpp
Response handle_list_organisations(Call& call);
Response handle_get_organisation(Call& call);
Response handle_create_organisation(Call& call);
Response handle_update_organisation(Call& call);
Response handle_delete_organisation(Call& call);
Response handle_export_organisations(Call& call);
Response handle_import_organisations(Call& call);

// handlers_admin.cpp
Response handle_list_users(Call& call);
Response handle_create_user(Call& call);
Response handle_list_audit(Call& call);

// handlers_plans.cpp
Response handle_import_plan(Call& call);
Response handle_list_plans(Call& call);
Response handle_get_plan(Call& call);
Response handle_update_plan(Call& call);
Response handle_plan_cascade(Call& call);
Response handle_activate_plan(Call& call);

// handlers_work.cpp
Response handle_list_tasks(Call& call);
Response handle_get_task(Call& call);
Response handle_add_task_update(Call& call);
Response handle_fan_out(Call& call);
Response handle_plan_matrix(Call& call);
Response handle_report_rollup(Call& call);
Response handle_overdue(Call& call);
Response handle_list_report_requests(Call& call);
Response handle_get_report_request(Call& call);
Response handle_request_reports(Call& call);
Response handle_submit_report(Call& call);
Response handle_decide_report(Call& call);
Response handle_upload_file(Call& call);
Response handle_get_file(Call& call);
Response handle_list_notifications(Call& call);
Response handle_read_notifications(Call& call);
Response handle_renew_calendar(Call& call);
Response handle_calendar_feed(Call& call);

// handlers_news.cpp
Response handle_list_news(Call& call);
Response handle_get_news(Call& call);
Response handle_decide_news_topic(Call& call);
Response handle_decide_news_risk(Call& call);
Response handle_set_news_category(Call& call);
Response handle_news_dashboard(Call& call);
Response handle_list_news_sources(Call& call);
Response handle_create_news_source(Call& call);
Response handle_poll_news_source(Call& call);

// handlers_alerts.cpp
Response handle_list_saved_searches(Call& call);
Response handle_create_saved_search(Call& call);
Response handle_update_saved_search(Call& call);
Response handle_delete_saved_search(Call& call);
Response handle_news_tasks(Call& call);
Response handle_attach_news(Call& call);
Response handle_task_evidence(Call& call);

// handlers_cooperation.cpp
Response handle_list_programmes(Call& call);
Response handle_create_programme(Call& call);
Response handle_get_programme(Call& call);
Response handle_update_programme(Call& call);
Response handle_programme_step(Call& call);
Response handle_create_contract(Call& call);
Response handle_list_contracts(Call& call);
Response handle_get_contract(Call& call);
Response handle_match_contract(Call& call);
Response handle_offer_deliverable(Call& call);
Response handle_decide_deliverable(Call& call);

// handlers_exports.cpp
Response handle_yearly_report(Call& call);
// The list handler, answering `?format=xlsx` with its rows as a workbook.
Handler tasks_with_xlsx(Handler list);
Handler requests_with_xlsx(Handler list);
Handler news_with_xlsx(Handler list);
Handler contracts_with_xlsx(Handler list);
Handler deliverables_with_xlsx(Handler contract);

// handlers_press_review.cpp
Response handle_get_press_review(Call& call);
Response handle_save_press_review(Call& call);
Response handle_add_press_review_item(Call& call);
Response handle_save_press_review_settings(Call& call);
Response handle_press_review_document(Call& call);
Response handle_send_press_review(Call& call);

Json user_json(const work::SignedInUser& user);
// A task as the API shows it; `today` (ISO, Vietnam's) decides "overdue".
Json task_json(const store::TaskRow& t, const std::string& today);

// A file to save (CSV, XLSX …): private, not cached, with `file_name` (ASCII) to save it as.
Response download_response(std::string body, const std::string& content_type,
                           const std::string& file_name);

// The positive whole number in path parameter `name` ("id" unless given); invalid_argument
// naming `what` ("plan id must be a number, not 'abc'") otherwise.
Result<std::int64_t> path_id(const Call& call, const std::string& what,
                             const std::string& name = "id");
// A whole number query parameter from `min` to `max`, or nullopt when absent.
Result<std::optional<std::int64_t>> query_number(const Call& call, const std::string& name,
                                                 std::int64_t min, std::int64_t max);

}  // namespace loa::web
