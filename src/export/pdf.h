// File: export/pdf.h
//
// PDF from the DOCX Loa writes, rendered by LibreOffice Writer (`soffice --headless
// --convert-to pdf`, Debian's libreoffice-writer-nogui), so the PDF is the Word file as printed
// and there is one layout to keep right, not two. Conversions run one at a time in a private
// LibreOffice profile (made on the first, about 3 s; later ones take about a second).
//
//   auto pdf = office::docx_to_pdf(*docx);  // unavailable when LibreOffice is not installed
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::office {

struct PdfSettings {
  std::string soffice = "soffice";  // the program, looked up in PATH
  int timeout_seconds = 120;
};

// unavailable when the program cannot be run; internal_error when it fails or takes too long.
Result<std::string> docx_to_pdf(std::string_view docx, const PdfSettings& settings = {});

}  // namespace loa::office
