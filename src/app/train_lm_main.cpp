// loa_train_lm: the build-time trainer of the OCR-repair language model. It does what
// `loa text train-lm` does, without linking the server, so the model is rebuilt only when
// the text module or the corpus changes.
//
//   loa_train_lm -o loa-vi.lm ../shared/corpus/laws/laws.jsonl.zst --in-domain PLAN.txt
//                [--ocr-sample OCR.txt]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "vi/corpus.h"
#include "vi/language_model.h"
#include "vi/restore.h"

int main(int argc, char** argv) {
  CLI::App cli{"Train Loa's Vietnamese syllable language model"};
  std::string output;
  std::vector<std::string> corpus, in_domain, ocr_samples;
  int min_count = 2;
  cli.add_option("-o,--output", output, "Model file to write")->required();
  cli.add_option("corpus", corpus, "Clean text files (.txt, .md, .jsonl, optionally .zst)")
      ->required();
  cli.add_option("--in-domain", in_domain, "Clean plans, counted three times");
  cli.add_option("--min-count", min_count, "Drop trigrams seen fewer times");
  cli.add_option("--ocr-sample", ocr_samples,
                 "Raw OCR text (no truth needed) to learn the channel model from");
  CLI11_PARSE(cli, argc, argv);
  auto model = loa::vi::train_language_model(
      corpus, in_domain, min_count, [](const std::string& line) { std::cerr << line << "\n"; });
  if (!model) {
    std::cerr << "loa_train_lm: error: " << model.status().message() << "\n";
    return 1;
  }
  if (!ocr_samples.empty()) {
    std::string sample;
    for (const auto& f : ocr_samples) {
      auto text = loa::vi::read_file(f);
      if (!text) {
        std::cerr << "loa_train_lm: error: " << text.status().message() << "\n";
        return 1;
      }
      sample += *text + "\n\n";
    }
    loa::vi::ChannelReport report;
    model->set_channel(loa::vi::learn_channel(*model, sample, 2, &report));
    std::cerr << "Channel learned from " << report.words
              << " repaired words: " << report.learned_substitutions << " substitution costs\n";
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
