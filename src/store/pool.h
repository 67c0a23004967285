// File: store/pool.h
//
// A fixed set of SQLite connections to one file, shared by the server's threads.
// A request leases a connection for as long as it needs it; the lease gives it back.
// WAL mode lets the leased connections read concurrently while one of them writes.
//
//   Pool pool = *Pool::open("var/loa.db", 4);
//   auto lease = pool.acquire();
//   Result<User> u = find_user_by_username(*lease, "admin");
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

class Pool {
 public:
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_) pool_->give_back(std::move(db_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Database> db_;
  };

  // Opens `size` connections to `path`. Fails if any of them cannot be opened.
  static Result<std::unique_ptr<Pool>> open(const std::string& path, int size);

  // Waits until a connection is free.
  Lease acquire();
  int size() const { return size_; }

 private:
  Pool() = default;
  void give_back(std::unique_ptr<Database> db);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Database>> idle_;
  int size_ = 0;
};

}  // namespace loa::store
