// File: store/database.h
//
// A thin RAII layer over one SQLite connection: prepared statements with typed binding,
// transactions that roll back unless committed, and SQLite errors turned into Status values.
// All SQL of Loa lives in store/; the rest of the program calls the repository functions
// (organisations.h, users.h, ...) and never sees SQL or sqlite3 types.
//
//   auto db = Database::open("var/loa.db");
//   Transaction tx(**db);
//   LOA_RETURN_IF_ERROR(tx.begin());
//   auto st = (*db)->prepare("SELECT name FROM organisations WHERE id = ?");
//   st->bind(1, std::int64_t{42});
//   while (*st->step()) use(st->column_text(0));
//   LOA_RETURN_IF_ERROR(tx.commit());
//
// Invariants: a Database is used by one thread at a time (the Pool hands it out);
// statements are cached per connection and reset when a Statement goes out of scope.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace loa::store {

class Database;

// One prepared statement in use. Movable, not copyable; gives its sqlite3_stmt back to the
// connection's cache, reset and unbound, on destruction.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, std::nullptr_t);
  // Bytes as a BLOB (bind(string_view) binds UTF-8 TEXT).
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  // Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows.
  Status run();

  bool column_is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<std::int64_t> column_optional_int(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt, bool cached)
      : db_(db), stmt_(stmt), cached_(cached) {}
  Status bind_status() const;

  Database* db_;
  sqlite3_stmt* stmt_;
  bool cached_;
  int bind_error_ = 0;  // first sqlite error code from a bind call, reported by step()
};

class Database {
 public:
  // Opens (creating if absent) the SQLite file at `path` and configures the connection:
  // WAL journal, foreign keys on, a busy timeout so concurrent writers wait, not fail.
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more SQL statements that return no rows.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  std::int64_t last_insert_id() const;
  int changes() const;
  const std::string& path() const { return path_; }
  // Whether a transaction is open on this connection.
  bool in_transaction() const;

  // Copies the whole database, consistently, into a new file at `destination`
  // (SQLite's online backup API: other connections may keep writing meanwhile).
  Status backup_to(const std::string& destination);

  // The Status for the connection's most recent error, with `context` in the message.
  Status error_status(int rc, std::string_view context) const;

 private:
  friend class Statement;
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void give_back(sqlite3_stmt* stmt);

  sqlite3* db_;
  std::string path_;
  // Prepared statements by SQL text; a null entry means the statement is checked out.
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  std::unordered_map<sqlite3_stmt*, std::string> sql_of_;
};

// Steps through every row of `st`, collecting `read(st)` for each.
//   auto names = collect_rows(*st, [](const Statement& s) { return s.column_text(0); });
template <typename F>
auto collect_rows(Statement& st, F read)
    -> Result<std::vector<decltype(read(std::declval<const Statement&>()))>> {
  std::vector<decltype(read(std::declval<const Statement&>()))> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(read(std::as_const(st)));
  }
  return out;
}

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless commit() succeeded.
// IMMEDIATE takes the write lock at once, so two writers never deadlock upgrading a read.
// Inside another transaction it is a savepoint: its work is undone alone on failure and
// kept (until the outer one ends) on commit().
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin();
  Status commit();

 private:
  Database& db_;
  bool open_ = false;
  bool nested_ = false;
};

// Path of the SQLite file named by a --db value or LOA_DATABASE_URL: a plain path,
// "sqlite:PATH" or "sqlite://PATH". PostgreSQL URLs are recognised and refused for now.
Result<std::string> sqlite_path_from_url(std::string_view url);

}  // namespace loa::store
