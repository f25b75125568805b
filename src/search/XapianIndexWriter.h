// XapianIndexWriter: turns pages and files into Xapian documents (DocumentBuilder) and writes
// them to the search index. It owns the index's only Xapian::WritableDatabase (Xapian allows one
// writer per folder; a second one, even in another process, fails with kUnavailable). The Indexer
// uses it from its thread; `kring reindex` may use it directly on a fresh folder.
//
// Not thread-safe: one thread at a time. The document layout is in index/prefixes.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/File.h"
#include "core/Page.h"
#include "core/Result.h"

namespace kring {

// The documents of one page or one file, built by a DocumentBuilder and written by
// XapianIndexWriter::Write. Move-only; opaque, so that no Xapian type leaves search/. A
// BuiltDocuments may be handed to another thread, but used by one thread at a time.
class BuiltDocuments {
 public:
  struct Impl;  // defined in XapianIndexWriter.cc
  explicit BuiltDocuments(std::unique_ptr<Impl> impl);
  BuiltDocuments(BuiltDocuments&&) noexcept;
  BuiltDocuments& operator=(BuiltDocuments&&) noexcept;
  ~BuiltDocuments();

 private:
  friend class XapianIndexWriter;
  std::unique_ptr<Impl> impl_;
};

// Turns pages and files into documents without the index: tokenizing, stemming, compounds,
// the costly part of indexing. So other threads than the writer's can share that work.
// Not thread-safe: one per thread (it keeps a Xapian term generator and a stemmer).
class DocumentBuilder {
 public:
  DocumentBuilder();
  ~DocumentBuilder();
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;

  // The page's document. Errors: kInternal (Xapian failure).
  Result<BuiltDocuments> ForPage(const Page& page);
  // The file's documents, as XapianIndexWriter::IndexFile describes them. Errors: kInternal.
  Result<BuiltDocuments> ForFile(const StoredFile& file, const Page* page);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

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
  // Writes what a DocumentBuilder built, on any thread: as Index does for a page, as IndexFile
  // does for a file (the words also go to the spelling table, as with Index). Errors: kInternal.
  Status Write(BuiltDocuments documents);
  // Removes the page's document; removing a page that is not indexed is not an error.
  Status Remove(std::string_view slug);
  // Adds the file's documents, one per section with text (a slide, a PDF page, a sheet; one for
  // the whole file when none has text), after deleting every document the file had, so a file
  // re-extracted with fewer sections leaves none behind. `page` is the page the file is attached
  // to (file.page_slug): its kind, topics and date are copied into the file's documents, so a
  // topic or kind filter finds the file with its page; null when that page is gone (the file
  // is then found by its words and type only). A later change to the page reaches the file's
  // documents only when the file is indexed again (the Indexer does that with the page).
  // Not visible before Commit(). Errors: kInternal.
  Status IndexFile(const StoredFile& file, const Page* page);
  // Removes every document of the file; removing a file that is not indexed is not an error.
  Status RemoveFile(int64_t file_id);
  // Makes every change since the last commit durable and visible to readers (fsyncs: batch
  // changes, then commit once). Errors: kInternal.
  Status Commit();

  // Documents in the index, committed or not; -1 (logged) when Xapian fails to say.
  int64_t DocumentCount() const;
  const std::string& dir() const;

  // Why the documents already in the index were written differently from what this build
  // writes (another stemmer or an older kFormatVersion, Prefixes.h), or "" when they were not.
  // Such an index stays searchable; Indexer::Open has every page indexed again and then calls
  // MarkCurrent(), which records this build's stemmer and format (and commits).
  const std::string& Outdated() const;
  Status MarkCurrent();

  struct Impl;  // Xapian state; defined in XapianIndexWriter.cc
  explicit XapianIndexWriter(std::unique_ptr<Impl> impl);  // use Open()

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kring
