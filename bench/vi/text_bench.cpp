// Throughput of the Vietnamese text engine on real news text (../shared/corpus/news):
// normalisation, folding, tokenizing, and OCR repair of the same text with its accents
// stripped. Bytes processed per second are what docs/BENCHMARKS.md records.
//
//   build/release/bench/vi_bench [--benchmark_filter=Restore]
// Environment: LOA_CORPUS (default ../shared/corpus), LOA_VI_MODEL (default beside loa).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

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

void Restore(benchmark::State& state) {
  const char* env = std::getenv("LOA_VI_MODEL");
  const std::string path = env && *env ? env : "build/release/src/loa-vi.lm";
  static std::optional<vi::LanguageModel> model;
  if (!model) {
    auto loaded = vi::LanguageModel::load(path);
    if (!loaded) return state.SkipWithError(("no model at " + path).c_str());
    model = std::move(*loaded);
  }
  const std::string text = news_without_accents().substr(0, 256u << 10);
  for (auto _ : state) {
    vi::Restorer restorer(*model);  // a fresh candidate cache each time: the cold case
    benchmark::DoNotOptimize(restorer.restore(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Restore)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
