// In-memory static file serving for the UI.
#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace loa::web {

namespace fs = std::filesystem;

std::string content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json") || ends(".map")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::load(const std::string& root) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(root) / "index.html", ec)) {
    return not_found("no built UI at '" + root + "' (index.html missing); run 'make ui'");
  }
  StaticFiles result;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    result.files_[url] = File{content.str(), content_type_for(url)};
  }
  if (ec) return unavailable("cannot read UI directory '" + root + "': " + ec.message());
  return result;
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  auto make = [](const File& file, const char* cache) {
    Response r;
    r.body = file.content;
    r.set_header("Content-Type", file.content_type);
    r.set_header("Cache-Control", cache);
    r.set_header("X-Content-Type-Options", "nosniff");
    return r;
  };
  if (path != "/" && path != "/index.html") {
    if (auto it = files_.find(path); it != files_.end()) {
      const bool hashed = path.starts_with("/assets/");
      return make(it->second, hashed ? "public, max-age=31536000, immutable" : "no-cache");
    }
    // "/plans/12" is a UI route; "/favicon.png" or "/assets/x.js" is a missing file.
    std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return std::nullopt;
  }
  Response index = make(files_.at("/index.html"), "no-cache");
  index.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "frame-ancestors 'none'");
  index.set_header("X-Frame-Options", "DENY");
  index.set_header("Referrer-Policy", "same-origin");
  return index;
}

}  // namespace loa::web
