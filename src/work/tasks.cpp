// Tasks: access rules, progress updates with versions, comments, contributions, fan-out.
#include "work/tasks.h"

#include "base/dates.h"
#include "store/files.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "work/input.h"
#include "work/notify.h"
#include "work/reports.h"

namespace loa::work {

using Json = nlohmann::json;

namespace {

constexpr std::size_t kMaxText = 20000;  // bytes of an update's text
constexpr std::size_t kMaxLinks = 20;
constexpr std::size_t kMaxFiles = 20;

std::string task_link(std::int64_t id) { return "/tasks/" + std::to_string(id); }

std::string status_label(const std::string& status) {
  if (status == "not_started") return "Chưa bắt đầu";
  if (status == "in_progress") return "Đang thực hiện";
  if (status == "done") return "Hoàn thành";
  if (status == "cannot_do") return "Không thực hiện được";
  return status;
}

}  // namespace

bool is_task_status(const std::string& s) {
  return s == "not_started" || s == "in_progress" || s == "done" || s == "cannot_do";
}

bool task_overdue(const store::TaskRow& t, const std::string& today) {
  return (t.status == "not_started" || t.status == "in_progress") && t.due_on && *t.due_on < today;
}

store::TaskScope task_scope(Role role) {
  switch (role) {
    case Role::kAdmin:
    case Role::kLeader:
      return store::TaskScope::kAll;
    case Role::kCoordinator:
      return store::TaskScope::kCoordinator;
    case Role::kMember:
      return store::TaskScope::kOrganisation;
  }
  return store::TaskScope::kOrganisation;
}

Result<TaskAccess> task_access(store::Database& db, const SignedInUser& user,
                               const store::TaskRow& t) {
  if (user.role == Role::kLeader || user.role == Role::kAdmin) return TaskAccess::kRead;
  if (user.role == Role::kCoordinator && t.plan_organisation_id == user.organisation_id)
    return TaskAccess::kCoordinate;
  if (t.organisation_id == user.organisation_id) return TaskAccess::kUpdate;
  if (t.role == "lead" && t.organisation_id) {
    auto cooperates = store::has_task_in_plan(db, t.plan_id, user.organisation_id, "cooperate");
    if (!cooperates) return cooperates.status();
    if (*cooperates) return TaskAccess::kContribute;
  }
  return TaskAccess::kNone;
}

Result<store::TaskRow> visible_task(store::Database& db, const SignedInUser& user,
                                    std::int64_t task_id) {
  auto task = store::find_task(db, task_id);
  if (!task) return task.status();
  auto access = task_access(db, user, *task);
  if (!access) return access.status();
  if (*access == TaskAccess::kNone) return not_found("no task with id " + std::to_string(task_id));
  return task;
}

Result<WritableTask> writable_task(store::Database& db, const SignedInUser& user,
                                   std::int64_t task_id) {
  auto task = visible_task(db, user, task_id);
  if (!task) return task.status();
  auto access = task_access(db, user, *task);
  if (!access) return access.status();
  if (*access == TaskAccess::kRead)
    return permission_denied("leaders and administrators read tasks; they do not change them");
  return WritableTask{std::move(*task), *access};
}

Result<TaskChange> parse_task_change(const Json& body) {
  if (!body.is_object()) return invalid_argument("the body must be a JSON object");
  TaskChange c;
  for (const auto& [key, value] : body.items()) {
    if (key == "kind") {
      if (!value.is_string() || (value != "progress" && value != "comment" &&
                                 value != "contribution" && value != "deadline"))
        return invalid_argument("kind must be progress, comment, contribution or deadline");
      c.kind = value.get<std::string>();
    } else if (key == "version") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1)
        return invalid_argument("version must be the task's version number (1 or more)");
      c.version = value.get<int>();
    } else if (key == "status") {
      if (!value.is_string() || !is_task_status(value.get<std::string>()))
        return invalid_argument(
            "status must be not_started, in_progress, done or cannot_do (overdue is not set: "
            "it follows from the due date)");
      c.status = value.get<std::string>();
    } else if (key == "reason") {
      if (value.is_null()) continue;
      auto text = clean_text(value, "reason", 2000);
      if (!text) return text.status();
      c.reason = *text;
    } else if (key == "progress") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
          value.get<std::int64_t>() > 100)
        return invalid_argument("progress must be a whole number from 0 to 100");
      c.progress = value.get<int>();
    } else if (key == "text") {
      auto text = clean_text(value, "text", kMaxText);
      if (!text) return text.status();
      c.text = *text;
    } else if (key == "links") {
      if (!value.is_array()) return invalid_argument("links must be a list");
      if (value.size() > kMaxLinks)
        return invalid_argument("links: at most " + std::to_string(kMaxLinks) + " links");
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string path = "links[" + std::to_string(i) + "]";
        const Json& l = value[i];
        if (!l.is_object() || !l.contains("url")) return invalid_argument(path + " needs a url");
        auto url = clean_text(l["url"], path + ".url", 2000);
        if (!url) return url.status();
        if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
          return invalid_argument(path + ".url must start with http:// or https://");
        Json link{{"url", *url}};
        if (l.contains("title") && !l["title"].is_null()) {
          auto title = clean_text(l["title"], path + ".title", 500);
          if (!title) return title.status();
          link["title"] = *title;
        }
        c.links.push_back(link);
      }
    } else if (key == "due_on") {
      if (value.is_null()) {
        c.due_on = "";
        continue;
      }
      const std::string date = value.is_string() ? value.get<std::string>() : "";
      if (!valid_iso_date(date) || date < "2000-01-01" || date > "2100-12-31")
        return invalid_argument("due_on must be a date YYYY-MM-DD between 2000 and 2100, or null");
      c.due_on = date;
    } else if (key == "files") {
      if (!value.is_array()) return invalid_argument("files must be a list of file ids");
      if (value.size() > kMaxFiles)
        return invalid_argument("files: at most " + std::to_string(kMaxFiles) + " files");
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_number_integer())
          return invalid_argument("files[" + std::to_string(i) + "] must be a file id");
        c.files.push_back(value[i].get<std::int64_t>());
      }
    } else {
      return invalid_argument("unknown field '" + key + "'");
    }
  }
  if (c.kind == "deadline") {
    if (!c.due_on) return invalid_argument("due_on is required with kind deadline (null: none)");
    if (!c.version)
      return invalid_argument("version is required to move a deadline (the version you read)");
    if (c.status || c.progress || !c.links.empty() || !c.files.empty())
      return invalid_argument("kind deadline changes the due date only (text: the reason)");
    return c;
  }
  if (c.due_on) return invalid_argument("due_on is set with kind deadline only");
  const bool changes_state = c.status || c.progress;
  if (changes_state && c.kind != "progress")
    return invalid_argument("status and progress are set with kind progress only");
  if (changes_state && !c.version)
    return invalid_argument(
        "version is required to change status or progress (the version of "
        "the task you read)");
  if (c.status == "cannot_do" && (!c.reason || c.reason->empty()))
    return invalid_argument("reason is required when a task cannot be done");
  if (!changes_state && c.text.empty() && c.links.empty() && c.files.empty())
    return invalid_argument("nothing to record: give text, links, files, a status or progress");
  return c;
}

Result<std::int64_t> change_task(store::Database& db, const Clock& clock, const SignedInUser& user,
                                 const Actor& actor, std::int64_t task_id,
                                 const TaskChange& change) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto writable = writable_task(db, user, task_id);
  if (!writable) return writable.status();
  store::TaskRow* task = &writable->task;
  const TaskAccess* access = &writable->access;
  if (change.kind == "progress") {
    if (*access < TaskAccess::kUpdate)
      return permission_denied(
          "only the task's own organisation reports its progress; add a "
          "contribution instead");
    if (!task->organisation_id)
      return failed_precondition("task " + std::to_string(task_id) +
                                 " belongs to a group of agencies: give it to its member "
                                 "organisations first");
  }
  if (change.kind == "deadline" && *access < TaskAccess::kCoordinate)
    return permission_denied("only the plan's coordinating organisation moves a deadline");
  const bool changes_state = change.status || change.progress || change.kind == "deadline";
  const store::TaskRow before = *task;
  if (changes_state && change.version != task->version) {
    auto history = store::list_task_updates(db, task_id);
    if (!history) return history.status();
    std::string who = "someone else";
    for (auto it = history->rbegin(); it != history->rend(); ++it) {
      if (it->kind == "progress" && (it->status_to || it->progress)) {
        who = it->author + " at " + it->created_at;
        break;
      }
    }
    return conflict("task " + std::to_string(task_id) + " was changed by " + who +
                    " after you read it (it is now version " + std::to_string(task->version) +
                    ", yours was " + std::to_string(*change.version) +
                    "): reload it, check their update and send yours again");
  }
  const std::string now = format_utc(clock.now_unix());
  store::TaskUpdateRow u;
  u.task_id = task_id;
  u.kind = change.kind;
  u.organisation_id = user.organisation_id;
  u.user_id = user.id;
  u.author = user.display_name;
  u.text = change.text;
  u.links_json = change.links.dump();
  u.created_at = now;
  if (change.kind == "deadline") {
    u.due_from = task->due_on;
    task->due_on = change.due_on->empty() ? std::nullopt : change.due_on;
    u.due_to = task->due_on;
    task->updated_at = now;
    LOA_RETURN_IF_ERROR(store::update_task_due(db, *task));
  } else if (changes_state) {
    if (change.status && *change.status != task->status) {
      u.status_from = task->status;
      u.status_to = *change.status;
      task->status = *change.status;
    }
    task->status_reason = task->status == "cannot_do" ? change.reason : std::nullopt;
    if (change.progress) task->progress = *change.progress;
    if (task->status == "done") task->progress = 100;
    if (task->progress != before.progress) u.progress = task->progress;
    task->updated_at = now;
    LOA_RETURN_IF_ERROR(store::update_task_state(db, *task));
  }
  auto update_id = store::insert_task_update(db, u);
  if (!update_id) return update_id.status();
  if (!change.files.empty()) {
    LOA_RETURN_IF_ERROR(
        store::attach_files(db, change.files, user.organisation_id, "task_update", *update_id));
  }
  Json after{{"kind", u.kind}, {"text", u.text}, {"links", change.links}, {"files", change.files}};
  if (change.kind == "deadline") {
    after["due_on"] = task->due_on ? Json(*task->due_on) : Json(nullptr);
    after["version"] = task->version + 1;
  } else if (changes_state) {
    after["status"] = task->status;
    after["progress"] = task->progress;
    after["version"] = task->version + 1;
  }
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"task." + change.kind, "task", std::to_string(task_id),
       changes_state ? Json{{"status", before.status},
                            {"progress", before.progress},
                            {"due_on", before.due_on ? Json(*before.due_on) : Json(nullptr)},
                            {"version", before.version}}
                           .dump()
                     : std::optional<std::string>(),
       after.dump()}));
  // Who hears of it: the coordinators when the agency finishes or gives up, the agency when
  // someone else writes on its task.
  const std::string what = task->text.size() > 120 ? task->text.substr(0, 120) + "…" : task->text;
  if (u.status_to && (*u.status_to == "done" || *u.status_to == "cannot_do")) {
    auto sent =
        notify_coordinators(db, clock, task->plan_organisation_id,
                            {"task.updated",
                             (task->organisation_name ? *task->organisation_name : task->agency) +
                                 ": " + status_label(*u.status_to),
                             what, task_link(task_id), std::nullopt});
    if (!sent) return sent.status();
  }
  if (change.kind == "deadline" && task->organisation_id) {
    auto sent = notify_organisation(
        db, clock, *task->organisation_id,
        {"task.deadline",
         task->due_on ? "Hạn hoàn thành nhiệm vụ đổi thành " + task->due_on->substr(8, 2) + "/" +
                            task->due_on->substr(5, 2) + "/" + task->due_on->substr(0, 4)
                      : std::string("Nhiệm vụ không còn hạn hoàn thành"),
         what, task_link(task_id), std::nullopt});
    if (!sent) return sent.status();
  } else if (task->organisation_id && *task->organisation_id != user.organisation_id) {
    auto sent = notify_organisation(
        db, clock, *task->organisation_id,
        {change.kind == "contribution" ? "task.contribution" : "task.comment",
         user.organisation_name +
             (change.kind == "contribution" ? " đóng góp vào nhiệm vụ" : " góp ý về nhiệm vụ"),
         what, task_link(task_id), std::nullopt});
    if (!sent) return sent.status();
  }
  LOA_RETURN_IF_ERROR(tx.commit());
  return *update_id;
}

Result<int> fan_out_assignment(store::Database& db, const Clock& clock, const SignedInUser& user,
                               const Actor& actor, std::int64_t plan_id, int assignment_no,
                               const std::vector<std::int64_t>& organisation_ids) {
  if (organisation_ids.empty()) return invalid_argument("organisation_ids: pick at least one");
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto plan = store::find_plan(db, plan_id);
  if (!plan) return plan.status();
  if (user.role != Role::kCoordinator || plan->organisation_id != user.organisation_id)
    return permission_denied("only the coordinators of the plan's organisation give its tasks out");
  if (plan->status != "active")
    return failed_precondition("plan " + std::to_string(plan_id) + " is " + plan->status +
                               ": activate it first");
  auto tasks = store::list_plan_tasks(db, plan_id);
  if (!tasks) return tasks.status();
  std::vector<store::TaskRow> group;
  for (const auto& t : *tasks)
    if (t.assignment_no == assignment_no && !t.parent_id && !t.organisation_id) group.push_back(t);
  if (group.empty()) {
    return invalid_argument("assignment " + std::to_string(assignment_no) + " of plan " +
                            std::to_string(plan_id) + " is not given to a group of agencies");
  }
  const std::string today = vietnam_today(clock.now_unix());
  const std::string now = format_utc(clock.now_unix());
  int created = 0;
  std::string names;
  for (std::size_t i = 0; i < organisation_ids.size(); ++i) {
    auto org = store::find_organisation(db, organisation_ids[i]);
    if (!org) {
      return invalid_argument("organisation_ids[" + std::to_string(i) +
                              "]: " + org.status().message());
    }
    if (org->valid_to && *org->valid_to < today) {
      return invalid_argument("organisation_ids[" + std::to_string(i) + "]: " + org->name +
                              " ceased on " + *org->valid_to);
    }
    bool added = false;
    for (const auto& g : group) {
      bool exists = false;
      for (const auto& t : *tasks) exists |= t.parent_id == g.id && t.organisation_id == org->id;
      if (exists) continue;
      store::TaskRow child = g;
      child.organisation_id = org->id;
      child.agency = org->name;
      child.parent_id = g.id;
      child.status = "not_started";
      child.progress = 0;
      child.created_at = child.updated_at = now;
      auto id = store::insert_task(db, child);
      if (!id) return id.status();
      ++created;
      added = true;
    }
    if (!added) continue;
    names += (names.empty() ? "" : "; ") + org->name;
    auto sent =
        notify_organisation(db, clock, org->id,
                            {"task.assigned", "Nhiệm vụ mới: " + plan->title, group.front().agency,
                             "/tasks?plan=" + std::to_string(plan_id), std::nullopt});
    if (!sent) return sent.status();
  }
  if (created > 0) {
    for (const auto& g : group) {
      store::TaskUpdateRow u;
      u.task_id = g.id;
      u.kind = "assignment";
      u.organisation_id = user.organisation_id;
      u.user_id = user.id;
      u.author = user.display_name;
      u.text = "Giao cho: " + names;
      u.created_at = now;
      auto id = store::insert_task_update(db, u);
      if (!id) return id.status();
    }
    LOA_RETURN_IF_ERROR(
        record_change(db, clock, actor,
                      {"task.fan_out", "plan", std::to_string(plan_id), std::nullopt,
                       Json{{"assignment_no", assignment_no},
                            {"organisation_ids", organisation_ids},
                            {"tasks_created", created}}
                           .dump()}));
    auto requested = ensure_report_requests(db, clock, plan_id);
    if (!requested) return requested.status();
  }
  LOA_RETURN_IF_ERROR(tx.commit());
  return created;
}

}  // namespace loa::work
