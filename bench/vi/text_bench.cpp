// Throughput of the Vietnamese text engine on real news text (../shared/corpus/news):
// normalisation, folding, tokenizing, and OCR repair of the same text with its accents
// stripped and of real OCR output (plans 000 and 001 of ../shared/corpus/plans). Bytes processed
// per second are what docs/BENCHMARKS.md records.
//
//   build/release/bench/vi_bench [--benchmark_filter=Restore]
// Environment: LOA_CORPUS (default ../shared/corpus), LOA_VI_MODEL (default beside loa).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "quality.h"
#include "vi/corpus.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace {

using namespace loa;

std::string corpus_dir() {
  const char* env = std::getenv("LOA_CORPUS");
  return env && *env ? env : "../shared/corpus";
}

// About 4 MB of news articles, NFC.
const std::string& news() {
  static const std::string text = [] {
    std::string all;
    const std::string path = corpus_dir() + "/news/news-dantri.jsonl.zst";
    auto s = vi::read_corpus(path, [&](std::string_view t) {
      if (all.size() < (4u << 20)) all.append(t).append("\n\n");
    });
    if (!s) std::cerr << "vi_bench: " << s.message() << "\n";
    return all;
  }();
  return text;
}

const std::string& news_without_accents() {
  static const std::string text = [] {
    // Folding keeps case out; restore sees plain unaccented lower-case text, the hardest case.
    std::string t = vi::fold(news().substr(0, 1u << 20));
    return t;
  }();
  return text;
}

void Normalize(benchmark::State& state) {
  const std::string& text = news();
  if (text.empty()) return state.SkipWithError("corpus not found");
  for (auto _ : state) benchmark::DoNotOptimize(vi::normalize(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Normalize)->Unit(benchmark::kMillisecond);

void Fold(benchmark::State& state) {
  const std::string& text = news();
  if (text.empty()) return state.SkipWithError("corpus not found");
  for (auto _ : state) benchmark::DoNotOptimize(vi::fold(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Fold)->Unit(benchmark::kMillisecond);

void Tokenize(benchmark::State& state) {
  const std::string& text = news();
  if (text.empty()) return state.SkipWithError("corpus not found");
  for (auto _ : state) {
    vi::TokenStream stream(text);
    vi::Token t{};
    std::size_t n = 0;
    while (stream.next(t)) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Tokenize)->Unit(benchmark::kMillisecond);

const vi::LanguageModel* repair_model(benchmark::State& state) {
  const char* env = std::getenv("LOA_VI_MODEL");
  const std::string path = env && *env ? env : "build/release/src/loa-vi.lm";
  static std::optional<vi::LanguageModel> model;
  if (!model) {
    auto loaded = vi::LanguageModel::load(path);
    if (!loaded) {
      state.SkipWithError(("no model at " + path).c_str());
      return nullptr;
    }
    model = std::move(*loaded);
  }
  return &*model;
}

void restore(benchmark::State& state, const std::string& text,
             const vi::RestoreOptions& options = {}) {
  const vi::LanguageModel* model = repair_model(state);
  if (model == nullptr) return;
  if (text.empty()) return state.SkipWithError("corpus not found");
  for (auto _ : state) {
    vi::Restorer restorer(*model, options);  // a fresh candidate cache each time: the cold case
    benchmark::DoNotOptimize(restorer.restore(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// 256 KB of news with every accent removed: every word is ambiguous.
void Restore(benchmark::State& state) {
  restore(state, news_without_accents().substr(0, 256u << 10));
}
BENCHMARK(Restore)->Unit(benchmark::kMillisecond);

// The same with the gazetteer's place names, as `loa text restore` repairs (run from the
// repository's root, where data/gazetteer/haiphong.json is).
void RestoreWithNames(benchmark::State& state) {
  static const auto names = bench::gazetteer_names("data/gazetteer/haiphong.json");
  if (!names) return state.SkipWithError("no data/gazetteer/haiphong.json here");
  vi::RestoreOptions options;
  options.names = *names;
  restore(state, news_without_accents().substr(0, 256u << 10), options);
}
BENCHMARK(RestoreWithNames)->Unit(benchmark::kMillisecond);

// Real OCR output: plans 000 and 001 as a Latin-only engine read them (58 KB, once each).
void RestoreOcr(benchmark::State& state) {
  static const std::string text = [] {
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir() + "/plans", ec)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".txt") && (name.starts_with("000_") || name.starts_with("001_"))) {
        paths.push_back(entry.path().string());
      }
    }
    std::sort(paths.begin(), paths.end());
    std::string all;
    for (const auto& path : paths) {
      if (auto t = vi::read_file(path)) all += *t + "\n\n";
    }
    return all;
  }();
  restore(state, text);
}
BENCHMARK(RestoreOcr)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
