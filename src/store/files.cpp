// SQL for uploaded files.
#include "store/files.h"

namespace loa::store {

namespace {

FileRow file_from(const Statement& s, bool with_data) {
  FileRow f;
  f.id = s.column_int(0);
  f.organisation_id = s.column_int(1);
  f.uploaded_by = s.column_optional_int(2);
  f.name = s.column_text(3);
  f.content_type = s.column_text(4);
  f.size = s.column_int(5);
  f.sha256 = s.column_text(6);
  f.owner_kind = s.column_optional_text(7);
  f.owner_id = s.column_optional_int(8);
  f.created_at = s.column_text(9);
  if (with_data) f.data = s.column_blob(10);
  return f;
}

}  // namespace

Result<std::int64_t> insert_file(Database& db, const FileRow& f) {
  auto st = db.prepare(
      "INSERT INTO files (organisation_id, uploaded_by, name, content_type, size, sha256, data, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(f.organisation_id, f.uploaded_by, f.name, f.content_type, f.size, f.sha256);
  st->bind_blob(7, f.data);
  st->bind(8, f.created_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<FileRow> find_file(Database& db, std::int64_t id, bool with_data) {
  auto st = db.prepare(with_data ? "SELECT id, organisation_id, uploaded_by, name, content_type, "
                                   "size, sha256, owner_kind, owner_id, created_at, data "
                                   "FROM files WHERE id = ?"
                                 : "SELECT id, organisation_id, uploaded_by, name, content_type, "
                                   "size, sha256, owner_kind, owner_id, created_at "
                                   "FROM files WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto rows = collect_rows(*st, [&](const Statement& s) { return file_from(s, with_data); });
  if (!rows) return rows.status();
  if (rows->empty()) return not_found("no file with id " + std::to_string(id));
  return std::move(rows->front());
}

Status attach_files(Database& db, const std::vector<std::int64_t>& ids,
                    std::int64_t organisation_id, const std::string& owner_kind,
                    std::int64_t owner_id) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto st = db.prepare(
        "UPDATE files SET owner_kind = ?, owner_id = ? WHERE id = ? AND organisation_id = ? "
        "AND owner_kind IS NULL");
    if (!st) return st.status();
    st->bind_all(owner_kind, owner_id, ids[i], organisation_id);
    LOA_RETURN_IF_ERROR(st->run());
    if (db.changes() == 0) {
      return invalid_argument("files[" + std::to_string(i) + "]: file " + std::to_string(ids[i]) +
                              " does not exist, is not your organisation's or is attached "
                              "elsewhere already");
    }
  }
  return Status::ok();
}

Result<std::vector<FileRow>> list_files(Database& db, const std::string& owner_kind,
                                        std::int64_t owner_id) {
  auto st = db.prepare(
      "SELECT id, organisation_id, uploaded_by, name, content_type, size, sha256, owner_kind, "
      "owner_id, created_at FROM files WHERE owner_kind = ? AND owner_id = ? ORDER BY id");
  if (!st) return st.status();
  st->bind_all(owner_kind, owner_id);
  return collect_rows(*st, [](const Statement& s) { return file_from(s, false); });
}

Result<std::int64_t> owner_parent_id(Database& db, const std::string& owner_kind,
                                     std::int64_t owner_id) {
  if (owner_kind == "contract") return owner_id;  // a contract's scan: the contract itself
  auto st = db.prepare(owner_kind == "task_update" ? "SELECT task_id FROM task_updates WHERE id = ?"
                                                   : "SELECT request_id FROM reports WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, owner_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no " + owner_kind + " with id " + std::to_string(owner_id));
  return st->column_int(0);
}

}  // namespace loa::store
