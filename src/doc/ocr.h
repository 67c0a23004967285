// File: doc/ocr.h
//
// Reading scanned documents: page images and PDFs through tesseract (libtesseract 5) with its
// Vietnamese model (Debian tesseract-ocr-vie). A PDF page with a text layer is read from the
// layer, and only pages without one are rendered (poppler-cpp, 300 dpi, grey) and recognised.
// The text that comes out is raw: callers normalise it (vi::normalize) and repair what the
// engine got wrong (vi::Restorer), as `loa text ocr` does.
//
//   auto pages = doc::read_scanned("plan.pdf");     // one entry per page
//   for (const auto& p : *pages) std::cout << p.text;
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace loa::doc {

struct ScannedPage {
  std::string text;  // UTF-8, as the engine or the text layer gave it
  bool recognised;   // true: OCR; false: taken from the PDF's text layer
  float confidence;  // tesseract's mean word confidence 0..1 (1 for a text layer)
};

struct OcrOptions {
  std::string language = "vie";  // tesseract model(s), e.g. "vie" or "vie+eng"
  int dpi = 300;                 // rendering resolution for PDF pages
  bool force_ocr = false;        // recognise PDF pages even when they carry text
  int max_pages = 500;           // a PDF with more pages is refused before any is read
};

// Reads an image (PNG, JPEG, TIFF, PNM: whatever leptonica reads) or a PDF (by its %PDF
// signature). not_found for a missing file, invalid_argument for a file that is neither,
// failed_precondition when the tesseract model is not installed.
Result<std::vector<ScannedPage>> read_scanned(const std::string& path,
                                              const OcrOptions& options = {});

}  // namespace loa::doc
