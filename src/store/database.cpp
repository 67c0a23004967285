// SQLite connection, statements, transactions and database URLs.
#include "store/database.h"

#include <sqlite3.h>

#include <utility>

#include "store/search_tokenizer.h"

namespace loa::store {

// ---- Statement ----------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      cached_(other.cached_),
      bind_error_(other.bind_error_) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (cached_) {
    db_->give_back(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

namespace {
int remember(int& first_error, int rc) {
  if (rc != SQLITE_OK && first_error == 0) first_error = rc;
  return rc;
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
  remember(bind_error_, sqlite3_bind_int64(stmt_, index, value));
  return *this;
}
Statement& Statement::bind(int index, double value) {
  remember(bind_error_, sqlite3_bind_double(stmt_, index, value));
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  remember(bind_error_, sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                            SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  remember(bind_error_,
           sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
  remember(bind_error_, sqlite3_bind_null(stmt_, index));
  return *this;
}

Status Statement::bind_status() const {
  if (bind_error_ == 0) return Status::ok();
  return db_->error_status(bind_error_,
                           std::string("binding parameters of: ") + sqlite3_sql(stmt_));
}

Result<bool> Statement::step() {
  LOA_RETURN_IF_ERROR(bind_status());
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error_status(rc, sqlite3_sql(stmt_));
}

Status Statement::run() {
  Result<bool> r = step();
  if (!r) return r.status();
  return Status::ok();
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}
std::string Statement::column_blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}
std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}
std::optional<std::int64_t> Statement::column_optional_int(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int(column);
}

// ---- Database -----------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database '" + path +
                          "': " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
    sqlite3_close_v2(handle);
    return unavailable(std::move(message));
  }
  std::unique_ptr<Database> db(new Database(handle, path));
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, 5000);
  // journal_mode returns a row; the others do not. WAL lets readers run beside a writer.
  Status s = db->exec(
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = NORMAL;"
      "PRAGMA foreign_keys = ON;"
      "PRAGMA temp_store = MEMORY;");
  if (!s) return Status(s.code(), "cannot configure database '" + path + "': " + s.message());
  s = register_vietnamese_tokenizer(handle);
  if (!s) return Status(s.code(), "cannot configure database '" + path + "': " + s.message());
  return db;
}

Database::~Database() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Database::error_status(int rc, std::string_view context) const {
  std::string message = std::string(sqlite3_errmsg(db_)) + " (in: " + std::string(context) + ")";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return already_exists(std::move(message));
      }
      return invalid_argument(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      return unavailable(std::move(message));
    default:
      return internal_error(std::move(message));
  }
}

Status Database::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return error_status(rc, text.size() > 120 ? text.substr(0, 120) + "..." : text);
  }
  return Status::ok();
}

Result<Statement> Database::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    sqlite3_stmt* stmt = it->second;
    cache_.erase(it);
    return Statement(this, stmt, /*cached=*/true);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return error_status(rc, key);
  return Statement(this, stmt, /*cached=*/true);
}

void Database::give_back(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto [it, inserted] = cache_.try_emplace(sqlite3_sql(stmt), stmt);
  if (!inserted) sqlite3_finalize(stmt);  // the same SQL was checked out twice at once
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Status Database::backup_to(const std::string& destination) {
  sqlite3* target = nullptr;
  int rc = sqlite3_open_v2(destination.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(target);
    return unavailable("cannot create backup file '" + destination + "'");
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) {
    std::string message = sqlite3_errmsg(target);
    sqlite3_close_v2(target);
    return unavailable("cannot start backup to '" + destination + "': " + message);
  }
  // Copy in slices so writers on other connections are not blocked for the whole copy.
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  int final_rc = sqlite3_errcode(target);
  sqlite3_close_v2(target);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK) {
    return unavailable("backup to '" + destination + "' failed: " + sqlite3_errstr(rc));
  }
  return Status::ok();
}

// ---- Transaction --------------------------------------------------------------------------

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Transaction::~Transaction() {
  if (!open_) return;
  if (nested_)
    (void)db_.exec("ROLLBACK TO loa_nested; RELEASE loa_nested");
  else
    (void)db_.exec("ROLLBACK");
}

Status Transaction::begin() {
  nested_ = db_.in_transaction();
  LOA_RETURN_IF_ERROR(db_.exec(nested_ ? "SAVEPOINT loa_nested" : "BEGIN IMMEDIATE"));
  open_ = true;
  return Status::ok();
}

Status Transaction::commit() {
  LOA_RETURN_IF_ERROR(db_.exec(nested_ ? "RELEASE loa_nested" : "COMMIT"));
  open_ = false;
  return Status::ok();
}

// ---- URLs ---------------------------------------------------------------------------------

Result<std::string> sqlite_path_from_url(std::string_view url) {
  if (url.empty()) return invalid_argument("database location is empty");
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return invalid_argument("PostgreSQL databases are not supported by this build yet: '" +
                            std::string(url) + "'; use a SQLite file path");
  }
  if (url.starts_with("sqlite://"))
    url.remove_prefix(9);
  else if (url.starts_with("sqlite:"))
    url.remove_prefix(7);
  if (url.empty()) return invalid_argument("database URL names no file");
  if (auto colon = url.find("://"); colon != std::string_view::npos) {
    return invalid_argument("unknown database URL scheme in '" + std::string(url) + "'");
  }
  return std::string(url);
}

}  // namespace loa::store
