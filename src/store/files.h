// File: store/files.h
//
// Uploaded files (evidence for a task, attachments of a report), kept in the database so
// every server node serves them. A file is uploaded first, then attached to its owner once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct FileRow {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> uploaded_by;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string data;                       // left empty unless asked for
  std::optional<std::string> owner_kind;  // task_update, report, contract
  std::optional<std::int64_t> owner_id;
  std::string created_at;
};

Result<std::int64_t> insert_file(Database& db, const FileRow& file);
Result<FileRow> find_file(Database& db, std::int64_t id, bool with_data);
// Attaches the files to their owner. Each must exist, be unattached and belong to
// `organisation_id`; invalid_argument naming the first that is not.
Status attach_files(Database& db, const std::vector<std::int64_t>& ids,
                    std::int64_t organisation_id, const std::string& owner_kind,
                    std::int64_t owner_id);
// The files of an owner, without their bytes.
Result<std::vector<FileRow>> list_files(Database& db, const std::string& owner_kind,
                                        std::int64_t owner_id);

// The task (owner_kind task_update) or report request (report) an owner belongs to.
Result<std::int64_t> owner_parent_id(Database& db, const std::string& owner_kind,
                                     std::int64_t owner_id);

}  // namespace loa::store
