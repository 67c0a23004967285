// File: doc/zip_archive.cpp
#include "doc/zip_archive.h"

#include <zip.h>

namespace loa::doc {

namespace {
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
}  // namespace

void ZipArchive::Closer::operator()(struct zip* z) const { zip_discard(z); }

Result<ZipArchive> ZipArchive::open(std::string_view bytes, std::string_view what) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return invalid_argument("not a readable " + std::string(what) + " file");
  zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (z == nullptr) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return invalid_argument("not a readable " + std::string(what) +
                            " file: the zip archive is damaged (" + why + ")");
  }
  zip_error_fini(&error);
  return ZipArchive(z);
}

Result<std::optional<std::string>> ZipArchive::part(const char* name, std::size_t limit) const {
  zip_t* z = zip_.get();
  const zip_int64_t index = zip_name_locate(z, name, 0);
  if (index < 0) return std::optional<std::string>();
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(z));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      return invalid_argument(std::string(name) + " is encrypted");
    return invalid_argument(std::string("cannot open ") + name +
                            " in the archive: " + zip_strerror(z));
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
    if (n < 0) return invalid_argument(std::string(name) + " is damaged in the archive");
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limit) {
      return resource_exhausted(std::string(name) + " inflates to more than " +
                                std::to_string(limit >> 20) + " MiB");
    }
  }
  return std::optional<std::string>(std::move(out));
}

}  // namespace loa::doc
