// `loa plan …` subcommands. See plan_command.h.
#include "app/plan_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/model.h"
#include "doc/agencies.h"
#include "doc/layout.h"
#include "doc/plan.h"
#include "doc/reader.h"
#include "vi/restore.h"

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
    out << "  [" << doc::role_name(a.role) << "] " << a.agency << " (" << a.tasks.size() << " task"
        << (a.tasks.size() == 1 ? "" : "s") << ", line " << a.line << ")\n";
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
  if (plan.secrecy) out << "SECRECY    " << *plan.secrecy << "\n";
  for (const auto& n : plan.notes) out << "Note       " << n << "\n";
}

}  // namespace

struct PlanCommand::Options {
  CLI::App* plan = nullptr;
  CLI::App* parse = nullptr;
  std::string input;
  std::string format = "text";
  std::string model;
  bool no_repair = false;
  std::string registry;
};

PlanCommand::PlanCommand(CLI::App& cli) : options_(std::make_unique<Options>()) {
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
                      "resolve agencies against");
}

PlanCommand::~PlanCommand() = default;

bool PlanCommand::parsed() const { return options_->plan->parsed(); }

int PlanCommand::run() {
  Options& o = *options_;
  Repair repair;
  if (!o.no_repair) {
    auto loaded = load_repair(o.model);
    if (!loaded) return fail(loaded.status().message());
    repair = std::move(*loaded);
  }
  vi::Restorer* restorer = repair.restorer.get();
  auto text = doc::read_document(o.input, restorer);
  if (!text) return fail(text.status().message());
  if (o.format == "repaired") {
    std::cout << text->text;
    return std::cout.flush() ? 0 : fail("cannot write the output");
  }
  if (o.format == "blocks") {
    static constexpr const char* kMarkers[] = {"", "roman", "number", "letter", "bullet"};
    for (const doc::Block& b : doc::layout_blocks(text->text)) {
      std::cout << b.line << "-" << b.last_line << " " << kMarkers[static_cast<int>(b.marker)]
                << (b.label.empty() ? "" : " [" + b.label + "]") << (b.upper ? " UPPER" : "")
                << (b.one_line ? " SHORT" : "") << ": " << b.text << "\n";
    }
    return std::cout.flush() ? 0 : fail("cannot write the output");
  }
  doc::Plan plan = doc::parse_plan(text->text, text->repaired);
  if (!o.registry.empty()) {
    auto registry = doc::load_registry_json(o.registry);
    if (!registry) return fail(registry.status().message());
    doc::resolve_agencies(plan, *registry);
  }
  if (o.format == "json") {
    nlohmann::ordered_json j = doc::plan_to_json(plan);
    j["source"] = {{"format", text->format},
                   {"ocr", text->ocr},
                   {"repaired", text->repaired},
                   {"words_to_review", text->review.size()}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "Source     " << text->format << (text->ocr ? ", OCR" : "")
              << (text->repaired
                      ? ", repaired (" + std::to_string(text->review.size()) + " words to review)"
                      : "")
              << "\n";
    print_text(plan, std::cout);
  }
  if (!plan.looks_like_plan) std::cerr << "loa: warning: this does not look like a plan\n";
  return std::cout.flush() ? 0 : fail("cannot write the output");
}

}  // namespace loa::app
