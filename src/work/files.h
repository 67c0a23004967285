// File: work/files.h
//
// Files officers attach as evidence or to a report. The type is decided from the content,
// and must agree with the name's extension: a program renamed "bao-cao.pdf" is refused, as
// are types other than PDF, Word/Excel/PowerPoint (and their OpenDocument kin), PNG/JPEG
// images and plain text. At most 20 MiB each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "store/files.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

inline constexpr std::size_t kMaxFileBytes = 20 << 20;

// The MIME type of an acceptable file named `name` with these bytes; invalid_argument saying
// what is wrong (unknown type, content not matching the name, empty, too large).
Result<std::string> accepted_file_type(std::string_view name, std::string_view bytes);

// Checks and stores an upload for the user's organisation (unattached until an update or
// report names it). The file's id.
Result<std::int64_t> store_upload(store::Database& db, const Clock& clock, const SignedInUser& user,
                                  const Actor& actor, const std::string& name,
                                  const std::string& bytes);

// The file with its bytes if the user may download it: her organisation's, or attached to a
// task update or report she can see. not_found otherwise.
Result<store::FileRow> visible_file(store::Database& db, const SignedInUser& user,
                                    std::int64_t file_id);

}  // namespace loa::work
