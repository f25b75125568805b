#include "search/IndexRebuild.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "search/BuildPool.h"
#include "search/XapianIndexWriter.h"

namespace kring {
namespace {

// One page (file_id 0) or one file to index.
struct Item {
  std::string slug;
  int64_t file_id = 0;
};

// The item's documents, built from what the stores hold now; kNotFound when it is gone.
Result<BuiltDocuments> BuildItem(DocumentBuilder& builder, PageStore& pages, FileStore& files,
                                 const Item& item) {
  if (item.file_id == 0) {
    Result<Page> page = pages.Get(item.slug);
    if (!page) return page.error();
    return builder.ForPage(page.value());
  }
  Result<StoredFile> file = files.GetFile(item.file_id);
  if (!file) return file.error();
  // A file whose page is gone is indexed without the page's kind, topics and date, as the
  // Indexer does.
  Result<Page> page = pages.Get(file.value().page_slug);
  if (!page && page.error().code != ErrorCode::kNotFound) return page.error();
  return builder.ForFile(file.value(), page ? &page.value() : nullptr);
}

}  // namespace

Result<RebuildCounts> BuildIndex(const std::string& dir, PageStore& pages, FileStore& files,
                                 const IndexTargets& targets, const RebuildOptions& options) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) {
    return Error{ErrorCode::kInternal,
                 "cannot remove the unfinished index " + dir + ": " + ec.message()};
  }
  auto writer = XapianIndexWriter::Open(dir);
  if (!writer) return writer.error();

  std::vector<Item> items;
  items.reserve(targets.pages.size() + targets.files.size());
  for (const std::string& slug : targets.pages) items.push_back(Item{slug, 0});
  for (int64_t file_id : targets.files) items.push_back(Item{"", file_id});
  const auto total = static_cast<int64_t>(items.size());

  RebuildCounts counts;
  if (options.progress) options.progress(0, total);
  {
    BuildPool pool(options.build_threads);
    BuildPool::Run run = pool.Start(items.size(), [&](DocumentBuilder& builder, size_t i) {
      return BuildItem(builder, pages, files, items[i]);
    });
    for (size_t i = 0; i < items.size(); ++i) {
      Result<BuiltDocuments> built = run.Next();
      if (!built && built.error().code == ErrorCode::kNotFound) {
        ++counts.skipped;
      } else if (!built) {
        return built.error();
      } else {
        if (Status written = writer.value()->Write(std::move(built).value()); !written) {
          return written.error();
        }
        ++(items[i].file_id == 0 ? counts.pages : counts.files);
      }
      if (options.progress) options.progress(static_cast<int64_t>(i) + 1, total);
    }
  }
  if (Status committed = writer.value()->Commit(); !committed) return committed.error();
  return counts;
}

}  // namespace kring
