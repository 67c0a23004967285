// File: doc/reader.cpp
#include "doc/reader.h"

#include <filesystem>
#include <fstream>

#include "doc/docx.h"
#include "doc/ocr.h"
#include "vi/restore.h"
#include "vi/syllable.h"
#include "vi/text.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

bool has_mark(std::string_view syllable) {
  for (std::size_t i = 0; i < syllable.size();) {
    const auto d = vi::utf8::decode(syllable, i);
    i += d.length;
    const vi::Letter l = vi::split_letter(d.cp);
    if (l.tone != vi::Tone::kLevel || vi::has_quality_mark(l.base) || l.base == U'đ') return true;
  }
  return false;
}

enum class Kind { kText, kPdf, kImage, kZip, kOle };

Kind sniff(std::string_view head) {
  auto starts = [&](std::string_view sig) { return head.substr(0, sig.size()) == sig; };
  if (starts("%PDF-")) return Kind::kPdf;
  if (starts("PK\x03\x04")) return Kind::kZip;
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return Kind::kOle;
  if (starts("\x89PNG") || starts("\xFF\xD8\xFF") || starts(std::string_view("II*\0", 4)) ||
      starts(std::string_view("MM\0*", 4)) || starts("GIF8") || starts("BM") ||
      (head.size() > 2 && head[0] == 'P' && head[1] >= '1' && head[1] <= '6' &&
       (head[2] == '\n' || head[2] == ' ' || head[2] == '\r')))
    return Kind::kImage;
  return Kind::kText;
}

}  // namespace

void repair(DocumentText& d, vi::Restorer* restorer) {
  if (restorer == nullptr) return;
  if (!d.ocr) {
    if (!measure_damage(d.text).looks_damaged()) return;
    d.ocr = true;
  }
  vi::Restoration r = restorer->restore(d.text);
  std::ptrdiff_t shift = 0;  // restored words may be longer or shorter than the originals
  for (const vi::RestoredWord& w : r.words) {
    const auto at = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(w.offset) + shift);
    if (w.review) d.review.push_back({at, w.text.size(), w.confidence});
    shift +=
        static_cast<std::ptrdiff_t>(w.text.size()) - static_cast<std::ptrdiff_t>(w.original.size());
  }
  d.text = std::move(r.text);
  d.repaired = true;
}

std::string file_extension(std::string_view name) {
  std::string ext = std::filesystem::path(name).extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (ext.size() > 10 ||
      ext.find_first_not_of(".abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos)
    return {};
  return ext;
}

bool Damage::looks_damaged() const { return words >= 20 && (invalid > 0.05 || unmarked > 0.75); }

Damage measure_damage(std::string_view text) {
  Damage d;
  std::size_t invalid = 0;
  std::size_t unmarked = 0;
  std::size_t syllables = 0;
  vi::TokenStream tokens(text);
  vi::Token t;
  while (tokens.next(t)) {
    if (t.kind == vi::TokenKind::kSyllable) {
      ++syllables;
      if (!has_mark(t.text)) ++unmarked;
    } else if (t.kind == vi::TokenKind::kWord) {
      // Upper-case acronyms (UBND, HĐND) are not damage.
      bool upper = true;
      for (std::size_t i = 0; i < t.text.size();) {
        const auto c = vi::utf8::decode(t.text, i);
        i += c.length;
        upper = upper && (!vi::is_letter(c.cp) || vi::split_letter(c.cp).upper);
      }
      if (upper) continue;
      ++invalid;
    } else {
      continue;
    }
    ++d.words;
  }
  if (d.words > 0) d.invalid = static_cast<double>(invalid) / static_cast<double>(d.words);
  if (syllables > 0) d.unmarked = static_cast<double>(unmarked) / static_cast<double>(syllables);
  return d;
}

Result<DocumentText> read_text(std::string_view bytes, std::string_view format,
                               vi::Restorer* restorer) {
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return invalid_argument("not a text document: a NUL byte at offset " + std::to_string(nul));
  }
  if (const auto legacy = vi::detect_legacy_encoding(bytes); legacy != vi::LegacyEncoding::kNone) {
    return invalid_argument("the text is in the legacy " +
                            std::string(vi::legacy_encoding_name(legacy)) +
                            " encoding; save it as Unicode (UTF-8) and try again");
  }
  auto normal = vi::normalize(bytes);
  if (!normal) return normal.status();
  DocumentText d;
  d.text = std::move(*normal);
  d.format = std::string(format);
  repair(d, restorer);
  return d;
}

Result<DocumentText> read_document(const std::string& path, vi::Restorer* restorer,
                                   const ReadLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return invalid_argument("'" + path + "' is a folder, not a document");
  if (!std::filesystem::is_regular_file(path, ec)) return not_found("cannot open '" + path + "'");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return unavailable("cannot read '" + path + "': " + ec.message());
  if (size > limits.max_bytes) {
    return resource_exhausted("'" + path + "' is " + std::to_string(size >> 20) +
                              " MiB; documents of at most " +
                              std::to_string(limits.max_bytes >> 20) + " MiB are read");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) return unavailable("cannot read '" + path + "'");
  bytes.resize(static_cast<std::size_t>(in.gcount()));

  switch (sniff(bytes)) {
    case Kind::kZip: {
      auto docx = read_docx(bytes);
      if (!docx) return Status(docx.status().code(), "'" + path + "': " + docx.status().message());
      auto d = read_text(*docx, "docx", restorer);
      if (!d) return Status(d.status().code(), "'" + path + "': " + d.status().message());
      return d;
    }
    case Kind::kPdf:
    case Kind::kImage: {
      OcrOptions options;
      options.max_pages = static_cast<int>(limits.max_pages);
      auto pages = read_scanned(path, options);
      if (!pages) return pages.status();
      DocumentText d;
      d.format = sniff(bytes) == Kind::kPdf ? "pdf" : "image";
      d.pages = pages->size();
      std::string all;
      for (const ScannedPage& p : *pages) {
        d.ocr = d.ocr || p.recognised;
        all += p.text;
        if (!all.empty() && all.back() != '\n') all += '\n';
      }
      auto normal = vi::normalize(all);
      if (!normal)
        return Status(normal.status().code(), "'" + path + "': " + normal.status().message());
      d.text = std::move(*normal);
      repair(d, restorer);
      return d;
    }
    case Kind::kOle:
      return invalid_argument("'" + path +
                              "' is a password-protected Office file or an old Word 97-2003 "
                              ".doc: save it as .docx without a password and upload that");
    case Kind::kText:
      break;
  }
  const std::string ext = file_extension(path);
  auto d = read_text(bytes, ext == ".md" || ext == ".markdown" ? "markdown" : "text", restorer);
  if (!d) return Status(d.status().code(), "'" + path + "': " + d.status().message());
  return d;
}

}  // namespace loa::doc
