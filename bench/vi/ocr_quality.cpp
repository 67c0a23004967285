// ocr_quality: word error rate of tesseract's Vietnamese model on pages rendered from clean
// text, before and after Loa's repair step. bench/vi/ocr_quality.sh renders the pages.
//
//   vi_ocr_quality --model MODEL TRUTH.txt PAGE.png...
//
// Words are syllables and other words, lower case, in Loa's normal form (numbers and
// punctuation left out, as in restore_quality); WER = word edit distance / truth words.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "doc/ocr.h"
#include "vi/corpus.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace {

using namespace loa;

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  vi::TokenStream stream(text);
  vi::Token t{};
  while (stream.next(t)) {
    if (t.kind == vi::TokenKind::kSyllable || t.kind == vi::TokenKind::kWord) {
      out.push_back(vi::lower(t.text));
    }
  }
  return out;
}

std::size_t word_errors(const std::vector<std::string>& hyp, const std::vector<std::string>& ref) {
  std::vector<std::size_t> prev(ref.size() + 1), cur(ref.size() + 1);
  for (std::size_t j = 0; j <= ref.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= hyp.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= ref.size(); ++j) {
      cur[j] = std::min({prev[j - 1] + (hyp[i - 1] != ref[j - 1]), prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[ref.size()];
}

}  // namespace

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
  const auto ref = words(*vi::normalize(*truth));
  const auto before = word_errors(words(raw), ref);
  const auto after = word_errors(words(repaired), ref);
  std::printf("pages %d, truth words %zu, mean tesseract confidence %.1f %%\n", argc - 4,
              ref.size(), 100.0 * confidence / (argc - 4));
  std::printf("WER tesseract (vie):          %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(before) / static_cast<double>(ref.size()), before);
  std::printf("WER tesseract + Loa repair:   %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(after) / static_cast<double>(ref.size()), after);
  return 0;
}
