// Parse time of the plan parser (text already extracted and repaired), the budget in
// ../shared/DESIGN.md being 50 ms for a 30-page plan. Plans 000 and 001 (OCR) are repaired
// once before timing; "thirty_pages" is the three plans one after another, twice (about 150
// KB, ~30 printed pages), which the parser reads as one long plan.
//
//   build/release/bench/plan_bench
// Environment: LOA_CORPUS (default ../shared/corpus), LOA_VI_MODEL (default beside loa).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "doc/plan.h"
#include "doc/reader.h"
#include "vi/language_model.h"
#include "vi/restore.h"

namespace {

using namespace loa;
namespace fs = std::filesystem;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// The corpus plans, repaired: name → text.
const std::map<std::string, std::string>& plans() {
  static const std::map<std::string, std::string> texts = [] {
    std::map<std::string, std::string> out;
    const fs::path dir = fs::path(env_or("LOA_CORPUS", "../shared/corpus")) / "plans";
    if (!fs::is_directory(dir)) return out;
    auto model = vi::LanguageModel::load(env_or("LOA_VI_MODEL", "build/release/src/loa-vi.lm"));
    if (!model) {
      std::cerr << "plan_bench: " << model.status().message() << "\n";
      return out;
    }
    vi::Restorer restorer(*model);
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".txt") continue;
      auto d = doc::read_document(e.path().string(), &restorer);
      if (d) out[e.path().filename().string().substr(0, 3)] = std::move(d->text);
    }
    return out;
  }();
  return texts;
}

void parse(benchmark::State& state, const std::string& text) {
  if (text.empty()) {
    state.SkipWithError("no corpus plans (../shared/corpus) or no model");
    return;
  }
  for (auto _ : state) {
    doc::Plan p = doc::parse_plan(text, true);
    benchmark::DoNotOptimize(p);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["KB"] = static_cast<double>(text.size()) / 1024.0;
}

void BM_ParsePlan000(benchmark::State& s) {
  parse(s, plans().count("000") ? plans().at("000") : "");
}
void BM_ParsePlan001(benchmark::State& s) {
  parse(s, plans().count("001") ? plans().at("001") : "");
}
void BM_ParsePlan002(benchmark::State& s) {
  parse(s, plans().count("002") ? plans().at("002") : "");
}
void BM_ParseThirtyPages(benchmark::State& s) {
  std::string all;
  for (int k = 0; k < 2; ++k)
    for (const auto& [name, text] : plans()) all += text + "\n";
  parse(s, all);
}

BENCHMARK(BM_ParsePlan000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParsePlan001)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParsePlan002)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseThirtyPages)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
