// Uploads: type from content, storage, and who may download.
#include "work/files.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "doc/reader.h"
#include "vi/text.h"
#include "work/cooperation.h"
#include "work/reports.h"
#include "work/tasks.h"

namespace loa::work {

namespace {

struct Kind {
  const char* extensions;  // space-separated, with dots
  const char* mime;
  const char* name;  // for messages
};

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Zip-based office files name their main part in the archive's directory.
bool zip_has(std::string_view bytes, std::string_view entry) {
  return bytes.find(entry) != std::string_view::npos;
}

// What the bytes are, whatever the name says.
std::optional<Kind> sniff(std::string_view bytes) {
  if (starts_with(bytes, "%PDF-")) return Kind{".pdf", "application/pdf", "PDF"};
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return Kind{".png", "image/png", "PNG image"};
  if (starts_with(bytes, "\xff\xd8\xff")) return Kind{".jpg .jpeg", "image/jpeg", "JPEG image"};
  if (starts_with(bytes, "PK\x03\x04")) {
    if (zip_has(bytes, "word/document.xml"))
      return Kind{".docx",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "Word document"};
    if (zip_has(bytes, "xl/workbook.xml"))
      return Kind{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "Excel workbook"};
    if (zip_has(bytes, "ppt/presentation.xml"))
      return Kind{".pptx",
                  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                  "PowerPoint presentation"};
    if (zip_has(bytes, "application/vnd.oasis.opendocument.text"))
      return Kind{".odt", "application/vnd.oasis.opendocument.text", "OpenDocument text"};
    if (zip_has(bytes, "application/vnd.oasis.opendocument.spreadsheet"))
      return Kind{".ods", "application/vnd.oasis.opendocument.spreadsheet",
                  "OpenDocument spreadsheet"};
    return Kind{"", "application/zip", "zip archive"};
  }
  if (starts_with(bytes, "MZ")) return Kind{"", "application/x-msdownload", "Windows program"};
  if (starts_with(bytes,
                  "\x7f"
                  "ELF"))
    return Kind{"", "application/x-executable", "program"};
  if (starts_with(bytes, "\xd0\xcf\x11\xe0"))
    return Kind{"", "application/x-ole-storage", "old Office file (.doc/.xls) or encrypted file"};
  if (bytes.find('\0') == std::string_view::npos && vi::is_valid_utf8(bytes)) {
    if (bytes.find("<script") != std::string_view::npos ||
        bytes.find("<html") != std::string_view::npos ||
        bytes.find("<!DOCTYPE") != std::string_view::npos)
      return Kind{"", "text/html", "web page"};
    return Kind{".txt .csv .md", "text/plain; charset=utf-8", "text"};
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> accepted_file_type(std::string_view name, std::string_view bytes) {
  if (bytes.empty()) return invalid_argument("file '" + std::string(name) + "' is empty");
  if (bytes.size() > kMaxFileBytes) {
    return invalid_argument("file '" + std::string(name) + "' is " +
                            std::to_string(bytes.size() >> 20) + " MiB; at most " +
                            std::to_string(kMaxFileBytes >> 20) + " MiB are accepted");
  }
  const std::string extension = doc::file_extension(name);
  const auto kind = sniff(bytes);
  const std::string accepted =
      "PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG images and plain text";
  if (!kind || std::string_view(kind->extensions).empty()) {
    return invalid_argument("file '" + std::string(name) + "' is " +
                            (kind ? std::string("a ") + kind->name : "of an unknown type") +
                            "; accepted are " + accepted);
  }
  std::string extensions = std::string(" ") + kind->extensions + " ";
  if (extension.empty() || extensions.find(" " + extension + " ") == std::string::npos) {
    return invalid_argument(
        "file '" + std::string(name) + "' is named as " +
        (extension.empty() ? std::string("a file without type") : "a " + extension + " file") +
        " but its content is a " + kind->name + ": the name and the content must agree");
  }
  return std::string(kind->mime);
}

Result<std::int64_t> store_upload(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const std::string& name,
                                  const std::string& bytes) {
  // Only the last part of a path the browser may send; NFC.
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  auto nfc = vi::to_nfc(base);
  if (!nfc || nfc->empty() || nfc->size() > 255)
    return invalid_argument("the file's name must be 1–255 bytes of valid text");
  for (unsigned char c : *nfc)
    if (c < 0x20 || c == 0x7f)
      return invalid_argument("the file's name must not contain control characters");
  auto type = accepted_file_type(*nfc, bytes);
  if (!type) return type.status();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  store::FileRow f;
  f.organisation_id = user.organisation_id;
  f.uploaded_by = user.id;
  f.name = *nfc;
  f.content_type = *type;
  f.size = static_cast<std::int64_t>(bytes.size());
  f.sha256 = hex;
  f.data = bytes;
  f.created_at = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_file(db, f);
  if (!id) return id.status();
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"file.upload", "file", std::to_string(*id), std::nullopt,
                                     nlohmann::json{{"name", f.name},
                                                    {"content_type", f.content_type},
                                                    {"size", f.size},
                                                    {"sha256", f.sha256}}
                                         .dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Result<store::FileRow> visible_file(store::Database& db, const SignedInUser& user,
                                    std::int64_t file_id) {
  auto file = store::find_file(db, file_id, true);
  if (!file) return file.status();
  if (file->organisation_id == user.organisation_id) return file;
  if (file->owner_kind && file->owner_id) {
    auto parent = store::owner_parent_id(db, *file->owner_kind, *file->owner_id);
    if (!parent) return parent.status();
    const std::string& kind = *file->owner_kind;
    const bool visible = kind == "task_update" ? visible_task(db, user, *parent).is_ok()
                         : kind == "contract"  ? visible_contract(db, user, *parent).is_ok()
                                               : visible_request(db, user, *parent).is_ok();
    if (visible) return file;
  }
  return not_found("no file with id " + std::to_string(file_id));
}

}  // namespace loa::work
