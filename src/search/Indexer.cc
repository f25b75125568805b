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
                                               IndexerOptions options) {
  auto writer = XapianIndexWriter::Open(options.xapian_dir);
  if (!writer) return writer.error();
  return std::make_unique<Indexer>(pages, queue, std::move(options), std::move(writer).value());
}

Indexer::Indexer(PageStore& pages, IndexQueue& queue, IndexerOptions options,
                 std::unique_ptr<XapianIndexWriter> writer)
    : pages_(pages),
      queue_(queue),
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

  std::unordered_set<std::string> seen;  // a page saved twice in one batch is indexed once
  std::vector<int64_t> ids;
  ids.reserve(work.size());
  for (const IndexWork& item : work) {
    ids.push_back(item.id);
    if (!seen.insert(item.slug).second) continue;
    Result<Page> page = pages_.Get(item.slug);
    Status written = Ok();
    if (page) {
      written = writer_->Index(page.value());
    } else if (page.error().code == ErrorCode::kNotFound) {
      written = writer_->Remove(item.slug);
    } else {
      // The uncommitted part of this batch stays in the writer and is committed with the next
      // batch, which re-reads these rows anyway: replace_document makes that harmless.
      return Error{page.error().code,
                   "cannot load page " + item.slug + " to index it: " + page.error().message};
    }
    if (!written) {
      writer_.reset();
      return written.error();
    }
  }
  if (Status committed = writer_->Commit(); !committed) {
    writer_.reset();
    return committed.error();
  }
  // A failure here leaves rows that are indexed again next time: wasted work, never lost work.
  if (Status marked = queue_.MarkIndexed(ids); !marked) return marked.error();
  return static_cast<int64_t>(work.size());
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
