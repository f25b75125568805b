#include "storage/ThreadConnections.h"

#include <mutex>
#include <utility>

#include "storage/Database.h"

namespace kring::sqlite {

ThreadConnections::ThreadConnections(std::string path) : path_(std::move(path)) {}

ThreadConnections::~ThreadConnections() = default;

void ThreadConnections::Adopt(std::unique_ptr<Database> db) {
  std::unique_lock lock(mutex_);
  connections_[std::this_thread::get_id()] = std::move(db);
}

Result<Database*> ThreadConnections::ForThisThread() {
  const std::thread::id thread = std::this_thread::get_id();
  {
    std::shared_lock lock(mutex_);
    if (auto it = connections_.find(thread); it != connections_.end()) return it->second.get();
  }
  // Opened outside the lock: opening touches the file and may wait for the busy timeout, and
  // no other thread inserts under this thread's id.
  Result<std::unique_ptr<Database>> opened = Database::Open(path_);
  if (!opened.ok()) return opened.error();
  std::unique_lock lock(mutex_);
  std::unique_ptr<Database>& slot = connections_[thread];
  slot = std::move(opened).value();
  return slot.get();
}

}  // namespace kring::sqlite
