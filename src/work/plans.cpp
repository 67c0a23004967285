// Plan import, correction and activation.
#include "work/plans.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "base/dates.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "store/tasks.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "work/notify.h"
#include "work/reports.h"

namespace loa::work {

namespace {

using Json = nlohmann::ordered_json;

// The upload in a private temporary file (poppler and leptonica read files), removed after.
class TempFile {
 public:
  explicit TempFile(const std::string& extension) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("loa-upload-XXXXXX" + extension)).string();
    const int fd = mkstemps(pattern.data(), static_cast<int>(extension.size()));
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::filesystem::remove(path_, ec_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::error_code ec_;
};

std::string base_name(const std::string& name) {
  std::string n = std::filesystem::path(name).filename().string();
  if (n.empty()) n = "plan";
  if (n.size() > 200) n.resize(200);
  return n;
}

// The plan's own number as a canonical id: "62/KH-UBND", or "04-KH/ĐU" for Party documents.
std::optional<std::string> own_document_id(const doc::PlanDocument& d) {
  if (!d.number || !d.symbol) return std::nullopt;
  return *d.number + (d.symbol->find('/') != std::string::npos ? "-" : "/") + *d.symbol;
}

std::optional<std::string> text_or_null(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  return j[key].get<std::string>();
}

// The columns a plan row takes from its structure.
void fill_from_structure(const Json& s, store::PlanRow& row) {
  const Json& d = s["document"];
  row.doc_type = text_or_null(d, "type");
  row.issuer = text_or_null(d, "issuer");
  row.issued_on = text_or_null(d, "date");
  row.year = d.contains("year") && d["year"].is_number_integer()
                 ? std::optional<int>(d["year"].get<int>())
                 : std::nullopt;
  auto title = text_or_null(d, "title");
  if (title && !title->empty()) row.title = *title;
  if (row.title.empty()) row.title = row.source_name;
  doc::PlanDocument pd;
  pd.number = text_or_null(d, "number");
  pd.symbol = text_or_null(d, "symbol");
  row.document_id = own_document_id(pd);
  row.period_from.reset();
  row.period_to.reset();
  if (s.contains("period") && s["period"].is_object()) {
    row.period_from = text_or_null(s["period"], "from");
    row.period_to = text_or_null(s["period"], "to");
  }
  row.structure_json = s.dump();
}

std::vector<store::PlanCitation> citations_of(const Json& s) {
  std::vector<store::PlanCitation> out;
  auto add = [&](const Json& list, bool basis) {
    if (!list.is_array()) return;
    for (const auto& c : list) {
      if (!c.is_object() || !c.contains("id") || !c["id"].is_string()) continue;
      out.push_back(
          {c["id"].get<std::string>(), basis, text_or_null(c, "date"), text_or_null(c, "issuer")});
    }
  };
  add(s.value("basis", Json::array()), true);
  add(s.value("references", Json::array()), false);
  return out;
}

bool is_date(const std::string& s) {
  static const std::regex kIso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  static const std::regex kYearly(R"((0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(s, kIso) || std::regex_match(s, kYearly);
}

}  // namespace

Result<doc::Registry> load_registry(store::Database& db) {
  auto orgs = store::list_organisations(db, std::nullopt);
  if (!orgs) return orgs.status();
  auto links = store::list_organisation_successors(db);
  if (!links) return links.status();
  doc::Registry r;
  for (const auto& o : *orgs) {
    doc::RegistryOrganisation ro;
    ro.id = o.id;
    ro.code = o.code;
    ro.name = o.name;
    ro.short_name = o.short_name.value_or("");
    ro.valid_from = o.valid_from;
    ro.valid_to = o.valid_to;
    for (const auto& a : o.aliases) ro.aliases.push_back(a.text);
    r.organisations.push_back(std::move(ro));
  }
  for (const auto& l : *links)
    r.successions.push_back({l.predecessor_id, l.successor_id, l.scope, l.effective_on});
  return r;
}

Result<ReadPlan> read_plan(store::Database* db, const PlanUpload& upload, const Repairer& repair,
                           const doc::ReadLimits& limits) {
  const std::string name = base_name(upload.file_name);
  if (upload.bytes.empty()) return invalid_argument("'" + name + "' is empty");
  if (upload.bytes.size() > limits.max_bytes) {
    return resource_exhausted("'" + name + "' is larger than " +
                              std::to_string(limits.max_bytes >> 20) + " MiB");
  }
  TempFile file(doc::file_extension(name));
  if (file.path().empty()) return unavailable("cannot create a temporary file for the upload");
  {
    std::ofstream out(file.path(), std::ios::binary);
    out.write(upload.bytes.data(), static_cast<std::streamsize>(upload.bytes.size()));
    if (!out) return unavailable("cannot write the upload to a temporary file");
  }
  auto text = doc::read_document(file.path(), nullptr, limits);
  if (!text) {
    // Name the file as the user knows it, not the temporary path.
    std::string message = text.status().message();
    for (std::size_t at = message.find(file.path()); at != std::string::npos;
         at = message.find(file.path()))
      message.replace(at, file.path().size(), name);
    return Status(text.status().code(), message);
  }
  if (repair.restorer != nullptr) {
    std::unique_lock<std::mutex> lock;
    if (repair.mutex != nullptr) lock = std::unique_lock<std::mutex>(*repair.mutex);
    doc::repair(*text, repair.restorer);
  }
  ReadPlan out;
  out.plan = doc::parse_plan(text->text, text->repaired);
  out.text = std::move(*text);
  if (db != nullptr) {
    auto registry = load_registry(*db);
    if (!registry) return registry.status();
    doc::resolve_agencies(out.plan, *registry);
  }
  return out;
}

std::optional<Refusal> refusal(const doc::Plan& plan) {
  if (plan.secrecy) {
    return Refusal{"secret_document",
                   "the document is marked " + *plan.secrecy +
                       " (secret): secret documents must not be stored on this system; nothing "
                       "was stored"};
  }
  if (!plan.looks_like_plan) {
    return Refusal{"not_a_plan",
                   "this does not look like a plan (no plan heading, no sections, no "
                   "assignments); nothing was stored"};
  }
  return std::nullopt;
}

Result<std::int64_t> store_plan(store::Database& db, const Clock& clock, const ReadPlan& read,
                                const std::string& file_name, std::int64_t organisation_id,
                                const Actor& actor) {
  const doc::Plan& plan = read.plan;
  store::PlanRow row;
  row.organisation_id = organisation_id;
  row.source_name = base_name(file_name);
  row.source_format = read.text.format;
  row.source_ocr = read.text.ocr;
  row.source_text = read.text.text;
  Json review = Json::array();
  for (const auto& r : read.text.review)
    review.push_back({{"offset", r.offset},
                      {"length", r.length},
                      {"confidence", std::round(r.confidence * 100) / 100}});
  row.review_json = review.dump();
  fill_from_structure(doc::plan_to_json(plan), row);
  row.created_by = actor.user_id;
  row.created_at = row.updated_at = format_utc(clock.now_unix());

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_plan(db, row);
  if (!id) return id.status();
  LOA_RETURN_IF_ERROR(
      store::replace_plan_citations(db, *id, citations_of(Json::parse(row.structure_json))));
  const Json summary = {{"title", row.title},
                        {"document_id", row.document_id ? Json(*row.document_id) : Json(nullptr)},
                        {"source_name", row.source_name},
                        {"source_format", row.source_format},
                        {"assignments", plan.assignments.size()}};
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"plan.import", "plan", std::to_string(*id), std::nullopt, summary.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Result<ImportResult> import_plan(store::Database& db, const Clock& clock, const PlanUpload& upload,
                                 std::int64_t organisation_id, const Actor& actor,
                                 const Repairer& repair, const doc::ReadLimits& limits) {
  auto read = read_plan(&db, upload, repair, limits);
  if (!read) return read.status();
  if (auto refused = refusal(read->plan)) return failed_precondition(refused->message);
  auto id = store_plan(db, clock, *read, upload.file_name, organisation_id, actor);
  if (!id) return id.status();
  return ImportResult{*id, std::move(read->plan)};
}

Result<Json> validate_structure(const Json& s) {
  if (!s.is_object()) return invalid_argument("the plan must be a JSON object");
  Json out = s;
  std::string error;
  // Every string NFC; the first problem found named by its path.
  auto text = [&](Json& j, const std::string& path, bool required) {
    if (!error.empty()) return;
    if (j.is_null() && !required) return;
    if (!j.is_string()) {
      error = path + " must be text" + (required ? "" : " or null");
      return;
    }
    auto nfc = vi::to_nfc(j.get<std::string>());
    if (!nfc) {
      error = path + ": " + nfc.status().message();
      return;
    }
    if (required && nfc->empty()) error = path + " must not be empty";
    j = *nfc;
  };
  auto array = [&](const char* key) -> Json& {
    if (!out.contains(key) || out[key].is_null()) out[key] = Json::array();
    if (!out[key].is_array() && error.empty()) error = std::string(key) + " must be a list";
    return out[key];
  };
  if (!out.contains("document") || !out["document"].is_object())
    return invalid_argument("document must be an object");
  Json& d = out["document"];
  for (const char* k : {"type", "number", "symbol", "issuer", "place", "date"}) {
    if (!d.contains(k)) d[k] = nullptr;
    text(d[k], std::string("document.") + k, false);
  }
  if (!d.contains("title")) d["title"] = "";
  text(d["title"], "document.title", true);
  if (error.empty() && d["date"].is_string() && !is_date(d["date"].get<std::string>()))
    error = "document.date must be a date (YYYY-MM-DD)";
  if (error.empty() && d.contains("year") && !d["year"].is_null() &&
      !(d["year"].is_number_integer() && d["year"].get<int>() >= 1945 &&
        d["year"].get<int>() <= 2100))
    error = "document.year must be a year";
  for (const char* list : {"basis", "references"}) {
    Json& a = array(list);
    for (std::size_t i = 0; error.empty() && i < a.size(); ++i) {
      const std::string path = std::string(list) + "[" + std::to_string(i) + "]";
      if (!a[i].is_object()) {
        error = path + " must be an object";
        break;
      }
      text(a[i]["id"], path + ".id", true);
    }
  }
  Json& assignments = array("assignments");
  for (std::size_t i = 0; error.empty() && i < assignments.size(); ++i) {
    Json& a = assignments[i];
    const std::string path = "assignments[" + std::to_string(i) + "]";
    if (!a.is_object()) {
      error = path + " must be an object";
      break;
    }
    text(a["agency"], path + ".agency", true);
    const std::string role = a.value("role", "");
    if (error.empty() && role != "lead" && role != "cooperate" && role != "implement")
      error = path + ".role must be lead, cooperate or implement";
    if (error.empty() && a.contains("organisation_id") && !a["organisation_id"].is_null() &&
        !a["organisation_id"].is_number_integer())
      error = path + ".organisation_id must be a number or null";
    for (const char* flag : {"group", "requested"})
      if (error.empty() && a.contains(flag) && !a[flag].is_boolean())
        error = path + "." + flag + " must be true or false";
    if (!a.contains("parts") || a["parts"].is_null()) a["parts"] = Json::array();
    if (error.empty() && !a["parts"].is_array()) error = path + ".parts must be a list";
    for (std::size_t k = 0; error.empty() && k < a["parts"].size(); ++k) {
      Json& part = a["parts"][k];
      const std::string ppath = path + ".parts[" + std::to_string(k) + "]";
      if (!part.is_object()) {
        error = ppath + " must be an object";
        break;
      }
      text(part["agency"], ppath + ".agency", true);
      if (error.empty() && part.contains("organisation_id") && !part["organisation_id"].is_null() &&
          !part["organisation_id"].is_number_integer())
        error = ppath + ".organisation_id must be a number or null";
    }
    if (!a.contains("tasks") || !a["tasks"].is_array()) {
      if (error.empty()) error = path + ".tasks must be a list";
      break;
    }
    for (std::size_t k = 0; error.empty() && k < a["tasks"].size(); ++k) {
      Json& t = a["tasks"][k];
      const std::string tpath = path + ".tasks[" + std::to_string(k) + "]";
      if (!t.is_object()) {
        error = tpath + " must be an object";
        break;
      }
      text(t["text"], tpath + ".text", true);
      if (!t.contains("due")) t["due"] = nullptr;
      text(t["due"], tpath + ".due", false);
      if (error.empty() && t["due"].is_string() && !is_date(t["due"].get<std::string>()))
        error = tpath + ".due must be a date (YYYY-MM-DD, or MM-DD for every year)";
    }
  }
  Json& reporting = array("reporting");
  for (std::size_t i = 0; error.empty() && i < reporting.size(); ++i) {
    const std::string path = "reporting[" + std::to_string(i) + "]";
    if (!reporting[i].is_object()) {
      error = path + " must be an object";
      break;
    }
    for (const char* k : {"from", "to", "via", "recurrence", "due"}) {
      if (!reporting[i].contains(k)) reporting[i][k] = nullptr;
      text(reporting[i][k], path + "." + k, false);
    }
  }
  for (const char* list : {"sections", "topics"}) {
    Json& a = array(list);
    for (std::size_t i = 0; error.empty() && i < a.size(); ++i) {
      if (!a[i].is_object()) {
        error = std::string(list) + "[" + std::to_string(i) + "] must be an object";
        break;
      }
      text(a[i]["title"], std::string(list) + "[" + std::to_string(i) + "].title", true);
    }
  }
  if (!error.empty()) return invalid_argument(error);
  return out;
}

Status update_plan(store::Database& db, const Clock& clock, std::int64_t plan_id,
                   const Json& structure, const Actor& actor) {
  auto clean = validate_structure(structure);
  if (!clean) return clean.status();
  // Organisations named (by an assignment or one of its parts) must exist.
  for (const auto& a : (*clean)["assignments"]) {
    std::vector<const Json*> named{&a};
    for (const auto& p : a["parts"]) named.push_back(&p);
    for (const Json* n : named) {
      if (!n->contains("organisation_id") || (*n)["organisation_id"].is_null()) continue;
      const auto id = (*n)["organisation_id"].get<std::int64_t>();
      auto org = store::find_organisation(db, id);
      if (!org) {
        if (org.status().code() == StatusCode::kNotFound)
          return invalid_argument("assignment '" + (*n)["agency"].get<std::string>() +
                                  "': no organisation with id " + std::to_string(id));
        return org.status();
      }
    }
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto row = store::find_plan(db, plan_id);
  if (!row) return row.status();
  if (row->status != "draft") {
    return failed_precondition("plan " + std::to_string(plan_id) + " is " + row->status +
                               "; only a draft can be changed");
  }
  const std::string before = row->structure_json;
  fill_from_structure(*clean, *row);
  row->updated_at = format_utc(clock.now_unix());
  LOA_RETURN_IF_ERROR(store::update_plan_structure(db, *row));
  LOA_RETURN_IF_ERROR(store::replace_plan_citations(db, plan_id, citations_of(*clean)));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"plan.update", "plan", std::to_string(plan_id), before, row->structure_json}));
  return tx.commit();
}

Result<int> activate_plan(store::Database& db, const Clock& clock, std::int64_t plan_id,
                          const Actor& actor) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto row = store::find_plan(db, plan_id);
  if (!row) return row.status();
  if (row->status != "draft") {
    return failed_precondition("plan " + std::to_string(plan_id) + " is already " + row->status);
  }
  const Json s = Json::parse(row->structure_json, nullptr, false);
  if (s.is_discarded())
    return internal_error("plan " + std::to_string(plan_id) + " has a damaged structure");
  // Who does each assignment: its organisation, each of its parts' ("A; B; C"), or nobody
  // in particular for a group of agencies ("Các sở, ban, ngành").
  auto doers = [](const Json& a) {
    std::vector<std::pair<std::optional<std::int64_t>, std::string>> out;
    const std::string agency = a.value("agency", std::string("?"));
    if (a.contains("organisation_id") && a["organisation_id"].is_number_integer()) {
      out.emplace_back(a["organisation_id"].get<std::int64_t>(), agency);
    } else if (a.contains("parts") && a["parts"].is_array() && !a["parts"].empty()) {
      for (const auto& p : a["parts"]) {
        const std::string name = p.value("agency", agency);
        if (p.contains("organisation_id") && p["organisation_id"].is_number_integer())
          out.emplace_back(p["organisation_id"].get<std::int64_t>(), name);
        else
          out.emplace_back(std::nullopt, name);
      }
    } else {
      out.emplace_back(std::nullopt, agency);
    }
    return out;
  };
  std::string unmatched;
  for (const auto& a : s["assignments"]) {
    if (a.value("group", false)) continue;
    for (const auto& [id, name] : doers(a))
      if (!id) unmatched += (unmatched.empty() ? "" : "; ") + name;
  }
  if (!unmatched.empty()) {
    return failed_precondition("confirm the organisation of every agency first; not matched: " +
                               unmatched);
  }
  const std::string now = format_utc(clock.now_unix());
  const std::string today = vietnam_today(clock.now_unix());
  // Tasks go to bodies that exist today: one abolished since the plan was written (the 2025
  // reform) is refused, naming the bodies that took over its functions.
  auto registry = store::list_organisations(db, std::nullopt);
  if (!registry) return registry.status();
  auto links = store::list_organisation_successors(db);
  if (!links) return links.status();
  std::map<std::int64_t, const store::Organisation*> by_id;
  for (const auto& o : *registry) by_id[o.id] = &o;
  std::string ceased;
  std::set<std::int64_t> reported;
  for (const auto& a : s["assignments"]) {
    for (const auto& [id, name] : doers(a)) {
      if (!id) continue;
      auto it = by_id.find(*id);
      if (it == by_id.end() || !it->second->valid_to || *it->second->valid_to >= today ||
          !reported.insert(*id).second)
        continue;
      std::string successors;
      for (const auto& l : *links) {
        if (l.predecessor_id != *id || !by_id.contains(l.successor_id)) continue;
        successors += (successors.empty() ? "" : "; ") + by_id[l.successor_id]->name;
        if (l.scope != "all") successors += " (" + l.scope + ")";
      }
      ceased += (ceased.empty() ? "" : ". ") + it->second->name + " ceased on " +
                *it->second->valid_to +
                (successors.empty() ? "" : "; its functions passed to " + successors);
    }
  }
  if (!ceased.empty()) {
    return failed_precondition(
        "give the tasks of bodies that no longer exist to their successors first: " + ceased);
  }
  // When a task is due: its own date; a yearly "MM-DD" in the plan's year; else the end of the
  // plan's period.
  auto due_on = [&](const std::optional<std::string>& due) -> std::optional<std::string> {
    if (due && valid_iso_date(*due)) return due;
    const int year = row->year.value_or(std::stoi(today.substr(0, 4)));
    if (due && due->size() == 5 && valid_iso_date(std::to_string(year) + "-" + *due))
      return std::to_string(year) + "-" + *due;
    return row->period_to;
  };
  int created = 0;
  std::map<std::int64_t, int> per_organisation;
  int assignment_no = 0;
  for (const auto& a : s["assignments"]) {
    ++assignment_no;
    int task_no = 0;
    for (const auto& [organisation_id, name] : doers(a)) {
      for (const auto& t : a["tasks"]) {
        store::TaskRow task;
        task.plan_id = plan_id;
        task.assignment_no = assignment_no;
        task.task_no = ++task_no;
        task.organisation_id = organisation_id;
        task.agency = name;
        task.role = a.value("role", std::string("implement"));
        task.text = t.value("text", std::string());
        if (t.contains("due") && t["due"].is_string()) task.due = t["due"].get<std::string>();
        task.due_on = due_on(task.due);
        task.created_at = task.updated_at = now;
        auto id = store::insert_task(db, task);
        if (!id) return id.status();
        ++created;
        if (organisation_id) ++per_organisation[*organisation_id];
      }
    }
  }
  LOA_RETURN_IF_ERROR(store::set_plan_status(db, plan_id, "active", now));
  LOA_RETURN_IF_ERROR(
      record_report_duties(db, plan_id, nlohmann::json::parse(row->structure_json), today));
  for (const auto& [organisation_id, count] : per_organisation) {
    if (organisation_id == row->organisation_id) continue;
    auto sent = notify_organisation(db, clock, organisation_id,
                                    {"task.assigned", "Nhiệm vụ mới: " + row->title,
                                     std::to_string(count) + " nhiệm vụ được giao cho đơn vị",
                                     "/tasks?plan=" + std::to_string(plan_id), std::nullopt});
    if (!sent) return sent.status();
  }
  auto requested = ensure_report_requests(db, clock, plan_id);
  if (!requested) return requested.status();
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"plan.activate", "plan", std::to_string(plan_id), Json{{"status", "draft"}}.dump(),
       Json{{"status", "active"}, {"tasks", created}}.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return created;
}

}  // namespace loa::work
