#include "search/Indexer.h"

#include <algorithm>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "search/BuildPool.h"
#include "search/IndexGeneration.h"
#include "search/XapianIndexWriter.h"

namespace kring {

namespace {

// Helper threads beyond this gain nothing: the writer's own part of the work remains.
constexpr int kMaxBuildThreads = 4;

// What one outbox row asks of the index, as read from the store before anything is written.
struct IndexTask {
  enum class Kind { kRemovePage, kRemoveFile, kBuildPage, kBuildFile };

  static IndexTask RemovePage(std::string slug) {
    IndexTask task(Kind::kRemovePage);
    task.slug = std::move(slug);
    return task;
  }
  static IndexTask RemoveFile(int64_t file_id) {
    IndexTask task(Kind::kRemoveFile);
    task.file_id = file_id;
    return task;
  }
  static IndexTask BuildPage(Page page) {
    IndexTask task(Kind::kBuildPage);
    task.page = std::move(page);
    return task;
  }
  static IndexTask BuildFile(StoredFile file, std::optional<Page> page) {
    IndexTask task(Kind::kBuildFile);
    task.file = std::move(file);
    task.page = std::move(page);
    return task;
  }

  bool builds() const { return kind == Kind::kBuildPage || kind == Kind::kBuildFile; }

  Kind kind;
  std::string slug;                // kRemovePage
  int64_t file_id = 0;             // kRemoveFile
  std::optional<Page> page;        // kBuildPage; for kBuildFile, the file's page if it exists
  std::optional<StoredFile> file;  // kBuildFile

 private:
  explicit IndexTask(Kind kind_in) : kind(kind_in) {}
};

// The store's reads for a batch, in the rows' order. A page saved twice in one batch is indexed
// once, and so is a file (also when its page's row already indexed it).
class BatchPlan {
 public:
  BatchPlan(PageStore& pages, FileStore& files) : pages_(pages), files_(files) {}

  // A page row: the page, or its removal when the store no longer has it, then every file
  // attached to it (their documents copy the page's kind, topics and date, which this save may
  // have changed; a page rarely has more than a few files, so indexing them all again is cheap
  // enough and simpler than finding out what changed).
  Status AddPage(const std::string& slug) {
    if (!pages_done_.insert(slug).second) return Ok();
    Result<Page> page = pages_.Get(slug);
    if (!page) {
      if (page.error().code != ErrorCode::kNotFound) return CannotLoadPage(slug, page.error());
      tasks_.push_back(IndexTask::RemovePage(slug));
      return Ok();
    }
    tasks_.push_back(IndexTask::BuildPage(page.value()));
    for (const StoredFile& listed : files_.FilesOfPage(slug)) {
      if (!files_done_.insert(listed.id).second) continue;
      Result<StoredFile> file = files_.GetFile(listed.id);  // the list comes without sections
      if (Status added = AddLoadedFile(listed.id, std::move(file), page.value()); !added) {
        return added;
      }
    }
    return Ok();
  }

  // A file row: the file with its page (a file whose page is gone is still indexed, without
  // the page's kind, topics and date), or its removal.
  Status AddFile(int64_t file_id) {
    if (!files_done_.insert(file_id).second) return Ok();
    Result<StoredFile> file = files_.GetFile(file_id);
    if (!file) return AddLoadedFile(file_id, std::move(file), std::nullopt);
    Result<Page> page = pages_.Get(file.value().page_slug);
    if (!page && page.error().code != ErrorCode::kNotFound) {
      return Error{page.error().code, "cannot load page " + file.value().page_slug + " of file " +
                                          std::to_string(file_id) +
                                          " to index it: " + page.error().message};
    }
    return AddLoadedFile(file_id, std::move(file),
                         page ? std::optional<Page>(std::move(page).value()) : std::nullopt);
  }

  const std::vector<IndexTask>& tasks() const { return tasks_; }

 private:
  Status AddLoadedFile(int64_t file_id, Result<StoredFile> file, std::optional<Page> page) {
    if (!file) {
      if (file.error().code != ErrorCode::kNotFound) {
        return Error{file.error().code, "cannot load file " + std::to_string(file_id) +
                                            " to index it: " + file.error().message};
      }
      tasks_.push_back(IndexTask::RemoveFile(file_id));
      return Ok();
    }
    tasks_.push_back(IndexTask::BuildFile(std::move(file).value(), std::move(page)));
    return Ok();
  }

  static Error CannotLoadPage(const std::string& slug, const Error& error) {
    return Error{error.code, "cannot load page " + slug + " to index it: " + error.message};
  }

  PageStore& pages_;
  FileStore& files_;
  std::unordered_set<std::string> pages_done_;
  std::unordered_set<int64_t> files_done_;
  std::vector<IndexTask> tasks_;
};

Result<BuiltDocuments> Build(DocumentBuilder& builder, const IndexTask& task) {
  if (task.kind == IndexTask::Kind::kBuildPage) return builder.ForPage(*task.page);
  return builder.ForFile(*task.file, task.page ? &*task.page : nullptr);
}

void LogTo(const std::function<void(const std::string&)>& log, const std::string& line) {
  if (log) {
    log(line);
  } else {
    // One write per line, so lines from several threads do not interleave.
    std::cerr << line + "\n";
  }
}

// Options as the thread relies on them: a batch of at least one row (DrainAll stops on a short
// batch, which a batch size of 0 would never give), a backoff that can grow.
IndexerOptions Normalised(IndexerOptions options) {
  options.batch_size = std::max(1, options.batch_size);
  options.build_threads = std::clamp(options.build_threads, 0, kMaxBuildThreads);
  options.first_backoff = std::max(options.first_backoff, std::chrono::milliseconds(1));
  options.max_backoff = std::max(options.max_backoff, options.first_backoff);
  return options;
}

}  // namespace

Result<std::unique_ptr<Indexer>> Indexer::Open(PageStore& pages, IndexQueue& queue,
                                               FileStore& files, IndexerOptions options) {
  if (options.generations) {
    Result<int64_t> current = options.generations->CurrentGeneration();
    if (!current) return current.error();
    options.xapian_dir = GenerationFolder(options.data_dir, current.value());
    // Those a rebuild swapped out while no server ran (or that a crash left behind).
    RemoveUnusedGenerations(options.data_dir, current.value(), RemoveGenerations::kOlder,
                            [&](const std::string& line) { LogTo(options.log, line); });
  }
  auto writer = XapianIndexWriter::Open(options.xapian_dir);
  if (!writer) return writer.error();
  if (const std::string why = writer.value()->Outdated(); !why.empty()) {
    // Queued first, then marked: a crash in between queues the pages again at the next start
    // (work repeated, none lost). The old documents answer searches until replaced.
    if (Status queued = queue.EnqueueAllPages(); !queued) return queued.error();
    if (Status marked = writer.value()->MarkCurrent(); !marked) return marked.error();
    LogTo(options.log, "kring indexer: the search index " + why +
                           "; every page is indexed again in the background (" +
                           std::to_string(queue.Lag()) + " rows waiting)");
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
      writer_(std::move(writer)),
      builders_(std::make_unique<BuildPool>(options_.build_threads)) {}

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

Result<int64_t> Indexer::WriterForCurrentGeneration() {
  if (!options_.generations) {
    if (!writer_) {
      auto reopened = XapianIndexWriter::Open(dir_);
      if (!reopened) return reopened.error();
      writer_ = std::move(reopened).value();
    }
    return int64_t{0};
  }
  Result<int64_t> current = options_.generations->CurrentGeneration();
  if (!current) return current.error();
  const std::string dir = GenerationFolder(options_.data_dir, current.value());
  if (writer_ && writer_->dir() == dir) return current;
  const bool moved = writer_ != nullptr;
  writer_.reset();  // lets go of the old generation's lock
  auto opened = XapianIndexWriter::Open(dir);
  if (!opened) return opened.error();
  writer_ = std::move(opened).value();
  if (moved) {
    RemoveUnusedGenerations(options_.data_dir, current.value(), RemoveGenerations::kOlder,
                            [this](const std::string& line) { Log("kring indexer: " + line); });
  }
  return current;
}

Result<bool> Indexer::MarkIndexed(int64_t generation, const std::vector<int64_t>& ids) {
  if (options_.generations) return options_.generations->MarkIndexedIn(generation, ids);
  if (Status marked = queue_.MarkIndexed(ids); !marked) return marked.error();
  return true;
}

Result<int64_t> Indexer::DrainBatchLocked() {
  Result<int64_t> generation = WriterForCurrentGeneration();
  if (!generation) return generation.error();
  const std::vector<IndexWork> work = queue_.Pending(options_.batch_size);
  if (work.empty()) return int64_t{0};

  // Everything is read from the store first; a store failure leaves the writer untouched.
  BatchPlan plan(pages_, files_);
  std::vector<int64_t> ids;
  ids.reserve(work.size());
  for (const IndexWork& item : work) {
    ids.push_back(item.id);
    if (Status planned = item.file_id != 0 ? plan.AddFile(item.file_id) : plan.AddPage(item.slug);
        !planned) {
      return planned.error();
    }
  }
  const std::vector<IndexTask>& tasks = plan.tasks();
  std::vector<const IndexTask*> builds;
  for (const IndexTask& task : tasks) {
    if (task.builds()) builds.push_back(&task);
  }

  // Documents are built ahead by the pool's threads while this one writes them in order.
  BuildPool::Run built = builders_->Start(
      builds.size(),
      [&builds](DocumentBuilder& builder, size_t i) { return Build(builder, *builds[i]); });
  for (const IndexTask& task : tasks) {
    Status written = Ok();
    switch (task.kind) {
      case IndexTask::Kind::kRemovePage:
        written = writer_->Remove(task.slug);
        break;
      case IndexTask::Kind::kRemoveFile:
        written = writer_->RemoveFile(task.file_id);
        break;
      case IndexTask::Kind::kBuildPage:
      case IndexTask::Kind::kBuildFile: {
        Result<BuiltDocuments> documents = built.Next();
        // Building touched no writer: the ones written so far are committed with a later batch,
        // which reads these rows again anyway (indexing is idempotent).
        if (!documents) return documents.error();
        written = writer_->Write(std::move(documents).value());
        break;
      }
    }
    if (Status checked = Written(written); !checked) return checked.error();
  }
  if (Status committed = writer_->Commit(); !committed) {
    writer_.reset();
    return committed.error();
  }
  // A failure here leaves rows that are indexed again next time: wasted work, never lost work.
  Result<bool> marked = MarkIndexed(generation.value(), ids);
  if (!marked) return marked.error();
  // A rebuild swapped in another generation after this batch began: the rows stay, and are
  // written into the new generation now (the old one is no longer read).
  if (!marked.value()) return DrainBatchLocked();
  return static_cast<int64_t>(work.size());
}

Status Indexer::Written(Status status) {
  // A writer that failed may hold any part of a batch: reopen it rather than commit that.
  if (!status) writer_.reset();
  return status;
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

void Indexer::Log(const std::string& line) const { LogTo(options_.log, line); }

}  // namespace kring
