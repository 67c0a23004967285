// ocr_quality: word error rate of tesseract's Vietnamese model on pages rendered from clean
// text, before and after Loa's repair step. bench/vi/ocr_quality.sh renders the pages.
//
//   vi_ocr_quality --model MODEL TRUTH.txt PAGE.png...
//
// Words as bench/vi/quality.h counts them (as in restore_quality); WER = word edit distance /
// truth words.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "doc/ocr.h"
#include "quality.h"
#include "vi/corpus.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

using namespace loa;  // NOLINT(google-build-using-namespace): a small tool

int main(int argc, char** argv) {
  if (argc < 5 || std::string(argv[1]) != "--model") {
    std::cerr << "usage: vi_ocr_quality --model MODEL TRUTH.txt PAGE.png...\n";
    return 2;
  }
  auto model = vi::LanguageModel::load(argv[2]);
  auto truth = vi::read_file(argv[3]);
  if (!model || !truth) {
    std::cerr << "vi_ocr_quality: cannot read the model or the truth\n";
    return 1;
  }
  vi::Restorer restorer(*model);
  std::string raw, repaired;
  float confidence = 0;
  for (int i = 4; i < argc; ++i) {
    auto pages = doc::read_scanned(argv[i]);
    if (!pages) {
      std::cerr << "vi_ocr_quality: " << pages.status().message() << "\n";
      return 1;
    }
    for (const auto& page : *pages) {
      const std::string normal = *vi::normalize(page.text);
      raw += normal + "\n";
      repaired += restorer.restore(normal).text + "\n";
      confidence += page.confidence;
    }
  }
  const auto ref = bench::words(*vi::normalize(*truth));
  const auto before = bench::edit_distance(bench::words(raw), ref);
  const auto after = bench::edit_distance(bench::words(repaired), ref);
  std::printf("pages %d, truth words %zu, mean tesseract confidence %.1f %%\n", argc - 4,
              ref.size(), 100.0 * confidence / (argc - 4));
  std::printf("WER tesseract (vie):          %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(before) / static_cast<double>(ref.size()), before);
  std::printf("WER tesseract + Loa repair:   %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(after) / static_cast<double>(ref.size()), after);
  return 0;
}
