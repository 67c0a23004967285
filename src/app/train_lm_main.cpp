// loa_train_lm: the build-time trainer of the OCR-repair language model. It does what
// `loa text train-lm` does, without linking the server, so the model is rebuilt only when
// the text module or the corpus changes.
//
//   loa_train_lm -o loa-vi.lm ../shared/corpus/laws/laws.jsonl.zst --in-domain PLAN.txt
//                [--ocr-sample OCR.txt]
#include <CLI/CLI.hpp>
#include <iostream>

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
  const loa::Status s =
      loa::vi::train_repair_model({corpus, in_domain, ocr_samples}, min_count, output,
                                  [](const std::string& line) { std::cerr << line << "\n"; });
  if (!s) {
    std::cerr << "loa_train_lm: error: " << s.message() << "\n";
    return 1;
  }
  return 0;
}
