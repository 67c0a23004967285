// File: doc/reader.h
//
// Every way a document arrives ends here in the same form: normalised text (vi::normalize)
// with its line structure, repaired (vi::Restorer) when it came from OCR or reads like OCR
// output, and the words the repair was unsure of, for the reviewer.
//
//   Text (.txt) and Markdown (.md)       read as they are
//   PDF with a text layer, PDF scans,    doc::read_scanned (poppler-cpp, tesseract "vie")
//   images (PNG, JPEG, TIFF …)
//   DOCX                                 doc/docx.h (paragraphs, numbering, tables)
//
//   vi::Restorer repair(model);
//   auto d = doc::read_document("plan.pdf", &repair);
//   if (!d) std::cerr << d.status().message();
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace loa::vi {
class Restorer;
}

namespace loa::doc {

struct ReviewSpan {
  std::size_t offset;  // bytes into DocumentText::text
  std::size_t length;
  float confidence;  // the repair's, 0..1
};

struct DocumentText {
  std::string text;                // normalised, repaired, one paragraph or printed line a line
  std::string format;              // "text", "markdown", "pdf", "image", "docx"
  bool ocr = false;                // recognised by tesseract, or read like OCR output
  bool repaired = false;           // the repair ran over it
  std::size_t pages = 0;           // for PDFs and images
  std::vector<ReviewSpan> review;  // words the repair was unsure of
};

// Limits on what is read, so a hostile file costs bounded time and memory.
struct ReadLimits {
  std::size_t max_bytes = 64U << 20;  // the file itself
  std::size_t max_pages = 500;        // PDF pages
};

// Reads `path` by its content (signature), not its name. `restorer` may be null: then OCR
// text stays as the engine gave it. Errors name the file and what was wrong with it.
Result<DocumentText> read_document(const std::string& path, vi::Restorer* restorer,
                                   const ReadLimits& limits = {});

// Repairs `text` in place when it came from OCR or reads like OCR output (measure_damage),
// noting the words the repair was unsure of. Does nothing when `restorer` is null.
void repair(DocumentText& text, vi::Restorer* restorer);

// The same for text already in memory (an upload, a paste), `format` "text" or "markdown".
Result<DocumentText> read_text(std::string_view bytes, std::string_view format,
                               vi::Restorer* restorer);

// The lower-case extension of a file name (".docx"), or "" when it has none or it is not a
// plain one (letters and digits, at most 10 characters): safe to reuse in a temporary name.
std::string file_extension(std::string_view name);

// Share of letter words in `text` that are not valid Vietnamese syllables, and share of
// syllables with no mark at all; OCR without the Vietnamese model scores high on either.
struct Damage {
  double invalid = 0;   // 0..1
  double unmarked = 0;  // 0..1
  std::size_t words = 0;
  bool looks_damaged() const;
};
Damage measure_damage(std::string_view text);

}  // namespace loa::doc
