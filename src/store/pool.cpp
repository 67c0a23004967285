// Connection pool over one SQLite file.
#include "store/pool.h"

namespace loa::store {

Result<std::unique_ptr<Pool>> Pool::open(const std::string& path, int size) {
  if (size < 1) return invalid_argument("connection pool size must be at least 1");
  std::unique_ptr<Pool> pool(new Pool());
  for (int i = 0; i < size; ++i) {
    auto db = Database::open(path);
    if (!db) return db.status();
    pool->idle_.push_back(std::move(*db));
  }
  pool->size_ = size;
  return pool;
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<Database> db = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(db));
}

void Pool::give_back(std::unique_ptr<Database> db) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
  }
  available_.notify_one();
}

}  // namespace loa::store
