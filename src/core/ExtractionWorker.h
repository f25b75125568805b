// ExtractionWorker: one background thread that extracts the text of uploaded files (state
// kPending in the FileStore, also after a crash), stores it, and wakes the indexer.
// Extraction itself runs in a child process (see FileAnalyzer), never on an HTTP thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/FileAnalyzer.h"
#include "core/FileStore.h"

namespace kring {

class ExtractionWorker {
 public:
  // `on_extracted` runs after each stored extraction (the app wakes the indexer with it).
  // The store and analyzer must outlive the worker.
  ExtractionWorker(FileStore& files, const FileAnalyzer& analyzer,
                   std::function<void()> on_extracted = {});
  ~ExtractionWorker();
  ExtractionWorker(const ExtractionWorker&) = delete;
  ExtractionWorker& operator=(const ExtractionWorker&) = delete;

  // Starts the thread; it first handles what an earlier run left pending.
  void Start();
  // Finishes the file in hand and joins the thread.
  void Stop();
  // There is new work.
  void Wake();
  // Extracts every pending file on the calling thread (import, tests). Answers how many.
  int RunPending();

 private:
  void Run();

  FileStore& files_;
  const FileAnalyzer& analyzer_;
  std::function<void()> on_extracted_;
  std::mutex run_mutex_;  // one extraction at a time, from the thread or RunPending
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;   // GUARDED_BY(mutex_)
  bool woken_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace kring
