// SQL for the organisation registry.
#include "store/organisations.h"

#include <unordered_map>

namespace loa::store {

namespace {
constexpr const char* kColumns =
    "SELECT id, code, name, short_name, kind, level, parent_id, valid_from, valid_to, version "
    "FROM organisations ";

Organisation read_organisation(const Statement& st) {
  Organisation o;
  o.id = st.column_int(0);
  o.code = st.column_text(1);
  o.name = st.column_text(2);
  o.short_name = st.column_optional_text(3);
  o.kind = st.column_text(4);
  o.level = st.column_text(5);
  o.parent_id = st.column_optional_int(6);
  o.valid_from = st.column_optional_text(7);
  o.valid_to = st.column_optional_text(8);
  o.version = st.column_int(9);
  return o;
}

Status load_aliases(Database& db, Organisation& org) {
  auto st = db.prepare(
      "SELECT alias, kind FROM organisation_aliases WHERE organisation_id = ? "
      "ORDER BY alias");
  if (!st) return st.status();
  st->bind(1, org.id);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    org.aliases.push_back({st->column_text(0), st->column_text(1)});
  }
  return Status::ok();
}

Result<Organisation> find_one(Database& db, const std::string& where, auto key,
                              const std::string& what) {
  auto st = db.prepare(std::string(kColumns) + where);
  if (!st) return st.status();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no organisation with " + what);
  Organisation org = read_organisation(*st);
  LOA_RETURN_IF_ERROR(load_aliases(db, org));
  return org;
}
}  // namespace

Result<std::int64_t> insert_organisation(Database& db, const Organisation& org,
                                         const std::string& created_at) {
  auto st = db.prepare(
      "INSERT INTO organisations (code, name, short_name, kind, level, parent_id, valid_from, "
      "valid_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(org.code, org.name, org.short_name, org.kind, org.level, org.parent_id,
               org.valid_from, org.valid_to, created_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Status add_organisation_alias(Database& db, std::int64_t id, const std::string& alias,
                              const std::string& kind) {
  auto st = db.prepare(
      "INSERT INTO organisation_aliases (organisation_id, alias, kind) VALUES (?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(id, alias, kind);
  return st->run();
}

Status add_organisation_successor(Database& db, const Successor& link) {
  auto st = db.prepare(
      "INSERT INTO organisation_successors (predecessor_id, successor_id, scope, effective_on) "
      "VALUES (?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(link.predecessor_id, link.successor_id, link.scope, link.effective_on);
  return st->run();
}

Result<std::vector<Organisation>> list_organisations(Database& db,
                                                     const std::optional<std::string>& as_of) {
  std::string sql = kColumns;
  if (as_of) {
    sql +=
        "WHERE (valid_from IS NULL OR valid_from <= ?1) AND (valid_to IS NULL OR valid_to >= ?1) ";
  }
  sql += "ORDER BY COALESCE(parent_id, 0), name";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  if (as_of) st->bind(1, *as_of);
  std::vector<Organisation> orgs;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    orgs.push_back(read_organisation(*st));
    index[orgs.back().id] = orgs.size() - 1;
  }
  auto aliases = db.prepare(
      "SELECT organisation_id, alias, kind FROM organisation_aliases "
      "ORDER BY organisation_id, alias");
  if (!aliases) return aliases.status();
  for (;;) {
    auto row = aliases->step();
    if (!row) return row.status();
    if (!*row) break;
    if (auto it = index.find(aliases->column_int(0)); it != index.end()) {
      orgs[it->second].aliases.push_back({aliases->column_text(1), aliases->column_text(2)});
    }
  }
  return orgs;
}

Result<std::vector<Successor>> list_organisation_successors(Database& db) {
  auto st = db.prepare(
      "SELECT predecessor_id, successor_id, scope, effective_on FROM organisation_successors "
      "ORDER BY predecessor_id, successor_id");
  if (!st) return st.status();
  std::vector<Successor> links;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    links.push_back({st->column_int(0), st->column_int(1), st->column_text(2), st->column_text(3)});
  }
  return links;
}

Result<Organisation> find_organisation(Database& db, std::int64_t id) {
  return find_one(db, "WHERE id = ?", id, "id " + std::to_string(id));
}

Result<Organisation> find_organisation_by_code(Database& db, const std::string& code) {
  return find_one(db, "WHERE code = ?", code, "code '" + code + "'");
}

Result<std::int64_t> count_organisations(Database& db) {
  auto st = db.prepare("SELECT COUNT(*) FROM organisations");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

Status update_organisation(Database& db, const Organisation& org, const std::string& updated_at) {
  auto st = db.prepare(
      "UPDATE organisations SET name = ?, short_name = ?, kind = ?, level = ?, parent_id = ?, "
      "valid_from = ?, valid_to = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?");
  if (!st) return st.status();
  st->bind_all(org.name, org.short_name, org.kind, org.level, org.parent_id, org.valid_from,
               org.valid_to, updated_at, org.id, org.version);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 1) return Status::ok();
  auto now = find_organisation(db, org.id);
  if (!now) return now.status();
  return conflict("organisation " + std::to_string(org.id) + " was changed by someone else " +
                  "(version " + std::to_string(now->version) + ", not " +
                  std::to_string(org.version) + "); reload it and make the change again");
}

Status replace_organisation_aliases(Database& db, std::int64_t id,
                                    const std::vector<Alias>& aliases) {
  auto clear = db.prepare("DELETE FROM organisation_aliases WHERE organisation_id = ?");
  if (!clear) return clear.status();
  clear->bind(1, id);
  LOA_RETURN_IF_ERROR(clear->run());
  for (const Alias& a : aliases)
    LOA_RETURN_IF_ERROR(add_organisation_alias(db, id, a.text, a.kind));
  return Status::ok();
}

Status replace_organisation_successors(Database& db, std::int64_t predecessor_id,
                                       const std::vector<Successor>& links) {
  auto clear = db.prepare("DELETE FROM organisation_successors WHERE predecessor_id = ?");
  if (!clear) return clear.status();
  clear->bind(1, predecessor_id);
  LOA_RETURN_IF_ERROR(clear->run());
  for (Successor link : links) {
    link.predecessor_id = predecessor_id;
    LOA_RETURN_IF_ERROR(add_organisation_successor(db, link));
  }
  return Status::ok();
}

Result<OrganisationUsage> organisation_usage(Database& db, std::int64_t id) {
  auto st = db.prepare(
      "SELECT (SELECT COUNT(*) FROM tasks WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM report_requests WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM plans WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM users WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM files WHERE organisation_id = ?1), "
      "(SELECT COUNT(*) FROM organisations WHERE parent_id = ?1), "
      "(SELECT COUNT(*) FROM organisation_successors WHERE successor_id = ?1), "
      "(SELECT COUNT(*) FROM task_updates WHERE organisation_id = ?1) + "
      "(SELECT COUNT(*) FROM report_duties WHERE from_organisation_id = ?1)");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  return OrganisationUsage{st->column_int(0), st->column_int(1), st->column_int(2),
                           st->column_int(3), st->column_int(4), st->column_int(5),
                           st->column_int(6), st->column_int(7)};
}

Status delete_organisation(Database& db, std::int64_t id) {
  auto st = db.prepare("DELETE FROM organisations WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return not_found("no organisation with id " + std::to_string(id));
  return Status::ok();
}

}  // namespace loa::store
