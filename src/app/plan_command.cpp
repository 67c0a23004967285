// `loa plan …` subcommands. See plan_command.h.
#include "app/plan_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/database.h"
#include "app/model.h"
#include "base/clock.h"
#include "doc/agencies.h"
#include "doc/layout.h"
#include "doc/plan.h"
#include "doc/reader.h"
#include "store/organisations.h"
#include "vi/corpus.h"
#include "vi/restore.h"
#include "work/news.h"
#include "work/plans.h"

namespace loa::app {

namespace {

int fail(const std::string& message) {
  std::cerr << "loa: error: " << message << "\n";
  return 1;
}

std::string or_dash(const std::optional<std::string>& v) { return v ? *v : "-"; }

void print_text(const doc::Plan& plan, std::ostream& out) {
  const doc::PlanDocument& d = plan.document;
  out << "Document   " << or_dash(d.type) << " " << or_dash(d.number) << "/" << or_dash(d.symbol)
      << ", " << or_dash(d.issuer) << ", " << or_dash(d.place) << ", " << or_dash(d.date)
      << " (year " << (d.year ? std::to_string(*d.year) : "-") << ")\n";
  out << "Title      " << or_dash(d.title) << "\n";
  out << "Signer     " << or_dash(d.signer.name) << " (" << or_dash(d.signer.capacity) << ")\n";
  if (plan.period) out << "Period     " << plan.period->from << " .. " << plan.period->to << "\n";
  out << "Basis     ";
  for (const auto& b : plan.basis) out << " " << b.id;
  out << "\nReferences";
  for (const auto& r : plan.references) out << " " << r.id;
  out << "\nSections\n";
  for (const auto& s : plan.sections) out << "  " << s.number << ". " << s.title << "\n";
  if (!plan.topics.empty()) out << "Topics\n";
  for (const auto& t : plan.topics) out << "  " << t.number << ". " << t.title << "\n";
  out << "Assignments\n";
  for (const auto& a : plan.assignments) {
    out << "  [" << doc::role_name(a.role) << "] " << a.agency;
    if (a.organisation_id) out << " #" << *a.organisation_id;
    if (a.group) out << " (group)";
    for (const auto& s : a.successors) out << " → now " << s.name << " (" << s.scope << ")";
    out << " (" << a.tasks.size() << " task" << (a.tasks.size() == 1 ? "" : "s") << ", line "
        << a.line << ")\n";
    for (const auto& t : a.tasks) {
      std::string shown = t.text.substr(0, 110);
      while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80)
        shown.pop_back();
      if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
      out << "      - " << shown << (shown.size() < t.text.size() ? " …" : "")
          << (t.due ? " [due " + *t.due + "]" : "") << "\n";
    }
  }
  out << "Reporting\n";
  for (const auto& r : plan.reporting) {
    out << "  " << or_dash(r.from) << " → " << or_dash(r.to) << " via " << or_dash(r.via) << ", "
        << or_dash(r.recurrence) << ", due " << or_dash(r.due) << "\n";
  }
  for (const auto& p : plan.proposed_organisations)
    out << "New agency " << p << " (not in the registry)\n";
  if (plan.secrecy) out << "SECRECY    " << *plan.secrecy << "\n";
  for (const auto& n : plan.notes) out << "Note       " << n << "\n";
}

}  // namespace

struct PlanCommand::Options {
  CLI::App* plan = nullptr;
  CLI::App* parse = nullptr;
  CLI::App* import = nullptr;
  std::string org;
  std::string input;
  std::string format = "text";
  std::string model;
  bool no_repair = false;
  std::string registry;
};

PlanCommand::PlanCommand(CLI::App& cli, std::string& db_url)
    : options_(std::make_unique<Options>()), db_url_(db_url) {
  Options& o = *options_;
  o.plan = cli.add_subcommand("plan", "Plans (Kế hoạch): read and understand them");
  o.plan->require_subcommand(1);
  o.parse = o.plan->add_subcommand(
      "parse", "Read a plan (txt, md, docx, pdf, image) and print its structure");
  o.parse->add_option("file", o.input, "The plan document")->required();
  o.parse
      ->add_option("--format", o.format,
                   "text (a summary), json (docs/plan-schema.md), blocks (the paragraphs the "
                   "parser sees, for checking a document it reads wrongly), or repaired (the "
                   "repaired text)")
      ->check(CLI::IsMember({"text", "json", "blocks", "repaired"}));
  o.parse->add_option("--model", o.model, "Language model for the OCR repair");
  o.parse->add_flag("--no-repair", o.no_repair, "Do not repair OCR damage");
  o.parse->add_option("--registry", o.registry,
                      "Organisation registry (JSON in the shape of data/demo/haiphong.json) to "
                      "resolve agencies against, instead of the database's");
  o.parse->add_option("--db", db_url_,
                      "SQLite file or URL whose registry resolves agencies, when it exists "
                      "(default var/loa.db or $LOA_DATABASE_URL)");
  o.import = o.plan->add_subcommand("import", "Read a plan and store it as a draft");
  o.import->add_option("file", o.input, "The plan document")->required();
  o.import->add_option("--org", o.org,
                       "Code of the organisation the plan belongs to (default: the province's "
                       "people's committee)");
  o.import->add_option("--model", o.model, "Language model for the OCR repair");
  o.import->add_flag("--no-repair", o.no_repair, "Do not repair OCR damage");
  o.import->add_option("--db", db_url_,
                       "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
}

PlanCommand::~PlanCommand() = default;

bool PlanCommand::parsed() const { return options_->plan->parsed(); }

namespace {

// The province's people's committee as it is today: the default owner of imported plans.
Result<std::string> default_owner(store::Database& db) {
  auto orgs = store::list_organisations(db, format_utc(system_clock().now_unix()).substr(0, 10));
  if (!orgs) return orgs.status();
  std::string code;
  for (const auto& o : *orgs) {
    if (o.kind != "people_committee" || o.level != "province") continue;
    if (!code.empty())
      return invalid_argument("several province committees: choose one with --org");
    code = o.code;
  }
  if (code.empty())
    return invalid_argument("no province people's committee in the registry: give --org");
  return code;
}

}  // namespace

int PlanCommand::run() {
  Options& o = *options_;
  auto bytes = vi::read_file(o.input);
  if (!bytes) return fail(bytes.status().message());
  const work::PlanUpload upload{o.input, std::move(*bytes)};
  // The repair reads the place names of the registry the plan goes into as written.
  Repair repair;
  const auto load = [&](store::Database* db) -> Status {
    if (o.no_repair) return Status::ok();
    vi::RestoreOptions options;
    if (db != nullptr) {
      auto names = work::place_names(*db);
      if (!names) return names.status();
      options.names = std::move(*names);
    }
    auto loaded = load_repair(o.model, options);
    if (!loaded) return loaded.status();
    repair = std::move(*loaded);
    return Status::ok();
  };

  if (o.import->parsed()) {
    auto db = open_database(db_url_, true);
    if (!db) return fail(db.status().message());
    if (Status loaded = load(db->get()); !loaded.is_ok()) return fail(loaded.message());
    const work::Repairer repairer{repair.restorer.get(), nullptr};
    std::string code = o.org;
    if (code.empty()) {
      auto owner = default_owner(**db);
      if (!owner) return fail(owner.status().message());
      code = *owner;
    }
    auto org = store::find_organisation_by_code(**db, code);
    if (!org) return fail("unknown organisation '" + code + "'");
    auto imported = work::import_plan(**db, system_clock(), upload, org->id,
                                      work::Actor::command_line(), repairer);
    if (!imported) return fail(imported.status().message());
    std::cout << "Imported plan " << imported->plan_id
              << " (draft): " << imported->plan.document.title.value_or(o.input) << "\n"
              << imported->plan.assignments.size() << " assignment(s), "
              << imported->plan.references.size() << " cited document(s)";
    if (!imported->plan.proposed_organisations.empty())
      std::cout << "; " << imported->plan.proposed_organisations.size()
                << " agency name(s) not in the registry, to confirm";
    std::cout << "\n";
    return 0;
  }

  // parse: the database's registry when there is one, or the JSON registry given.
  std::unique_ptr<store::Database> db;
  if (o.registry.empty()) {
    auto path = store::sqlite_path_from_url(db_url_);
    std::error_code ec;
    if (path && std::filesystem::exists(*path, ec)) {
      auto opened = open_database(db_url_, true);
      if (!opened) return fail(opened.status().message());
      db = std::move(*opened);
    }
  }
  if (Status loaded = load(db.get()); !loaded.is_ok()) return fail(loaded.message());
  const work::Repairer repairer{repair.restorer.get(), nullptr};
  auto read = work::read_plan(db.get(), upload, repairer);
  if (!read) return fail(read.status().message());
  const doc::DocumentText& text = read->text;
  doc::Plan& plan = read->plan;
  if (!o.registry.empty()) {
    auto registry = doc::load_registry_json(o.registry);
    if (!registry) return fail(registry.status().message());
    doc::resolve_agencies(plan, *registry);
  }
  if (o.format == "repaired") {
    std::cout << text.text;
    return std::cout.flush() ? 0 : fail("cannot write the output");
  }
  if (o.format == "blocks") {
    static constexpr const char* kMarkers[] = {"", "roman", "number", "letter", "bullet"};
    for (const doc::Block& b : doc::layout_blocks(text.text)) {
      std::cout << b.line << "-" << b.last_line << " " << kMarkers[static_cast<int>(b.marker)]
                << (b.label.empty() ? "" : " [" + b.label + "]") << (b.upper ? " UPPER" : "")
                << (b.one_line ? " SHORT" : "") << ": " << b.text << "\n";
    }
    return std::cout.flush() ? 0 : fail("cannot write the output");
  }
  if (o.format == "json") {
    nlohmann::ordered_json j = doc::plan_to_json(plan);
    j["source"] = {{"format", text.format},
                   {"ocr", text.ocr},
                   {"repaired", text.repaired},
                   {"words_to_review", text.review.size()}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "Source     " << text.format << (text.ocr ? ", OCR" : "")
              << (text.repaired
                      ? ", repaired (" + std::to_string(text.review.size()) + " words to review)"
                      : "")
              << "\n";
    print_text(plan, std::cout);
  }
  if (plan.secrecy)
    std::cerr << "loa: warning: the document is marked " << *plan.secrecy
              << ": it must not be imported\n";
  if (!plan.looks_like_plan) std::cerr << "loa: warning: this does not look like a plan\n";
  return std::cout.flush() ? 0 : fail("cannot write the output");
}

}  // namespace loa::app
