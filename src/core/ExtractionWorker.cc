#include "core/ExtractionWorker.h"

#include <chrono>
#include <utility>

namespace kring {

ExtractionWorker::ExtractionWorker(FileStore& files, const FileAnalyzer& analyzer,
                                   std::function<void()> on_extracted)
    : files_(files), analyzer_(analyzer), on_extracted_(std::move(on_extracted)) {}

ExtractionWorker::~ExtractionWorker() { Stop(); }

void ExtractionWorker::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ExtractionWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ExtractionWorker::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

int ExtractionWorker::RunPending() {
  std::lock_guard<std::mutex> run(run_mutex_);
  int done = 0;
  for (;;) {
    const std::vector<int64_t> pending = files_.PendingExtractions(16);
    if (pending.empty()) return done;
    int saved = 0;
    for (int64_t id : pending) {
      Result<StoredFile> file = files_.GetFile(id);
      if (!file.ok()) continue;
      const Extraction extraction =
          analyzer_.Extract(files_.ContentPath(file.value()), file->media_type);
      if (files_.SaveExtraction(id, extraction).ok()) ++saved;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stop_) return done + saved;
      }
    }
    done += saved;
    if (saved > 0 && on_extracted_) on_extracted_();
    // Files that cannot be saved stay pending; do not spin on them.
    if (saved == 0) return done;
  }
}

void ExtractionWorker::Run() {
  for (;;) {
    RunPending();
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::seconds(2), [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

}  // namespace kring
