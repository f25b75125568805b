// XapianIndexWriter: turns pages into Xapian documents and writes them to the search index.
// It owns the index's only Xapian::WritableDatabase (Xapian allows one writer per folder; a
// second one, even in another process, fails with kUnavailable). The Indexer uses it from its
// thread; `kring reindex` may use it directly on a fresh folder.
//
// Not thread-safe: one thread at a time. The document layout is in index/prefixes.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/Page.h"
#include "core/Result.h"

namespace kring {

class XapianIndexWriter {
 public:
  // Opens the index in folder `dir`, creating it (and its parents) when missing.
  // Errors: kUnavailable when another writer holds the index (Xapian's lock), kInternal for
  // anything else (not a Xapian index, unreadable, disk errors).
  static Result<std::unique_ptr<XapianIndexWriter>> Open(const std::string& dir);

  // Xapian commits pending changes on destruction and ignores failures there: call Commit().
  ~XapianIndexWriter();
  XapianIndexWriter(const XapianIndexWriter&) = delete;
  XapianIndexWriter& operator=(const XapianIndexWriter&) = delete;

  // Adds the page, or replaces the document of the same slug. Not visible to readers before
  // Commit(). Errors: kInternal (Xapian failure; the writer may then hold part of a batch).
  Status Index(const Page& page);
  // Removes the page's document; removing a page that is not indexed is not an error.
  Status Remove(std::string_view slug);
  // Makes every change since the last commit durable and visible to readers (fsyncs: batch
  // changes, then commit once). Errors: kInternal.
  Status Commit();

  // Documents in the index, committed or not; -1 (logged) when Xapian fails to say.
  int64_t DocumentCount() const;
  const std::string& dir() const;

  struct Impl;  // Xapian state; defined in XapianIndexWriter.cc
  explicit XapianIndexWriter(std::unique_ptr<Impl> impl);  // use Open()

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kring
