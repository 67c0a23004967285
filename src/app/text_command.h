// File: app/text_command.h
//
// `loa text …`: the Vietnamese text engine from the command line.
//
//   loa text normalize [FILE|-]      Loa's normal form (NFC, tone placement, quotes, spaces)
//   loa text fold [FILE|-]           accent-free lower case, as search compares
//   loa text tokens [FILE|-]         one token a line: kind, tab, text
//   loa text restore [FILE|-]        OCR repair (diacritic restoration); --format text|marked|json
//   loa text ocr FILE                a scanned image or PDF: tesseract (vie), then the repair
//   loa text train-lm -o FILE CORPUS…   train the restoration language model
//
// Input is read in pieces of about 1 MiB cut at line ends, so memory stays bounded whatever
// the size of the input or of its lines.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace loa::app {

class TextCommand {
 public:
  explicit TextCommand(CLI::App& cli);
  ~TextCommand();
  bool parsed() const;
  int run();

 private:
  struct Options;
  int run_ocr();
  std::unique_ptr<Options> options_;
};

}  // namespace loa::app
