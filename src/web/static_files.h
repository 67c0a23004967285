// File: web/static_files.h
//
// Serves the built UI (ui/dist): files under assets/ carry a content hash in their names and
// are cached for a year; index.html is never cached and answers every other GET that is not
// an API path or an existing file (single-page-app fallback), so deep links work.
// Files are read into memory at start-up: the UI is small and this keeps requests off the disk.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "web/http.h"

namespace loa::web {

class StaticFiles {
 public:
  // Loads every file under `root`. Fails if `root` has no index.html.
  static Result<StaticFiles> load(const std::string& root);

  // The response for a GET of `path`: the file, or index.html for SPA routes, or nullopt
  // when `path` looks like a missing file (has an extension) and should be a 404.
  std::optional<Response> serve(const std::string& path) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
  };
  std::map<std::string, File, std::less<>> files_;  // by URL path, "/assets/app-3f2a.js"
};

std::string content_type_for(std::string_view path);

}  // namespace loa::web
