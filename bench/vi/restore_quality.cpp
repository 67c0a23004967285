// restore_quality: syllable word error rate of `loa text restore` on real OCR output against
// clean truth, for the passages the two documents share.
//
//   build/release/bench/vi_restore_quality --model build/release/src/loa-vi.lm
//       ../shared/corpus/plans/000_*.txt ../shared/corpus/plans/002_*.txt   (one line)
//
// The shared passages are found without looking at the repair: the raw OCR words are aligned
// with the truth's words (edit-distance alignment, two words "similar" when their accent-free
// forms are at most two letters apart), and a passage is a run of aligned columns in which
// at least 8 of every 10 are similar pairs. Inside the passages the repaired words and the
// raw OCR words are each compared with the truth (lower case, NFC, one tone placement):
// WER = (substitutions + insertions + deletions) / truth words.
//
// With NAMES=data/gazetteer/haiphong.json the repair knows the city's place names, as
// `loa text restore` does (vi::RestoreOptions::names).
//
// With SHOW_ERRORS=1 set, each word left wrong is printed as "raw → repaired (truth t)" with the
// truth's words around it ("·" where the truth has none): most of what remains is wording the
// two documents do not share, which the context shows at a glance.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "quality.h"
#include "vi/corpus.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace {

using namespace loa;

bool similar(const std::string& a_fold, const std::string& b_fold) {
  const std::size_t d = bench::edit_distance(a_fold, b_fold);
  return d <= 2 && d < std::max(a_fold.size(), b_fold.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 || std::string(argv[1]) != "--model") {
    std::cerr << "usage: vi_restore_quality --model MODEL OCR.txt TRUTH.txt\n";
    return 2;
  }
  auto model = vi::LanguageModel::load(argv[2]);
  auto ocr_raw = vi::read_file(argv[3]);
  auto truth_raw = vi::read_file(argv[4]);
  if (!model || !ocr_raw || !truth_raw) {
    std::cerr << "vi_restore_quality: cannot read the model or the texts\n";
    return 1;
  }
  const std::string ocr = *vi::normalize(*ocr_raw);
  const std::string truth = *vi::normalize(*truth_raw);
  vi::RestoreOptions options;
  if (const char* l = std::getenv("LAMBDA")) options.channel_weight = std::stof(l);
  if (const char* b = std::getenv("BEAM")) options.beam = std::stoi(b);
  if (const char* w = std::getenv("BEAM_WIDTH")) options.beam_width = std::stof(w);
  if (const char* c = std::getenv("CANDIDATES")) options.candidates = std::stoi(c);
  if (const char* c = std::getenv("CANDIDATE_WIDTH")) options.candidate_width = std::stof(c);
  if (const char* c = std::getenv("DAMAGED_CANDIDATES")) options.damaged_candidates = std::stoi(c);
  if (const char* c = std::getenv("DAMAGED_COST")) options.damaged_cost = std::stof(c);
  // NAMES=data/gazetteer/haiphong.json: the place names `loa text restore` is given.
  if (const char* n = std::getenv("NAMES"); n && *n) {
    auto names = bench::gazetteer_names(n);
    if (!names) {
      std::cerr << "vi_restore_quality: " << n << " is not a gazetteer with a \"places\" list\n";
      return 1;
    }
    options.names = std::move(*names);
  }
  if (const char* k = std::getenv("KEEP_BELOW")) options.keep_below = std::stof(k);
  vi::Restorer restorer(*model, options);
  const vi::Restoration repaired = restorer.restore(ocr);

  std::vector<std::string> raw, fixed, raw_fold;
  for (const auto& w : repaired.words) {
    raw.push_back(vi::lower(w.original));
    fixed.push_back(vi::lower(w.text));
    raw_fold.push_back(vi::fold(w.original));
  }
  const std::vector<std::string> ref = bench::words(truth);
  std::vector<std::string> ref_fold;
  ref_fold.reserve(ref.size());
  for (const auto& w : ref) ref_fold.push_back(vi::fold(w));

  // Edit-distance alignment of raw OCR words with truth words.
  const std::size_t n = raw.size(), m = ref.size();
  std::vector<std::vector<std::uint8_t>> move(n + 1, std::vector<std::uint8_t>(m + 1));
  std::vector<std::uint32_t> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<std::uint32_t>(j), move[0][j] = 2;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<std::uint32_t>(i);
    move[i][0] = 1;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::uint32_t diag = prev[j - 1] + (similar(raw_fold[i - 1], ref_fold[j - 1]) ? 0 : 2);
      const std::uint32_t up = prev[j] + 1, left = cur[j - 1] + 1;
      cur[j] = std::min({diag, up, left});
      move[i][j] = cur[j] == diag ? 0 : (cur[j] == up ? 1 : 2);
    }
    std::swap(prev, cur);
  }
  struct Column {
    long ocr, ref;  // -1 for a gap
    bool similar;
  };
  std::vector<Column> columns;
  for (std::size_t i = n, j = m; i > 0 || j > 0;) {
    const std::uint8_t mv = i == 0 ? 2 : (j == 0 ? 1 : move[i][j]);
    if (mv == 0) {
      columns.push_back({static_cast<long>(i - 1), static_cast<long>(j - 1),
                         similar(raw_fold[i - 1], ref_fold[j - 1])});
      --i, --j;
    } else if (mv == 1) {
      columns.push_back({static_cast<long>(i - 1), -1, false});
      --i;
    } else {
      columns.push_back({-1, static_cast<long>(j - 1), false});
      --j;
    }
  }
  std::reverse(columns.begin(), columns.end());

  // Passages: columns covered by a window of 10 with at least 8 similar pairs.
  std::vector<bool> in_passage(columns.size(), false);
  constexpr std::size_t kWindow = 10;
  for (std::size_t s = 0; s + kWindow <= columns.size(); ++s) {
    std::size_t good = 0;
    for (std::size_t k = s; k < s + kWindow; ++k) good += columns[k].similar ? 1 : 0;
    if (good >= 8) {
      for (std::size_t k = s; k < s + kWindow; ++k) in_passage[k] = true;
    }
  }
  std::size_t ref_words = 0, raw_errors = 0, fixed_errors = 0, passages = 0;
  std::size_t paired = 0, paired_errors = 0;  // aligned one to one
  for (std::size_t k = 0; k < columns.size();) {
    if (!in_passage[k]) {
      ++k;
      continue;
    }
    std::size_t end = k;
    while (end < columns.size() && in_passage[end]) ++end;
    const std::size_t next = end;
    while (k < end && !columns[k].similar) ++k;          // a passage starts and ends with
    while (end > k && !columns[end - 1].similar) --end;  // words the documents share
    std::vector<std::string> p_ref, p_raw, p_fixed;
    for (std::size_t c = k; c < end; ++c) {
      if (columns[c].ref >= 0) p_ref.push_back(ref[static_cast<std::size_t>(columns[c].ref)]);
      if (columns[c].ocr >= 0) {
        p_raw.push_back(raw[static_cast<std::size_t>(columns[c].ocr)]);
        p_fixed.push_back(fixed[static_cast<std::size_t>(columns[c].ocr)]);
      }
    }
    ref_words += p_ref.size();
    for (std::size_t c = k; c < end; ++c) {
      if (columns[c].ocr < 0 || columns[c].ref < 0) continue;
      ++paired;
      paired_errors += fixed[static_cast<std::size_t>(columns[c].ocr)] !=
                       ref[static_cast<std::size_t>(columns[c].ref)];
    }
    raw_errors += bench::edit_distance(p_raw, p_ref);
    fixed_errors += bench::edit_distance(p_fixed, p_ref);
    ++passages;
    if (std::getenv("SHOW_ERRORS")) {
      for (std::size_t c = k; c < end; ++c) {
        const auto& col = columns[c];
        const std::string f = col.ocr >= 0 ? fixed[static_cast<std::size_t>(col.ocr)] : "-";
        const std::string r = col.ref >= 0 ? ref[static_cast<std::size_t>(col.ref)] : "-";
        if (f != r) {
          std::cout << "  " << (col.ocr >= 0 ? raw[static_cast<std::size_t>(col.ocr)] : "-")
                    << " → " << f << "  (truth " << r << ")   …";
          for (std::size_t d = (c >= k + 3 ? c - 3 : k); d < std::min(end, c + 4); ++d) {
            const auto& around = columns[d];
            std::cout << ' ' << (around.ref >= 0 ? ref[static_cast<std::size_t>(around.ref)] : "·");
          }
          std::cout << " …\n";
        }
      }
    }
    k = next;
  }
  std::printf("OCR words %zu, truth words %zu; shared passages %zu with %zu truth words\n", n, m,
              passages, ref_words);
  std::printf("syllable WER raw OCR:   %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(raw_errors) / static_cast<double>(ref_words), raw_errors);
  std::printf("syllable WER restored:  %.2f %% (%zu errors)\n",
              100.0 * static_cast<double>(fixed_errors) / static_cast<double>(ref_words),
              fixed_errors);
  std::printf("word accuracy on the %zu one-to-one aligned words: %.2f %%\n", paired,
              100.0 - 100.0 * static_cast<double>(paired_errors) / static_cast<double>(paired));
  return 0;
}
