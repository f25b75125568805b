#include "search/XapianIndexWriter.h"

#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include "search/Documents.h"
#include "search/DutchAnalysis.h"
#include "search/Prefixes.h"

namespace kring {

namespace {

Error XapianFailure(std::string_view what, const Xapian::Error& e) {
  return Error{ErrorCode::kInternal, std::string(what) + ": " + e.get_description()};
}

}  // namespace

struct BuiltDocuments::Impl {
  // For error messages.
  std::string Name() const {
    return file_id == 0 ? "page " + slug : "file " + std::to_string(file_id);
  }

  // The spelling table ("Bedoelde u: ...") holds the words of the indexed text: what Xapian's
  // TermGenerator adds with FLAG_SPELLING, one count per occurrence of an unprefixed word (each
  // has a position). Gathered by the builder, which has no database, and added by the writer.
  void GatherSpellings() {
    for (const Xapian::Document& doc : docs) {
      for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string word = *it;
        if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;  // prefixed terms
        const Xapian::termcount n = it.positionlist_count();
        if (n > 0) spellings.emplace_back(word, n);
      }
    }
  }

  std::string slug;     // a page's
  int64_t file_id = 0;  // a file's; 0 for a page
  std::vector<Xapian::Document> docs;
  std::vector<std::pair<std::string, Xapian::termcount>> spellings;
};

BuiltDocuments::BuiltDocuments(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BuiltDocuments::BuiltDocuments(BuiltDocuments&&) noexcept = default;
BuiltDocuments& BuiltDocuments::operator=(BuiltDocuments&&) noexcept = default;
BuiltDocuments::~BuiltDocuments() = default;

struct DocumentBuilder::Impl {
  Impl() { analysis.Configure(generator); }

  // The generator keeps a handle on the last document it filled; dropped before the documents
  // leave, as Xapian's handles count their references without atomics.
  Result<BuiltDocuments> Finish(std::unique_ptr<BuiltDocuments::Impl> built) {
    generator.set_document(Xapian::Document());
    built->GatherSpellings();
    return BuiltDocuments(std::move(built));
  }

  search::DutchAnalysis analysis;  // before generator: it must outlive it
  Xapian::TermGenerator generator;
};

DocumentBuilder::DocumentBuilder() : impl_(std::make_unique<Impl>()) {}
DocumentBuilder::~DocumentBuilder() = default;

Result<BuiltDocuments> DocumentBuilder::ForPage(const Page& page) {
  try {
    auto built = std::make_unique<BuiltDocuments::Impl>();
    built->slug = page.slug;
    built->docs.push_back(search::BuildPageDocument(page, impl_->generator, impl_->analysis));
    return impl_->Finish(std::move(built));
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot index page " + page.slug, e);
  }
}

Result<BuiltDocuments> DocumentBuilder::ForFile(const StoredFile& file, const Page* page) {
  try {
    auto built = std::make_unique<BuiltDocuments::Impl>();
    built->file_id = file.id;
    built->docs = search::BuildFileDocuments(file, page, impl_->generator, impl_->analysis);
    return impl_->Finish(std::move(built));
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot index file " + std::to_string(file.id), e);
  }
}

struct XapianIndexWriter::Impl {
  Impl(std::string dir_in, Xapian::WritableDatabase db_in)
      : dir(std::move(dir_in)), db(std::move(db_in)) {}

  std::string dir;
  Xapian::WritableDatabase db;
  std::string outdated;     // see Outdated()
  DocumentBuilder builder;  // for Index and IndexFile
};

Result<std::unique_ptr<XapianIndexWriter>> XapianIndexWriter::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{ErrorCode::kInternal,
                 "cannot create search index folder " + dir + ": " + ec.message()};
  }
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN);
    const std::string stemmer = db.get_metadata(std::string(search::kStemmerMetadataKey));
    const std::string format = db.get_metadata(std::string(search::kFormatMetadataKey));
    std::string outdated;
    if (stemmer.empty() || db.get_doccount() == 0) {
      db.set_metadata(std::string(search::kStemmerMetadataKey), std::string(search::kStemmerName));
      db.set_metadata(std::string(search::kFormatMetadataKey), std::string(search::kFormatVersion));
    } else if (stemmer != search::kStemmerName) {
      outdated = "was built with stemmer '" + stemmer + "', this build uses '" +
                 std::string(search::kStemmerName) + "'";
    } else if (format != search::kFormatVersion) {
      outdated =
          "has format " + format + ", this build writes " + std::string(search::kFormatVersion);
    }
    auto impl = std::make_unique<Impl>(dir, std::move(db));
    impl->outdated = std::move(outdated);
    return std::make_unique<XapianIndexWriter>(std::move(impl));
  } catch (const Xapian::DatabaseLockError& e) {
    return Error{
        ErrorCode::kUnavailable,
        "search index " + dir + " is being written by another process: " + e.get_description()};
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot open search index " + dir, e);
  }
}

XapianIndexWriter::XapianIndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XapianIndexWriter::~XapianIndexWriter() = default;

Status XapianIndexWriter::Index(const Page& page) {
  Result<BuiltDocuments> built = impl_->builder.ForPage(page);
  if (!built.ok()) return built.error();
  return Write(std::move(built).value());
}

Status XapianIndexWriter::Write(BuiltDocuments documents) {
  const BuiltDocuments::Impl& built = *documents.impl_;
  try {
    for (const auto& [word, count] : built.spellings) impl_->db.add_spelling(word, count);
    if (built.file_id == 0) {
      impl_->db.replace_document(search::PageIdTerm(built.slug), built.docs.front());
      return Ok();
    }
    // Delete by the group term, not section by section: the file may have had more sections
    // before (a deck re-extracted with fewer slides), and their documents must go too.
    impl_->db.delete_document(search::FileTerm(built.file_id));
    for (const Xapian::Document& doc : built.docs) impl_->db.add_document(doc);
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot index " + built.Name(), e);
  }
}

Status XapianIndexWriter::Remove(std::string_view slug) {
  try {
    impl_->db.delete_document(search::PageIdTerm(slug));
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot remove page " + std::string(slug), e);
  }
}

Status XapianIndexWriter::IndexFile(const StoredFile& file, const Page* page) {
  Result<BuiltDocuments> built = impl_->builder.ForFile(file, page);
  if (!built.ok()) return built.error();
  return Write(std::move(built).value());
}

Status XapianIndexWriter::RemoveFile(int64_t file_id) {
  try {
    impl_->db.delete_document(search::FileTerm(file_id));
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot remove file " + std::to_string(file_id), e);
  }
}

Status XapianIndexWriter::Commit() {
  try {
    impl_->db.commit();
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot commit search index " + impl_->dir, e);
  }
}

int64_t XapianIndexWriter::DocumentCount() const {
  try {
    return static_cast<int64_t>(impl_->db.get_doccount());
  } catch (const Xapian::Error& e) {
    std::cerr << "kring search: cannot count documents in " + impl_->dir + ": " +
                     e.get_description() + "\n";
    return -1;
  }
}

const std::string& XapianIndexWriter::dir() const { return impl_->dir; }

const std::string& XapianIndexWriter::Outdated() const { return impl_->outdated; }

Status XapianIndexWriter::MarkCurrent() {
  try {
    impl_->db.set_metadata(std::string(search::kStemmerMetadataKey),
                           std::string(search::kStemmerName));
    impl_->db.set_metadata(std::string(search::kFormatMetadataKey),
                           std::string(search::kFormatVersion));
    impl_->db.commit();
    impl_->outdated.clear();
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot mark search index " + impl_->dir + " current", e);
  }
}

}  // namespace kring
