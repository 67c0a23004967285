// `loa text …` subcommands. See text_command.h.
#include "app/text_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/model.h"
#include "doc/ocr.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::app {

namespace {

constexpr int kFailure = 1;
constexpr std::size_t kPiece = 1 << 20;

int fail(const std::string& message) {
  std::cerr << "loa: error: " << message << "\n";
  return kFailure;
}

// Reads a stream in pieces of about `size` bytes that end at a line end when the line fits,
// else at a space or at least at a UTF-8 character boundary. Tracks where each piece starts.
class PieceReader {
 public:
  PieceReader(std::istream& in, std::size_t size) : in_(in), size_(size) {}

  bool next(std::string& piece) {
    offset_ += consumed_;
    for (char c : std::string_view(piece)) line_ += c == '\n' ? 1 : 0;
    while (buffer_.size() < size_ && in_) {
      const std::size_t old = buffer_.size();
      buffer_.resize(old + size_);
      in_.read(buffer_.data() + old, static_cast<std::streamsize>(size_));
      buffer_.resize(old + static_cast<std::size_t>(in_.gcount()));
    }
    if (buffer_.empty()) return false;
    std::size_t cut = buffer_.size();
    if (buffer_.size() >= size_) {
      const std::string_view window(buffer_.data(), size_);
      std::size_t at = window.rfind('\n');
      if (at == std::string_view::npos) at = window.rfind(' ');
      if (at != std::string_view::npos) {
        cut = at + 1;
      } else {
        cut = size_;
        while (cut > 0 && (static_cast<unsigned char>(buffer_[cut]) & 0xC0) == 0x80) --cut;
        if (cut == 0) cut = size_;
      }
    }
    piece.assign(buffer_, 0, cut);
    buffer_.erase(0, cut);
    consumed_ = cut;
    return true;
  }

  std::size_t offset() const { return offset_; }  // of the current piece in the input
  std::size_t line() const { return line_; }      // 1-based line where the piece starts

 private:
  std::istream& in_;
  std::size_t size_;
  std::string buffer_;
  std::size_t offset_ = 0, consumed_ = 0, line_ = 1;
};

}  // namespace

struct TextCommand::Options {
  CLI::App* text = nullptr;
  CLI::App* normalize = nullptr;
  CLI::App* fold = nullptr;
  CLI::App* tokens = nullptr;
  CLI::App* restore = nullptr;
  CLI::App* train = nullptr;
  CLI::App* ocr = nullptr;
  bool no_repair = false;
  doc::OcrOptions ocr_options;
  std::string input = "-";
  std::string model;
  std::string format = "text";
  vi::RestoreOptions restore_options;
  std::string output;
  std::vector<std::string> corpus;
  std::vector<std::string> in_domain;
  std::vector<std::string> ocr_samples;
  int min_count = 2;
};

TextCommand::TextCommand(CLI::App& cli) : options_(std::make_unique<Options>()) {
  Options& o = *options_;
  o.text = cli.add_subcommand("text", "Vietnamese text tools: normalize, fold, tokens, restore");
  o.text->require_subcommand(1);
  const auto input = [&o](CLI::App* cmd) {
    cmd->add_option("file", o.input, "Input file, or - for standard input")->capture_default_str();
  };
  o.normalize = o.text->add_subcommand("normalize", "Write the text in Loa's normal form");
  input(o.normalize);
  o.fold = o.text->add_subcommand("fold", "Write the text lower-cased without accents");
  input(o.fold);
  o.tokens = o.text->add_subcommand("tokens", "List the tokens: kind<TAB>text, one a line");
  input(o.tokens);
  o.restore = o.text->add_subcommand(
      "restore", "Repair OCR-damaged Vietnamese: put the diacritics back, keep the layout");
  input(o.restore);
  o.restore->add_option("--model", o.model,
                        "Language model file (default: beside loa, or "
                        "$LOA_VI_MODEL)");
  o.restore
      ->add_option("--format", o.format,
                   "text; marked (words to review in ⟦ ⟧); json (one object per piece)")
      ->check(CLI::IsMember({"text", "marked", "json"}))
      ->capture_default_str();
  o.restore
      ->add_option("--keep-below", o.restore_options.keep_below,
                   "Keep a word as it was when the confidence is below this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  o.restore
      ->add_option("--review-below", o.restore_options.review_below,
                   "Mark a word for review when the confidence is below this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  o.ocr = o.text->add_subcommand(
      "ocr", "Read a scanned page (image) or PDF with tesseract's Vietnamese model, then repair");
  o.ocr->add_option("file", o.input, "Image (PNG, JPEG, TIFF) or PDF")->required();
  o.ocr->add_option("--model", o.model, "Language model file for the repair");
  o.ocr->add_flag("--no-repair", o.no_repair, "Print the engine's text, normalised only");
  o.ocr->add_option("--language", o.ocr_options.language, "tesseract model(s)")
      ->capture_default_str();
  o.ocr->add_flag("--force-ocr", o.ocr_options.force_ocr,
                  "Recognise PDF pages even when they have a text layer");
  o.train = o.text->add_subcommand("train-lm", "Train the restoration language model");
  o.train->add_option("-o,--output", o.output, "Model file to write")->required();
  o.train
      ->add_option("corpus", o.corpus,
                   "Clean text: .txt, .md or .jsonl with \"text\", "
                   "optionally .zst")
      ->required();
  o.train->add_option("--in-domain", o.in_domain, "Clean plans counted three times");
  o.train->add_option("--ocr-sample", o.ocr_samples,
                      "Raw OCR text (no truth needed) to learn the channel model from");
  o.train->add_option("--min-count", o.min_count, "Drop trigrams seen fewer times")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
}

TextCommand::~TextCommand() = default;

bool TextCommand::parsed() const { return options_->text->parsed(); }

int TextCommand::run() {
  Options& o = *options_;
  if (o.train->parsed()) {
    const Status s =
        vi::train_repair_model({o.corpus, o.in_domain, o.ocr_samples}, o.min_count, o.output,
                               [](const std::string& line) { std::cerr << line << "\n"; });
    return s ? 0 : fail(s.message());
  }

  if (o.ocr->parsed()) return run_ocr();

  std::ifstream file;
  if (o.input != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(o.input, ec)) {
      return fail("'" + o.input + "' is a folder, not a file");
    }
    file.open(o.input, std::ios::binary);
    if (!file) return fail("cannot open '" + o.input + "'");
  }
  std::istream& in = o.input == "-" ? std::cin : file;
  const std::string name = o.input == "-" ? "standard input" : "'" + o.input + "'";

  Repair repair;
  if (o.restore->parsed()) {
    auto loaded = load_repair(o.model, o.restore_options);
    if (!loaded) return fail(loaded.status().message());
    repair = std::move(*loaded);
  }
  vi::Restorer* restorer = repair.restorer.get();

  PieceReader reader(in, kPiece);
  std::string piece;
  std::size_t words = 0, changed = 0, review = 0;
  bool first = true;
  while (reader.next(piece)) {
    if (auto bad = vi::first_invalid_utf8(piece)) {
      std::size_t line = reader.line();
      for (std::size_t i = 0; i < *bad; ++i) line += piece[i] == '\n' ? 1 : 0;
      return fail(name + " is not valid UTF-8: malformed byte at line " + std::to_string(line) +
                  ", byte offset " + std::to_string(reader.offset() + *bad));
    }
    if (first) {
      first = false;
      const auto legacy = vi::detect_legacy_encoding(piece);
      if (legacy != vi::LegacyEncoding::kNone) {
        return fail(name + " looks like Vietnamese typed in the legacy " +
                    std::string(vi::legacy_encoding_name(legacy)) +
                    " encoding and pasted as Latin text; convert it to Unicode first (for "
                    "example with Unikey's converter)");
      }
    }
    if (o.fold->parsed()) {
      std::cout << vi::fold(piece);
      continue;
    }
    if (o.tokens->parsed()) {
      vi::TokenStream stream(piece);
      vi::Token t{};
      while (stream.next(t)) std::cout << vi::token_kind_name(t.kind) << '\t' << t.text << '\n';
      continue;
    }
    auto normal = vi::normalize(piece);
    if (!normal) return fail(name + ": " + normal.status().message());
    // A piece cut inside a long line ends in a space that is not a line end: keep it.
    if (piece.back() == ' ' && !normal->empty() && normal->back() != ' ') normal->push_back(' ');
    if (o.normalize->parsed()) {
      std::cout << *normal;
      if (!normal->empty() && normal->back() != '\n' && piece.back() == '\n') std::cout << '\n';
      continue;
    }
    vi::Restoration r = restorer->restore(*normal);
    for (const auto& w : r.words) {
      ++words;
      changed += w.text != w.original ? 1 : 0;
      review += w.review ? 1 : 0;
    }
    if (o.format == "json") {
      nlohmann::json j;
      j["text"] = r.text;
      auto& list = j["words"] = nlohmann::json::array();
      for (const auto& w : r.words) {
        list.push_back({{"offset", w.offset},
                        {"original", w.original},
                        {"text", w.text},
                        {"confidence", std::round(w.confidence * 1000) / 1000},
                        {"review", w.review}});
      }
      std::cout << j.dump() << '\n';
    } else if (o.format == "marked") {
      std::size_t copied = 0;
      std::string out;
      std::size_t shift = 0;  // restored words may be longer than the originals
      for (const auto& w : r.words) {
        const std::size_t at = w.offset + shift;
        out.append(r.text, copied, at - copied);
        out += w.review ? "⟦" + w.text + "⟧" : w.text;
        copied = at + w.text.size();
        shift += w.text.size() - w.original.size();
      }
      out.append(r.text, copied);
      std::cout << out;
    } else {
      std::cout << r.text;
    }
  }
  std::cout.flush();
  if (o.restore->parsed()) {
    std::cerr << "restored " << words << " word(s): " << changed << " changed, " << review
              << " marked for review\n";
  }
  return std::cout ? 0 : fail("cannot write the output");
}

int TextCommand::run_ocr() {
  Options& o = *options_;
  auto pages = doc::read_scanned(o.input, o.ocr_options);
  if (!pages) return fail(pages.status().message());
  Repair repair;
  if (!o.no_repair) {
    auto loaded = load_repair(o.model, o.restore_options);
    if (!loaded) return fail(loaded.status().message());
    repair = std::move(*loaded);
  }
  vi::Restorer* restorer = repair.restorer.get();
  std::size_t recognised = 0, changed = 0;
  float confidence = 0.0F;
  for (std::size_t i = 0; i < pages->size(); ++i) {
    const doc::ScannedPage& page = (*pages)[i];
    auto normal = vi::normalize(page.text);
    if (!normal) return fail("page " + std::to_string(i + 1) + ": " + normal.status().message());
    std::string text = std::move(*normal);
    if (restorer && page.recognised) {
      vi::Restoration r = restorer->restore(text);
      for (const auto& w : r.words) changed += w.text != w.original ? 1 : 0;
      text = std::move(r.text);
    }
    if (page.recognised) {
      ++recognised;
      confidence += page.confidence;
    }
    if (i > 0) std::cout << '\f';
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << '\n';
  }
  std::cerr << pages->size() << " page(s): " << recognised << " recognised";
  if (recognised > 0) {
    std::cerr << " (mean confidence "
              << static_cast<int>(100 * confidence / static_cast<float>(recognised)) << "%)";
  }
  std::cerr << ", " << pages->size() - recognised << " from the text layer";
  if (restorer) std::cerr << "; " << changed << " word(s) repaired";
  std::cerr << "\n";
  return std::cout.flush() ? 0 : fail("cannot write the output");
}

}  // namespace loa::app
