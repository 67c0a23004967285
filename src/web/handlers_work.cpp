// Work tracking: tasks and their updates, group fan-out, the plan matrix, the overdue
// dashboard, report requests and reports, files, notifications. docs/API.md describes the
// shapes; work/ decides who may do what.
#include "base/dates.h"
#include "doc/reader.h"
#include "store/files.h"
#include "store/notifications.h"
#include "store/reports.h"
#include "store/tasks.h"
#include "web/handlers.h"
#include "work/files.h"
#include "work/ics.h"
#include "work/input.h"
#include "work/reports.h"
#include "work/rollup.h"
#include "work/tasks.h"

namespace loa::web {

namespace {

std::string today(const Call& call) { return vietnam_today(call.app.clock.now_unix()); }

Json file_json(const store::FileRow& f) {
  return {{"id", f.id},     {"name", f.name},     {"content_type", f.content_type},
          {"size", f.size}, {"sha256", f.sha256}, {"url", "/api/v1/files/" + std::to_string(f.id)}};
}

Result<Json> files_json(Call& call, const std::string& owner_kind, std::int64_t owner_id) {
  auto files = store::list_files(call.db, owner_kind, owner_id);
  if (!files) return files.status();
  Json out = Json::array();
  for (const auto& f : *files) out.push_back(file_json(f));
  return out;
}

Json request_json(const store::ReportRequestRow& r, const std::string& today) {
  return {{"id", r.id},
          {"plan_id", r.plan_id},
          {"plan_title", r.plan_title},
          {"duty_id", optional_json(r.duty_id)},
          {"organisation_id", r.organisation_id},
          {"organisation", r.organisation_name},
          {"title", r.title},
          {"period", r.period},
          {"period_from", optional_json(r.period_from)},
          {"period_to", optional_json(r.period_to)},
          {"due_on", r.due_on},
          {"status", r.status},
          {"overdue", work::request_overdue(r, today)},
          {"version", r.version},
          {"updated_at", r.updated_at}};
}

Result<Json> task_detail(Call& call, const store::TaskRow& t) {
  Json out = task_json(t, today(call));
  auto access = work::task_access(call.db, *call.user, t);
  if (!access) return access.status();
  const bool writes =
      call.user->role == work::Role::kCoordinator || call.user->role == work::Role::kMember;
  out["can"] = {
      {"update", writes && *access >= work::TaskAccess::kUpdate && t.organisation_id.has_value()},
      {"comment", writes && *access >= work::TaskAccess::kContribute},
      {"contribute", writes && *access == work::TaskAccess::kContribute},
      {"fan_out", *access == work::TaskAccess::kCoordinate && !t.organisation_id &&
                      call.user->role == work::Role::kCoordinator},
      {"move_deadline", writes && *access == work::TaskAccess::kCoordinate}};
  auto updates = store::list_task_updates(call.db, t.id);
  if (!updates) return updates.status();
  Json history = Json::array();
  for (const auto& u : *updates) {
    auto files = files_json(call, "task_update", u.id);
    if (!files) return files.status();
    history.push_back({{"id", u.id},
                       {"kind", u.kind},
                       {"organisation_id", optional_json(u.organisation_id)},
                       {"author", u.author},
                       {"text", u.text},
                       {"status_from", optional_json(u.status_from)},
                       {"due_from", optional_json(u.due_from)},
                       {"due_to", optional_json(u.due_to)},
                       {"status_to", optional_json(u.status_to)},
                       {"progress", optional_json(u.progress)},
                       {"links", Json::parse(u.links_json, nullptr, false)},
                       {"files", *files},
                       {"created_at", u.created_at}});
  }
  out["updates"] = history;
  // The tasks given out from a group task, and the plan's lead tasks for a cooperating agency.
  store::TaskFilter related;
  related.scope = work::task_scope(call.user->role);
  related.viewer_organisation = call.user->organisation_id;
  related.plan_id = t.plan_id;
  related.limit = 10000;
  auto plan_tasks = store::list_tasks(call.db, related);
  if (!plan_tasks) return plan_tasks.status();
  Json children = Json::array();
  for (const auto& c : *plan_tasks)
    if (c.parent_id == t.id) children.push_back(task_json(c, today(call)));
  out["children"] = children;
  return out;
}

}  // namespace

Json task_json(const store::TaskRow& t, const std::string& today) {
  return {{"id", t.id},
          {"plan_id", t.plan_id},
          {"plan_title", t.plan_title},
          {"plan_document_id", optional_json(t.plan_document_id)},
          {"assignment_no", t.assignment_no},
          {"task_no", t.task_no},
          {"organisation_id", optional_json(t.organisation_id)},
          {"organisation", optional_json(t.organisation_name)},
          {"agency", t.agency},
          {"role", t.role},
          {"text", t.text},
          {"due", optional_json(t.due)},
          {"due_on", optional_json(t.due_on)},
          {"status", t.status},
          {"overdue", work::task_overdue(t, today)},
          {"reason", optional_json(t.status_reason)},
          {"progress", t.progress},
          {"parent_id", optional_json(t.parent_id)},
          {"version", t.version},
          {"updated_at", t.updated_at}};
}

Response download_response(std::string body, const std::string& content_type,
                           const std::string& file_name) {
  Response r;
  r.status = 200;
  r.body = std::move(body);
  r.set_header("Content-Type", content_type);
  r.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Result<std::int64_t> path_id(const Call& call, const std::string& what, const std::string& name) {
  const std::string& raw = call.params.at(name);
  if (!raw.empty() && raw.size() <= 15 &&
      raw.find_first_not_of("0123456789") == std::string::npos) {
    const std::int64_t id = std::stoll(raw);
    if (id > 0) return id;
  }
  return invalid_argument(what + " id must be a number, not '" + raw + "'");
}

Result<std::optional<std::int64_t>> query_number(const Call& call, const std::string& name,
                                                 std::int64_t min, std::int64_t max) {
  return work::parse_whole_number(name, call.request.query_param(name), min, max);
}

Response handle_list_tasks(Call& call) {
  store::TaskFilter f;
  f.scope = work::task_scope(call.user->role);
  f.viewer_organisation = call.user->organisation_id;
  f.today = today(call);
  for (auto [name, target] :
       {std::pair{"plan", &f.plan_id}, {"organisation", &f.organisation_id}}) {
    auto v = query_number(call, name, 1, INT64_MAX >> 1);
    if (!v) return error_response(v.status());
    *target = *v;
  }
  if (auto s = call.request.query_param("status"); !s.empty()) {
    if (!work::is_task_status(s) && s != "overdue")
      return error_response(400, "invalid_argument",
                            "status must be not_started, in_progress, done, cannot_do or overdue, "
                            "not '" +
                                s + "'");
    f.status = s;
  }
  f.own_only = call.request.query_param("mine") == "1";
  auto limit = query_number(call, "limit", 1, 1000);
  auto offset = query_number(call, "offset", 0, 10000000);
  if (!limit) return error_response(limit.status());
  if (!offset) return error_response(offset.status());
  f.limit = static_cast<int>(limit->value_or(200));
  f.offset = static_cast<int>(offset->value_or(0));
  auto tasks = store::list_tasks(call.db, f);
  if (!tasks) return error_response(tasks.status());
  Json list = Json::array();
  for (const auto& t : *tasks) list.push_back(task_json(t, f.today));
  return json_response(200, {{"tasks", list}, {"today", f.today}});
}

Response handle_get_task(Call& call) {
  auto id = path_id(call, "task");
  if (!id) return error_response(id.status());
  auto task = work::visible_task(call.db, *call.user, *id);
  if (!task) return error_response(task.status());
  auto detail = task_detail(call, *task);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

Response handle_add_task_update(Call& call) {
  auto id = path_id(call, "task");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto change = work::parse_task_change(*body);
  if (!change) return error_response(change.status());
  auto update = work::change_task(call.db, call.app.clock, *call.user, call.actor(), *id, *change);
  if (!update) return error_response(update.status());
  auto task = work::visible_task(call.db, *call.user, *id);
  if (!task) return error_response(task.status());
  auto detail = task_detail(call, *task);
  if (!detail) return error_response(detail.status());
  return json_response(201, *detail);
}

Response handle_fan_out(Call& call) {
  auto plan_id = path_id(call, "plan");
  if (!plan_id) return error_response(plan_id.status());
  auto no = path_id(call, "assignment", "no");
  if (!no) return error_response(no.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  std::vector<std::int64_t> ids;
  if (!body->contains("organisation_ids") || !(*body)["organisation_ids"].is_array())
    return error_response(400, "invalid_argument", "organisation_ids must be a list of ids");
  for (std::size_t i = 0; i < (*body)["organisation_ids"].size(); ++i) {
    const Json& v = (*body)["organisation_ids"][i];
    if (!v.is_number_integer())
      return error_response(400, "invalid_argument",
                            "organisation_ids[" + std::to_string(i) + "] must be an id");
    ids.push_back(v.get<std::int64_t>());
  }
  auto created = work::fan_out_assignment(call.db, call.app.clock, *call.user, call.actor(),
                                          *plan_id, static_cast<int>(*no), ids);
  if (!created) return error_response(created.status());
  return json_response(200, {{"tasks_created", *created}});
}

Response handle_plan_matrix(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto matrix = work::plan_matrix(call.db, *call.user, *id, today(call));
  if (!matrix) return error_response(matrix.status());
  return json_response(200, *matrix);
}

Response handle_report_rollup(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto rollup = work::report_rollup(call.db, *call.user, *id, today(call));
  if (!rollup) return error_response(rollup.status());
  return json_response(200, *rollup);
}

Response handle_overdue(Call& call) {
  auto dashboard = work::overdue_dashboard(call.db, *call.user, today(call));
  if (!dashboard) return error_response(dashboard.status());
  return json_response(200, *dashboard);
}

Response handle_list_report_requests(Call& call) {
  store::ReportRequestFilter f = work::request_scope(*call.user);
  f.today = today(call);
  for (auto [name, target] :
       {std::pair{"plan", &f.plan_id}, {"organisation", &f.organisation_id}}) {
    auto v = query_number(call, name, 1, INT64_MAX >> 1);
    if (!v) return error_response(v.status());
    *target = *v;
  }
  if (auto s = call.request.query_param("status"); !s.empty()) {
    if (!work::is_request_status(s) && s != "overdue")
      return error_response(400, "invalid_argument",
                            "status must be pending, submitted, returned, accepted or overdue, "
                            "not '" +
                                s + "'");
    f.status = s;
  }
  if (call.request.query_param("mine") == "1") f.organisation_id = call.user->organisation_id;
  auto limit = query_number(call, "limit", 1, 1000);
  if (!limit) return error_response(limit.status());
  f.limit = static_cast<int>(limit->value_or(200));
  auto requests = store::list_report_requests(call.db, f);
  if (!requests) return error_response(requests.status());
  Json list = Json::array();
  for (const auto& r : *requests) list.push_back(request_json(r, f.today));
  return json_response(200, {{"requests", list}, {"today", f.today}});
}

Response handle_get_report_request(Call& call) {
  auto id = path_id(call, "report request");
  if (!id) return error_response(id.status());
  auto request = work::visible_request(call.db, *call.user, *id);
  if (!request) return error_response(request.status());
  Json out = request_json(*request, today(call));
  auto reports = store::list_reports(call.db, *id);
  if (!reports) return error_response(reports.status());
  Json revisions = Json::array();
  for (const auto& r : *reports) {
    auto files = files_json(call, "report", r.id);
    if (!files) return error_response(files.status());
    revisions.push_back({{"revision", r.revision},
                         {"text", r.text},
                         {"figures", Json::parse(r.figures_json, nullptr, false)},
                         {"submitter", r.submitter},
                         {"submitted_at", r.submitted_at},
                         {"decision", optional_json(r.decision)},
                         {"comment", optional_json(r.comment)},
                         {"decided_at", optional_json(r.decided_at)},
                         {"files", *files}});
  }
  out["reports"] = revisions;
  Json fields = Json::array();
  for (const auto& f : work::report_figure_fields())
    fields.push_back({{"key", f.key}, {"label", f.label}});
  out["figure_fields"] = fields;
  const bool own =
      request->organisation_id == call.user->organisation_id &&
      (call.user->role == work::Role::kMember || call.user->role == work::Role::kCoordinator);
  out["can"] = {{"submit", own && (request->status == "pending" || request->status == "returned")},
                {"decide", call.user->role == work::Role::kCoordinator &&
                               request->plan_organisation_id == call.user->organisation_id &&
                               request->status == "submitted"}};
  return json_response(200, out);
}

Response handle_request_reports(Call& call) {
  auto plan_id = path_id(call, "plan");
  if (!plan_id) return error_response(plan_id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto made =
      work::request_reports(call.db, call.app.clock, *call.user, call.actor(), *plan_id, *body);
  if (!made) return error_response(made.status());
  return json_response(201, {{"request_ids", *made}});
}

Response handle_submit_report(Call& call) {
  auto id = path_id(call, "report request");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto revision =
      work::submit_report(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!revision) return error_response(revision.status());
  return handle_get_report_request(call);
}

Response handle_decide_report(Call& call) {
  auto id = path_id(call, "report request");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s = work::decide_report(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!s) return error_response(s);
  return handle_get_report_request(call);
}

Response handle_upload_file(Call& call) {
  const std::string name = call.request.query_param("name");
  if (name.empty())
    return error_response(400, "invalid_argument", "give the file's name as ?name=…");
  auto id = work::store_upload(call.db, call.app.clock, *call.user, call.actor(), name,
                               call.request.body);
  if (!id) return error_response(id.status());
  auto file = store::find_file(call.db, *id, false);
  if (!file) return error_response(file.status());
  return json_response(201, file_json(*file));
}

Response handle_get_file(Call& call) {
  auto id = path_id(call, "file");
  if (!id) return error_response(id.status());
  auto file = work::visible_file(call.db, *call.user, *id);
  if (!file) return error_response(file.status());
  Response r;
  r.status = 200;
  r.body = std::move(file->data);
  r.set_header("Content-Type", file->content_type);
  r.set_header("Content-Disposition", "attachment; filename=\"file-" + std::to_string(file->id) +
                                          doc::file_extension(file->name) +
                                          "\"; filename*=UTF-8''" + percent_encode(file->name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Content-Security-Policy", "sandbox");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response handle_list_notifications(Call& call) {
  const bool unread_only = call.request.query_param("unread") == "1";
  auto limit = query_number(call, "limit", 1, 500);
  if (!limit) return error_response(limit.status());
  auto list = store::list_notifications(call.db, call.user->id, unread_only,
                                        static_cast<int>(limit->value_or(50)));
  if (!list) return error_response(list.status());
  auto unread = store::count_unread_notifications(call.db, call.user->id);
  if (!unread) return error_response(unread.status());
  Json out = Json::array();
  for (const auto& n : *list)
    out.push_back({{"id", n.id},
                   {"kind", n.kind},
                   {"title", n.title},
                   {"body", n.body},
                   {"link", optional_json(n.link)},
                   {"created_at", n.created_at},
                   {"read_at", optional_json(n.read_at)}});
  return json_response(200, {{"notifications", out}, {"unread", *unread}});
}

namespace {

// Where this server is reached, as the browser reached it (for absolute links in feeds).
std::string public_base(const Call& call) {
  const std::string_view proto = call.request.header("x-forwarded-proto");
  const std::string_view host = call.request.header("host");
  if (host.empty()) return "";
  return std::string(proto == "https" ? "https" : "http") + "://" + std::string(host);
}

}  // namespace

Response handle_renew_calendar(Call& call) {
  auto token = work::renew_calendar_token(call.db, call.app.clock, *call.user, call.actor());
  if (!token) return error_response(token.status());
  return json_response(201, {{"url", public_base(call) + "/api/v1/calendar/" + *token + ".ics"}});
}

Response handle_calendar_feed(Call& call) {
  const std::string& file = call.params.at("file");
  if (!file.ends_with(".ics")) return error_response(404, "not_found", "no such calendar");
  auto feed = work::calendar_feed(call.db, call.app.clock, file.substr(0, file.size() - 4),
                                  public_base(call));
  if (!feed) return error_response(feed.status());
  Response r;
  r.status = 200;
  r.body = std::move(*feed);
  r.set_header("Content-Type", "text/calendar; charset=utf-8");
  r.set_header("Cache-Control", "private, max-age=300");
  return r;
}

// POST /api/v1/notifications/read {"id": 12} marks one; {} marks all.
Response handle_read_notifications(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  std::optional<std::int64_t> id;
  if (body->contains("id")) {
    if (!(*body)["id"].is_number_integer())
      return error_response(400, "invalid_argument", "id must be a notification id");
    id = (*body)["id"].get<std::int64_t>();
  }
  auto changed = store::mark_notifications_read(call.db, call.user->id, id,
                                                format_utc(call.app.clock.now_unix()));
  if (!changed) return error_response(changed.status());
  return json_response(200, {{"marked", *changed}});
}

}  // namespace loa::web
