// Scanned documents through libtesseract, leptonica and poppler-cpp. See ocr.h.
#include "doc/ocr.h"

#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tesseract/baseapi.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace loa::doc {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> start(const std::string& language) {
    auto engine = std::make_unique<Engine>();
    // Quiet: tesseract prints warnings (e.g. about resolution) to stderr otherwise.
    engine->api_.SetVariable("debug_file", "/dev/null");
    if (engine->api_.Init(nullptr, language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return failed_precondition("the tesseract model '" + language +
                                 "' is not installed (Debian package tesseract-ocr-vie)");
    }
    engine->api_.SetPageSegMode(tesseract::PSM_AUTO);
    return engine;
  }
  ~Engine() { api_.End(); }

  ScannedPage recognise(Pix* image, int dpi) {
    api_.SetImage(image);
    api_.SetSourceResolution(dpi);
    return read();
  }

  ScannedPage recognise(const unsigned char* grey, int width, int height, int stride, int dpi) {
    api_.SetImage(grey, width, height, 1, stride);
    api_.SetSourceResolution(dpi);
    return read();
  }

 private:
  ScannedPage read() {
    std::unique_ptr<char[]> text(api_.GetUTF8Text());
    const int confidence = api_.MeanTextConf();
    api_.Clear();
    return {text ? std::string(text.get()) : std::string(), true,
            static_cast<float>(std::max(0, confidence)) / 100.0F};
  }

  tesseract::TessBaseAPI api_;
};

bool is_pdf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[5] = {};
  in.read(head, sizeof head);
  return in.gcount() == 5 && std::string_view(head, 5) == "%PDF-";
}

// poppler reports what it repairs on stderr; a damaged file comes back as null instead.
void quiet_poppler(const std::string& /*message*/, void* /*closure*/) {}

Result<std::vector<ScannedPage>> read_pdf(const std::string& path, const OcrOptions& options) {
  poppler::set_debug_error_function(quiet_poppler, nullptr);
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path));
  if (!pdf) return invalid_argument("'" + path + "' is not a readable PDF");
  if (pdf->is_locked()) return invalid_argument("'" + path + "' is password-protected");
  if (pdf->pages() > options.max_pages) {
    return resource_exhausted("'" + path + "' has " + std::to_string(pdf->pages()) +
                              " pages; at most " + std::to_string(options.max_pages) + " are read");
  }
  std::unique_ptr<Engine> engine;
  std::vector<ScannedPage> pages;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page)
      return invalid_argument("'" + path + "': page " + std::to_string(i + 1) + " is damaged");
    if (!options.force_ocr) {
      const poppler::byte_array utf8 = page->text().to_utf8();
      std::string text(utf8.begin(), utf8.end());
      if (text.find_first_not_of(" \t\r\n\f") != std::string::npos) {
        pages.push_back({std::move(text), false, 1.0F});
        continue;
      }
    }
    if (!engine) {
      auto started = Engine::start(options.language);
      if (!started) return started.status();
      engine = std::move(*started);
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const poppler::image image = renderer.render_page(page.get(), options.dpi, options.dpi);
    if (!image.is_valid()) {
      return invalid_argument("'" + path + "': page " + std::to_string(i + 1) +
                              " cannot be rendered");
    }
    pages.push_back(engine->recognise(reinterpret_cast<const unsigned char*>(image.const_data()),
                                      image.width(), image.height(), image.bytes_per_row(),
                                      options.dpi));
  }
  return pages;
}

}  // namespace

Result<std::vector<ScannedPage>> read_scanned(const std::string& path, const OcrOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return not_found("cannot open '" + path + "'");
  if (is_pdf(path)) return read_pdf(path, options);
  setMsgSeverity(L_SEVERITY_NONE);  // leptonica: errors come back as null, reported below
  std::unique_ptr<Pix, PixDeleter> image(pixRead(path.c_str()));
  if (!image) {
    return invalid_argument("'" + path + "' is neither a PDF nor an image leptonica can read");
  }
  auto engine = Engine::start(options.language);
  if (!engine) return engine.status();
  const int dpi = pixGetXRes(image.get()) > 0 ? pixGetXRes(image.get()) : options.dpi;
  return std::vector<ScannedPage>{(*engine)->recognise(image.get(), dpi)};
}

}  // namespace loa::doc
