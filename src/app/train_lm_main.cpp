// loa_train_lm: the build-time trainer of the OCR-repair language model. It does what
// `loa text train-lm` does, without linking the server, so the model is rebuilt only when
// the text module or the corpus changes.
//
//   loa_train_lm -o loa-vi.lm ../shared/corpus/laws/laws.jsonl.zst --in-domain PLAN.txt
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "vi/language_model.h"

int main(int argc, char** argv) {
  CLI::App cli{"Train Loa's Vietnamese syllable language model"};
  std::string output;
  std::vector<std::string> corpus, in_domain;
  int min_count = 2;
  cli.add_option("-o,--output", output, "Model file to write")->required();
  cli.add_option("corpus", corpus, "Clean text files (.txt, .md, .jsonl, optionally .zst)")
      ->required();
  cli.add_option("--in-domain", in_domain, "Clean plans, counted three times");
  cli.add_option("--min-count", min_count, "Drop trigrams seen fewer times");
  CLI11_PARSE(cli, argc, argv);
  auto model = loa::vi::train_language_model(
      corpus, in_domain, min_count, [](const std::string& line) { std::cerr << line << "\n"; });
  if (!model) {
    std::cerr << "loa_train_lm: error: " << model.status().message() << "\n";
    return 1;
  }
  if (auto s = model->save(output); !s) {
    std::cerr << "loa_train_lm: error: " << s.message() << "\n";
    return 1;
  }
  std::cerr << "Wrote " << output << ": " << model->vocabulary_size() << " words, "
            << model->ngram_count() << " n-grams, " << std::filesystem::file_size(output) / 1024
            << " KiB\n";
  return 0;
}
