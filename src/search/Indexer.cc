#include "search/Indexer.h"

#include <algorithm>
#include <exception>
#include <iostream>
#include <unordered_set>
#include <vector>

#include "search/XapianIndexWriter.h"

namespace kring {

namespace {

// Options as the thread relies on them: a batch of at least one row (DrainAll stops on a short
// batch, which a batch size of 0 would never give), a backoff that can grow.
IndexerOptions Normalised(IndexerOptions options) {
  options.batch_size = std::max(1, options.batch_size);
  options.first_backoff = std::max(options.first_backoff, std::chrono::milliseconds(1));
  options.max_backoff = std::max(options.max_backoff, options.first_backoff);
  return options;
}

}  // namespace

Result<std::unique_ptr<Indexer>> Indexer::Open(PageStore& pages, IndexQueue& queue,
                                               FileStore& files, IndexerOptions options) {
  auto writer = XapianIndexWriter::Open(options.xapian_dir);
  if (!writer) return writer.error();
  if (const std::string why = writer.value()->Outdated(); !why.empty()) {
    // Queued first, then marked: a crash in between queues the pages again at the next start
    // (work repeated, none lost). The old documents answer searches until replaced.
    if (Status queued = queue.EnqueueAllPages(); !queued) return queued.error();
    if (Status marked = writer.value()->MarkCurrent(); !marked) return marked.error();
    const std::string line = "kring indexer: the search index " + why +
                             "; every page is indexed again in the background (" +
                             std::to_string(queue.Lag()) + " rows waiting)";
    if (options.log) {
      options.log(line);
    } else {
      std::cerr << line + "\n";
    }
  }
  return std::make_unique<Indexer>(pages, queue, files, std::move(options),
                                   std::move(writer).value());
}

Indexer::Indexer(PageStore& pages, IndexQueue& queue, FileStore& files, IndexerOptions options,
                 std::unique_ptr<XapianIndexWriter> writer)
    : pages_(pages),
      queue_(queue),
      files_(files),
      options_(Normalised(std::move(options))),
      dir_(writer->dir()),
      writer_(std::move(writer)) {}

Indexer::~Indexer() { Stop(); }

void Indexer::Start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (thread_.joinable()) return;
  {
    std::lock_guard state(state_mutex_);
    stop_requested_ = false;
    woken_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void Indexer::Stop() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard state(state_mutex_);
    stop_requested_ = true;
  }
  state_changed_.notify_all();
  thread_.join();
}

void Indexer::Wake() {
  {
    std::lock_guard state(state_mutex_);
    woken_ = true;
  }
  state_changed_.notify_all();
}

Result<int64_t> Indexer::DrainOnce() {
  std::lock_guard lock(writer_mutex_);
  try {
    return DrainBatchLocked();
  } catch (const std::exception& e) {
    // Not a Xapian::Error (the writer translates those): a store that throws, or bad_alloc.
    // Start from a fresh writer next time rather than trust one that was interrupted.
    writer_.reset();
    return Error{ErrorCode::kInternal, std::string("indexing failed: ") + e.what()};
  } catch (...) {
    // Reported, not swallowed: the background thread must outlive any failure.
    writer_.reset();
    return Error{ErrorCode::kInternal, "indexing failed with an unknown exception"};
  }
}

Result<int64_t> Indexer::DrainAll() {
  int64_t total = 0;
  while (true) {
    auto handled = DrainOnce();
    if (!handled) return handled.error();
    total += handled.value();
    if (handled.value() < options_.batch_size) return total;
  }
}

Result<int64_t> Indexer::DrainBatchLocked() {
  if (!writer_) {
    auto reopened = XapianIndexWriter::Open(dir_);
    if (!reopened) return reopened.error();
    writer_ = std::move(reopened).value();
  }
  const std::vector<IndexWork> work = queue_.Pending(options_.batch_size);
  if (work.empty()) return int64_t{0};

  // A page saved twice in one batch is indexed once, and so is a file (also when its page's
  // row already indexed it).
  std::unordered_set<std::string> pages_done;
  std::unordered_set<int64_t> files_done;
  std::vector<int64_t> ids;
  ids.reserve(work.size());
  for (const IndexWork& item : work) {
    ids.push_back(item.id);
    Status written = Ok();
    if (item.file_id != 0) {
      if (!files_done.insert(item.file_id).second) continue;
      written = IndexFileLocked(item.file_id);
    } else {
      if (!pages_done.insert(item.slug).second) continue;
      written = IndexPageLocked(item.slug, files_done);
    }
    // The helpers have dropped the writer if it failed. After a store failure it stays: the
    // uncommitted part of this batch is committed with the next one, which re-reads these rows
    // anyway (indexing is idempotent).
    if (!written) return written.error();
  }
  if (Status committed = writer_->Commit(); !committed) {
    writer_.reset();
    return committed.error();
  }
  // A failure here leaves rows that are indexed again next time: wasted work, never lost work.
  if (Status marked = queue_.MarkIndexed(ids); !marked) return marked.error();
  return static_cast<int64_t>(work.size());
}

Status Indexer::Written(Status status) {
  // A writer that failed may hold any part of a batch: reopen it rather than commit that.
  if (!status) writer_.reset();
  return status;
}

Status Indexer::IndexPageLocked(const std::string& slug, std::unordered_set<int64_t>& files_done) {
  Result<Page> page = pages_.Get(slug);
  if (!page) {
    if (page.error().code == ErrorCode::kNotFound) return Written(writer_->Remove(slug));
    return Error{page.error().code,
                 "cannot load page " + slug + " to index it: " + page.error().message};
  }
  if (Status indexed = Written(writer_->Index(page.value())); !indexed) return indexed;
  // The files' documents copy the page's kind, topics and date, which this save may have
  // changed. A page rarely has more than a few files, so re-indexing them all is cheap enough
  // and simpler than finding out what changed.
  for (const StoredFile& listed : files_.FilesOfPage(slug)) {
    if (!files_done.insert(listed.id).second) continue;
    Result<StoredFile> file = files_.GetFile(listed.id);  // the list comes without sections
    if (!file) {
      if (file.error().code == ErrorCode::kNotFound) {
        if (Status removed = Written(writer_->RemoveFile(listed.id)); !removed) return removed;
        continue;
      }
      return Error{file.error().code, "cannot load file " + std::to_string(listed.id) +
                                          " to index it: " + file.error().message};
    }
    if (Status indexed = Written(writer_->IndexFile(file.value(), &page.value())); !indexed) {
      return indexed;
    }
  }
  return Ok();
}

Status Indexer::IndexFileLocked(int64_t file_id) {
  Result<StoredFile> file = files_.GetFile(file_id);
  if (!file) {
    if (file.error().code == ErrorCode::kNotFound) return Written(writer_->RemoveFile(file_id));
    return Error{file.error().code, "cannot load file " + std::to_string(file_id) +
                                        " to index it: " + file.error().message};
  }
  Result<Page> page = pages_.Get(file.value().page_slug);
  if (!page && page.error().code != ErrorCode::kNotFound) {
    return Error{page.error().code, "cannot load page " + file.value().page_slug + " of file " +
                                        std::to_string(file_id) +
                                        " to index it: " + page.error().message};
  }
  // A file whose page is gone is still indexed, without the page's kind, topics and date.
  return Written(writer_->IndexFile(file.value(), page ? &page.value() : nullptr));
}

void Indexer::Run() {
  std::chrono::milliseconds backoff = options_.first_backoff;
  while (true) {
    {
      std::lock_guard state(state_mutex_);
      if (stop_requested_) return;
      // Cleared before draining: a Wake() during the batch makes the thread go round again.
      woken_ = false;
    }
    Result<int64_t> handled = DrainOnce();
    std::chrono::milliseconds pause = options_.poll_interval;
    bool wake_ends_pause = true;
    if (!handled) {
      Log("kring indexer: " + handled.error().message + "; retrying in " +
          std::to_string(backoff.count()) + " ms");
      pause = backoff;
      wake_ends_pause = false;  // a burst of saves must not turn the backoff into a busy loop
      backoff = std::min(backoff * 2, options_.max_backoff);
    } else {
      backoff = options_.first_backoff;
      // A full batch means more is probably waiting: go on without pausing.
      if (handled.value() >= options_.batch_size) continue;
    }
    std::unique_lock state(state_mutex_);
    state_changed_.wait_for(state, pause,
                            [&] { return stop_requested_ || (wake_ends_pause && woken_); });
  }
}

void Indexer::Log(const std::string& line) const {
  if (options_.log) {
    options_.log(line);
  } else {
    // One write per line, so lines from several threads do not interleave.
    std::cerr << line + "\n";
  }
}

}  // namespace kring
