// File: bench/plans/plan_accuracy.cpp
//
// How well the plan parser reads the corpus plans, against their hand-made gold annotations
// (../shared/corpus/plans/NNN.gold.json): metadata fields, references and basis F1, section and
// topic titles, agencies F1, exact task counts, roles, reporting duties. Prints a table; the
// figures and the command are recorded in docs/BENCHMARKS.md.
//
//   plan_accuracy --model build/release/src/loa-vi.lm [--registry data/demo/haiphong.json]
//                 [--names data/gazetteer/haiphong.json] ../shared/corpus/plans
//
// --names gives the OCR repair the gazetteer's place names, as `loa plan import` and uploads
// to the server do (vi::RestoreOptions::names).
//
// Names are compared folded (vi::fold, punctuation as spaces): "exact" means equal so; "close"
// means at most 10 % of the characters differ, for text that went through OCR repair.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/vi/quality.h"
#include "doc/agencies.h"
#include "doc/plan.h"
#include "doc/reader.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"

namespace {

using loa::bench::edit_distance;
using nlohmann::json;

std::string norm(std::string_view s) {
  const std::string f = loa::vi::fold(s);
  std::string out;
  bool space = true;
  for (char c : f) {
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      out += c;
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool exact(std::string_view a, std::string_view b) { return norm(a) == norm(b); }

// Marks and case too: the text as a reader sees it (spaces collapsed).
bool strict(std::string_view a, std::string_view b) {
  auto squeeze = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  return squeeze(a) == squeeze(b);
}

bool similar(std::string_view a, std::string_view b) {
  const std::string x = norm(a);
  const std::string y = norm(b);
  const std::size_t d = edit_distance(x, y);
  return d * 10 <= std::max(x.size(), y.size());
}

struct Score {
  double hits = 0;
  double predicted = 0;
  double gold = 0;
  void add(const Score& o) { hits += o.hits, predicted += o.predicted, gold += o.gold; }
  double f1() const {
    if (predicted + gold == 0) return 1.0;
    return 2 * hits / (predicted + gold);
  }
};

// Greedy one-to-one matching of predicted to gold strings under `same`.
template <typename Same>
Score match(const std::vector<std::string>& predicted, const std::vector<std::string>& gold,
            Same same, std::vector<int>* pairing = nullptr) {
  Score s;
  s.predicted = static_cast<double>(predicted.size());
  s.gold = static_cast<double>(gold.size());
  std::vector<bool> used(predicted.size(), false);
  if (pairing) pairing->assign(gold.size(), -1);
  for (std::size_t g = 0; g < gold.size(); ++g) {
    for (std::size_t p = 0; p < predicted.size(); ++p) {
      if (used[p] || !same(predicted[p], gold[g])) continue;
      used[p] = true;
      s.hits += 1;
      if (pairing) (*pairing)[g] = static_cast<int>(p);
      break;
    }
  }
  return s;
}

std::string str(const json& j) {
  return j.is_null() ? std::string("null") : j.is_string() ? j.get<std::string>() : j.dump();
}

std::vector<std::string> strings(const json& list, const char* key = nullptr) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& e : list) out.push_back(key ? str(e[key]) : str(e));
  return out;
}

std::string pct(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", 100 * v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path;
  std::string registry_path;
  std::string names_path;
  std::string folder;
  bool verbose = std::getenv("SHOW_ERRORS") != nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--model" && i + 1 < argc)
      model_path = argv[++i];
    else if (a == "--registry" && i + 1 < argc)
      registry_path = argv[++i];
    else if (a == "--names" && i + 1 < argc)
      names_path = argv[++i];
    else
      folder = a;
  }
  if (folder.empty() || model_path.empty()) {
    std::cerr << "usage: plan_accuracy --model FILE [--registry FILE] [--names FILE] "
                 "CORPUS/plans\n";
    return 2;
  }
  if (!std::filesystem::is_directory(folder)) {
    std::cerr << "plan_accuracy: no corpus at " << folder << ": skipped\n";
    return 0;
  }
  auto model = loa::vi::LanguageModel::load(model_path);
  if (!model) {
    std::cerr << "plan_accuracy: " << model.status().message() << "\n";
    return 1;
  }
  loa::vi::RestoreOptions options;
  if (!names_path.empty()) {
    auto names = loa::bench::gazetteer_names(names_path);
    if (!names) {
      std::cerr << "plan_accuracy: no place names in " << names_path << "\n";
      return 1;
    }
    options.names = std::move(*names);
  }
  loa::vi::Restorer restorer(*model, options);
  std::optional<loa::doc::Registry> registry;
  if (!registry_path.empty()) {
    auto r = loa::doc::load_registry_json(registry_path);
    if (!r) {
      std::cerr << "plan_accuracy: " << r.status().message() << "\n";
      return 1;
    }
    registry = std::move(*r);
  }

  std::vector<std::filesystem::path> golds;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    if (e.path().string().ends_with(".gold.json")) golds.push_back(e.path());
  std::sort(golds.begin(), golds.end());

  Score meta_total, refs_total, basis_total, sections_total, sections_close_total, topics_total,
      topics_close_total, agencies_total, agencies_close_total;
  double counts_ok = 0, roles_ok = 0, agencies_gold = 0, duty_fields = 0, duty_fields_ok = 0,
         duties_spurious = 0;
  double parse_ms = 0;
  double meta_strict = 0;
  Score sections_strict_total, topics_strict_total, agencies_strict_total;
  std::printf("%-5s %-9s %-9s %-7s %-9s %-9s %-10s %-8s %-7s %-9s\n", "plan", "metadata", "refs F1",
              "basis", "sections", "topics", "agencies", "tasks=", "roles", "reporting");
  for (const auto& gold_path : golds) {
    std::ifstream in(gold_path);
    const json gold = json::parse(in);
    const std::string source =
        (std::filesystem::path(folder) / gold["source"].get<std::string>()).string();
    auto text = loa::doc::read_document(source, &restorer);
    if (!text) {
      std::cerr << text.status().message() << "\n";
      return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    loa::doc::Plan plan = loa::doc::parse_plan(text->text, text->repaired);
    parse_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (registry) loa::doc::resolve_agencies(plan, *registry);
    const json got = loa::doc::plan_to_json(plan);
    const std::string name = gold_path.filename().string().substr(0, 3);

    // Metadata: every field the gold names, compared folded.
    Score meta;
    auto field = [&](const json& g, const json& p, const std::string& what) {
      meta.gold += 1;
      meta.predicted += 1;
      const bool ok =
          (g.is_null() && p.is_null()) || (!g.is_null() && !p.is_null() && exact(str(g), str(p)));
      meta.hits += ok ? 1 : 0;
      meta_strict +=
          ((g.is_null() && p.is_null()) || (!g.is_null() && !p.is_null() && strict(str(g), str(p))))
              ? 1
              : 0;
      if (!ok && verbose)
        std::cerr << name << " metadata " << what << ": want " << str(g) << ", got " << str(p)
                  << "\n";
    };
    for (const char* k : {"type", "number", "symbol", "issuer", "place", "date", "year", "title"})
      field(gold["document"][k], got["document"][k], k);
    field(gold["document"]["signer"]["name"], got["document"]["signer"]["name"], "signer.name");
    field(gold["document"]["signer"]["capacity"], got["document"]["signer"]["capacity"],
          "signer.capacity");
    if (gold.contains("recipients")) {
      const auto want = strings(gold["recipients"]);
      const auto have = strings(got["document"]["recipients"]);
      field(json(want), json(have), "recipients");
      // Lists compare element by element.
      meta.hits -= exact(json(want).dump(), json(have).dump()) ? 1 : 0;
      bool same = want.size() == have.size();
      for (std::size_t i = 0; same && i < want.size(); ++i) same = exact(want[i], have[i]);
      meta.hits += same ? 1 : 0;
    }

    const Score refs = match(strings(got["references"], "id"), strings(gold["references"]),
                             [](const std::string& a, const std::string& b) { return a == b; });
    Score basis;
    if (gold.contains("basis"))
      basis = match(strings(got["basis"], "id"), strings(gold["basis"]),
                    [](const std::string& a, const std::string& b) { return a == b; });
    const auto got_sections = strings(got["sections"], "title");
    const Score sections = match(got_sections, strings(gold["sections"]), exact);
    sections_strict_total.add(match(got_sections, strings(gold["sections"]), strict));
    const Score sections_close = match(got_sections, strings(gold["sections"]), similar);
    Score topics, topics_close;
    if (gold.contains("topics")) {
      topics = match(strings(got["topics"], "title"), strings(gold["topics"]), exact);
      topics_strict_total.add(
          match(strings(got["topics"], "title"), strings(gold["topics"]), strict));
      topics_close = match(strings(got["topics"], "title"), strings(gold["topics"]), similar);
    }
    std::vector<std::string> gold_agencies, got_agencies;
    for (const auto& a : gold["assignments"]) gold_agencies.push_back(a["agency"]);
    for (const auto& a : got["assignments"]) got_agencies.push_back(a["agency"]);
    const Score agencies = match(got_agencies, gold_agencies, exact);
    agencies_strict_total.add(match(got_agencies, gold_agencies, strict));
    std::vector<int> pairing;
    const Score agencies_close = match(got_agencies, gold_agencies, similar, &pairing);
    double counts = 0, roles = 0;
    for (std::size_t g = 0; g < gold_agencies.size(); ++g) {
      if (pairing[g] < 0) {
        if (verbose) std::cerr << name << " agency not found: " << gold_agencies[g] << "\n";
        continue;
      }
      const json& a = got["assignments"][static_cast<std::size_t>(pairing[g])];
      const json& want = gold["assignments"][g];
      const bool count_ok = a["tasks"].size() == want["tasks"].get<std::size_t>();
      const bool role_ok = a["role"] == want["role"];
      counts += count_ok ? 1 : 0;
      roles += role_ok ? 1 : 0;
      if (verbose &&
          (!count_ok || !role_ok || !exact(gold_agencies[g], a["agency"].get<std::string>())))
        std::cerr << name << " agency " << gold_agencies[g] << ": got \"" << str(a["agency"])
                  << "\" " << a["tasks"].size() << " tasks (want " << want["tasks"] << "), role "
                  << a["role"] << " (want " << want["role"] << ")\n";
    }
    // Reporting: each gold duty against the parsed duty with the most fields alike.
    double fields = 0, fields_ok = 0;
    std::vector<bool> used(got["reporting"].size(), false);
    for (const auto& want : gold["reporting"]) {
      int best = -1;
      double best_ok = -1;
      for (std::size_t p = 0; p < got["reporting"].size(); ++p) {
        if (used[p]) continue;
        double ok = 0;
        for (const char* k : {"from", "to", "via", "recurrence", "due"})
          ok += (want[k].is_null() ? got["reporting"][p][k].is_null()
                                   : !got["reporting"][p][k].is_null() &&
                                         exact(str(want[k]), str(got["reporting"][p][k])))
                    ? 1
                    : 0;
        if (ok > best_ok) best_ok = ok, best = static_cast<int>(p);
      }
      fields += 5;
      if (best >= 0) {
        used[static_cast<std::size_t>(best)] = true;
        fields_ok += best_ok;
        if (verbose && best_ok < 5)
          std::cerr << name << " reporting: want " << want.dump() << "\n    got "
                    << got["reporting"][static_cast<std::size_t>(best)].dump() << "\n";
      }
    }
    const double spurious = static_cast<double>(std::count(used.begin(), used.end(), false));
    if (verbose && spurious > 0)
      std::cerr << name << " reporting: " << spurious << " duty(ies) the gold does not have\n";

    char duty[32];
    std::snprintf(duty, sizeof duty, "%.0f/%.0f%s", fields_ok, fields, spurious > 0 ? "+" : "");
    std::printf(
        "%-5s %-9s %-9.2f %-7s %-9s %-9s %-10s %-8s %-7s %-9s\n", name.c_str(),
        (std::to_string(static_cast<int>(meta.hits)) + "/" +
         std::to_string(static_cast<int>(meta.gold)))
            .c_str(),
        refs.f1(), gold.contains("basis") ? std::to_string(basis.f1()).substr(0, 4).c_str() : "-",
        (std::to_string(static_cast<int>(sections.hits)) + "|" +
         std::to_string(static_cast<int>(sections_close.hits)) + "/" +
         std::to_string(static_cast<int>(sections.gold)))
            .c_str(),
        gold.contains("topics") ? (std::to_string(static_cast<int>(topics.hits)) + "|" +
                                   std::to_string(static_cast<int>(topics_close.hits)) + "/" +
                                   std::to_string(static_cast<int>(topics.gold)))
                                      .c_str()
                                : "-",
        (std::to_string(static_cast<int>(agencies.hits)) + "|" +
         std::to_string(static_cast<int>(agencies_close.hits)) + "/" +
         std::to_string(gold_agencies.size()))
            .c_str(),
        (std::to_string(static_cast<int>(counts)) + "/" + std::to_string(gold_agencies.size()))
            .c_str(),
        (std::to_string(static_cast<int>(roles)) + "/" + std::to_string(gold_agencies.size()))
            .c_str(),
        duty);
    if (verbose)
      for (std::size_t p = 0; p < got_agencies.size(); ++p)
        if (std::find(pairing.begin(), pairing.end(), static_cast<int>(p)) == pairing.end())
          std::cerr << name << " agency the gold does not have: " << got_agencies[p] << "\n";

    meta_total.add(meta);
    refs_total.add(refs);
    basis_total.add(basis);
    sections_total.add(sections);
    sections_close_total.add(sections_close);
    topics_total.add(topics);
    topics_close_total.add(topics_close);
    agencies_total.add(agencies);
    agencies_close_total.add(agencies_close);
    counts_ok += counts;
    roles_ok += roles;
    agencies_gold += static_cast<double>(gold_agencies.size());
    duty_fields += fields;
    duty_fields_ok += fields_ok;
    duties_spurious += spurious;
  }
  std::printf("\nall plans (targets in brackets)\n");
  std::printf("  metadata fields        %s of %.0f folded, %s with marks and case  [>= 90 %%]\n",
              pct(meta_total.hits / meta_total.gold).c_str(), meta_total.gold,
              pct(meta_strict / meta_total.gold).c_str());
  std::printf("  references F1          %.3f  [>= 0.95]\n", refs_total.f1());
  std::printf("  basis F1               %.3f\n", basis_total.f1());
  std::printf("  sections F1            %.3f folded, %.3f close, %.3f with marks\n",
              sections_total.f1(), sections_close_total.f1(), sections_strict_total.f1());
  std::printf("  topics F1              %.3f folded, %.3f close, %.3f with marks\n",
              topics_total.f1(), topics_close_total.f1(), topics_strict_total.f1());
  std::printf("  agencies F1            %.3f folded, %.3f close, %.3f with marks  [>= 0.90]\n",
              agencies_total.f1(), agencies_close_total.f1(), agencies_strict_total.f1());
  std::printf("  exact task counts      %s of %.0f agencies  [>= 80 %%]\n",
              pct(counts_ok / agencies_gold).c_str(), agencies_gold);
  std::printf("  roles                  %s of %.0f agencies\n",
              pct(roles_ok / agencies_gold).c_str(), agencies_gold);
  std::printf("  reporting duty fields  %.0f of %.0f, %.0f duty(ies) not in the gold\n",
              duty_fields_ok, duty_fields, duties_spurious);
  std::printf("  parse time             %.2f ms for %zu plans (text already extracted)\n", parse_ms,
              golds.size());
  return 0;
}
