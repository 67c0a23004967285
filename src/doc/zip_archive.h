// File: doc/zip_archive.h
//
// Reading the parts of an Office Open XML package (DOCX, XLSX) held in memory, with a bound
// on how far each part may inflate (a zip bomb is refused, not unpacked).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

struct zip;

namespace loa::doc {

class ZipArchive {
 public:
  // `bytes` must outlive the archive. `what` names the format in messages (".docx").
  static Result<ZipArchive> open(std::string_view bytes, std::string_view what);

  // One part, inflated up to `limit` bytes; nullopt when the archive has no such part.
  Result<std::optional<std::string>> part(const char* name, std::size_t limit) const;

 private:
  struct Closer {
    void operator()(struct zip* z) const;
  };
  explicit ZipArchive(struct zip* z) : zip_(z) {}
  std::unique_ptr<struct zip, Closer> zip_;
};

}  // namespace loa::doc
