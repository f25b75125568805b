#include "search/XapianIndexWriter.h"

#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <system_error>

#include "core/Text.h"
#include "search/DocumentRecord.h"
#include "search/DutchAnalysis.h"
#include "search/Prefixes.h"

namespace kring {

namespace {

using search::kDateSlot;
using search::kKindSlot;
using search::kTopicsSlot;

// Extra wdf of the unprefixed copy of the title: a plain query matching a title word should
// rank the page above pages that mention the word once in their body.
constexpr Xapian::termcount kTitleWdfInc = 5;

// "YYYY-MM-DD" of the page's own date, else of its last change; empty when neither is a date.
std::string DayOf(const Page& page) {
  if (IsIsoDate(page.date)) return page.date;
  std::string_view updated = page.updated_at;
  if (updated.size() >= 10 && IsIsoDate(updated.substr(0, 10))) {
    return std::string(updated.substr(0, 10));
  }
  return {};
}

Xapian::Document BuildDocument(const Page& page, Xapian::TermGenerator& generator) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(page.title, 1, std::string(search::kTitlePrefix));
  generator.increase_termpos();
  generator.index_text(page.title, kTitleWdfInc);
  // The default gap (100 positions) keeps a phrase from matching across title and body.
  generator.increase_termpos();
  generator.index_text(page.text);

  const std::string kind(KindName(page.kind));
  doc.add_boolean_term(std::string(search::kKindPrefix) + kind);
  doc.add_value(kKindSlot, kind);

  std::string topics;
  for (const Topic& topic : page.topics) {
    if (topic.slug.empty()) continue;
    doc.add_boolean_term(std::string(search::kTopicPrefix) + topic.slug);
    if (!topics.empty()) topics += search::kTopicSeparator;
    topics += topic.slug;
  }
  if (!topics.empty()) doc.add_value(kTopicsSlot, topics);

  const std::string day = DayOf(page);
  if (!day.empty()) {
    doc.add_boolean_term(std::string(search::kYearPrefix) + day.substr(0, 4));
    doc.add_value(kDateSlot, day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2));
  }

  search::DocumentRecord record{page.slug, page.title, kind, page.date,
                                std::string(search::CutUtf8(page.text, search::kMaxSnippetSource))};
  doc.set_data(search::EncodeDocumentRecord(record));

  // Must be in the document itself: replace_document(term) finds documents by this term, so
  // without it every save would add another copy.
  doc.add_boolean_term(search::PageIdTerm(page.slug));
  return doc;
}

Error XapianFailure(std::string_view what, const Xapian::Error& e) {
  return Error{ErrorCode::kInternal, std::string(what) + ": " + e.get_description()};
}

}  // namespace

struct XapianIndexWriter::Impl {
  Impl(std::string dir_in, Xapian::WritableDatabase db_in)
      : dir(std::move(dir_in)), db(std::move(db_in)) {
    analysis.Configure(generator);
  }

  std::string dir;
  Xapian::WritableDatabase db;
  search::DutchAnalysis analysis;  // before generator: it must outlive it
  Xapian::TermGenerator generator;
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
    if (stemmer.empty() || db.get_doccount() == 0) {
      db.set_metadata(std::string(search::kStemmerMetadataKey), std::string(search::kStemmerName));
      db.set_metadata(std::string(search::kFormatMetadataKey), std::string(search::kFormatVersion));
    } else if (stemmer != search::kStemmerName) {
      // Still usable (terms of unchanged words match); a rebuild makes stems agree again.
      std::cerr << "kring search: index " + dir + " was built with stemmer '" + stemmer +
                       "', this build uses '" + std::string(search::kStemmerName) +
                       "'; run `kring reindex`\n";
    }
    return std::make_unique<XapianIndexWriter>(std::make_unique<Impl>(dir, std::move(db)));
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
  try {
    Xapian::Document doc = BuildDocument(page, impl_->generator);
    impl_->db.replace_document(search::PageIdTerm(page.slug), doc);
    return Ok();
  } catch (const Xapian::Error& e) {
    return XapianFailure("cannot index page " + page.slug, e);
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

}  // namespace kring
