// WorkerPool: a few threads that run slow request handlers (password hashing, uploads) so that
// they do not stall the I/O thread that read the request and every other connection on it.
//
// The queue is bounded: TrySubmit refuses a task when it is full, and the server answers 503.
// Thread-safe. Stop() (and the destructor) finishes the tasks that are running, drops the ones
// still queued and joins the threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kring::http {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  // `threads` at least 1; `max_queued` tasks may wait beyond the running ones.
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false when the queue is full or the pool is stopped (the task is not run).
  bool TrySubmit(Task task);
  void Stop();

 private:
  void Run();

  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> queue_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;   // GUARDED_BY(mutex_)
  std::vector<std::thread> threads_;
};

}  // namespace kring::http
