#include "search/Documents.h"

#include <algorithm>
#include <string_view>

#include "core/Text.h"
#include "search/DocumentRecord.h"
#include "search/Prefixes.h"

namespace kring::search {

namespace {

// Extra wdf of the unprefixed copy of the title: a plain query matching a title word should
// rank the page above pages that mention the word once in their body.
constexpr Xapian::termcount kTitleWdfInc = 5;
// Longer "extensions" are parts of a name ("notulen.vergadering-van-juni"), not types.
constexpr size_t kMaxTypeLength = 10;

// "YYYY-MM-DD" of `date`, else the day of the timestamp `fallback`; empty when neither is one.
std::string DayOf(const std::string& date, std::string_view fallback) {
  if (IsIsoDate(date)) return date;
  if (fallback.size() >= 10 && IsIsoDate(fallback.substr(0, 10))) {
    return std::string(fallback.substr(0, 10));
  }
  return {};
}

// Title words in S and again unprefixed with extra weight, then a position gap so that a
// phrase cannot match across the title and what follows.
void IndexTitle(const std::string& written, Xapian::TermGenerator& generator,
                const DutchAnalysis& analysis) {
  const std::string title = analysis.ExpandEllipses(written);
  generator.index_text(title, 1, std::string(kTitlePrefix));
  generator.increase_termpos();
  generator.index_text(title, kTitleWdfInc);
  generator.increase_termpos();
}

// Kind, topics, organisation and applications: the filter terms and facet values a page and its
// files share.
void AddPageFields(Xapian::Document& doc, const Page& page) {
  const std::string kind(KindName(page.kind));
  doc.add_boolean_term(std::string(kKindPrefix) + kind);
  doc.add_value(kKindSlot, kind);

  std::string topics;
  for (const Topic& topic : page.topics) {
    if (topic.slug.empty()) continue;
    doc.add_boolean_term(std::string(kTopicPrefix) + topic.slug);
    if (!topics.empty()) topics += kTopicSeparator;
    topics += topic.slug;
  }
  if (!topics.empty()) doc.add_value(kTopicsSlot, topics);

  if (const std::string organisation = Slugify(page.organisation); !organisation.empty()) {
    doc.add_boolean_term(std::string(kOrganisationPrefix) + organisation);
    doc.add_value(kOrganisationSlot, organisation + kOrganisationSeparator + page.organisation);
  }

  std::string applications;
  for (const std::string& name : page.applications) {
    const std::string key = Slugify(name);
    if (key.empty()) continue;
    doc.add_boolean_term(std::string(kApplicationPrefix) + key);
    if (!applications.empty()) applications += kApplicationsSeparator;
    applications += key + kOrganisationSeparator + name;
  }
  if (!applications.empty()) doc.add_value(kApplicationsSlot, applications);
}

// The visibility term of a members-only page's documents; public ones carry none.
void AddVisibility(Xapian::Document& doc, Visibility visibility) {
  if (visibility == Visibility::kMembers) doc.add_boolean_term(MembersOnlyTerm());
}

// The year term and the date value of a "YYYY-MM-DD" day; nothing for an empty one.
void AddDay(Xapian::Document& doc, const std::string& day) {
  if (day.empty()) return;
  doc.add_boolean_term(std::string(kYearPrefix) + day.substr(0, 4));
  doc.add_value(kDateSlot, day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2));
}

// The file's name as words: TermGenerator keeps "2019.pdf" or "jaar_verslag" together, so
// separators become spaces first ("jaarverslag-2019.pdf" → "jaarverslag 2019 pdf").
std::string NameWords(std::string_view name) {
  std::string words(name);
  std::replace_if(
      words.begin(), words.end(), [](char c) { return c == '.' || c == '_' || c == '-'; }, ' ');
  return words;
}

}  // namespace

Xapian::Document BuildPageDocument(const Page& page, Xapian::TermGenerator& generator,
                                   const DutchAnalysis& analysis) {
  Xapian::Document doc;
  generator.set_document(doc);
  IndexTitle(page.title, generator, analysis);
  generator.index_text(analysis.ExpandEllipses(page.text));
  // Before the boolean terms: only the words' terms exist yet.
  analysis.AddCompoundTerms(doc);

  const std::string day = DayOf(page.date, page.updated_at);
  AddPageFields(doc, page);
  AddVisibility(doc, page.visibility);
  AddDay(doc, day);

  DocumentRecord record;
  record.slug = page.slug;
  record.title = page.title;
  record.kind = std::string(KindName(page.kind));
  record.date = page.date;
  record.organisation = page.organisation;
  record.text = std::string(CutUtf8(page.text, kMaxSnippetSource));
  doc.set_data(EncodeDocumentRecord(record));

  // Must be in the document itself: replace_document(term) finds documents by this term, so
  // without it every save would add another copy.
  doc.add_boolean_term(PageIdTerm(page.slug));
  return doc;
}

std::vector<Xapian::Document> BuildFileDocuments(const StoredFile& file, const Page* page,
                                                 Xapian::TermGenerator& generator,
                                                 const DutchAnalysis& analysis) {
  const std::string metadata_title = Trim(file.title);
  const std::string title = metadata_title.empty() ? file.name : metadata_title;
  const std::string name_words = NameWords(file.name);
  const std::string type = FileTypeOf(file);
  // The page's date (a meeting, a presentation) says more about a deck than its upload does.
  const std::string day = DayOf(page ? page->date : std::string(), file.created_at);
  // As its page, which the file's row names too; members-only when either says so.
  const Visibility visibility =
      file.visibility == Visibility::kMembers || (page && page->visibility == Visibility::kMembers)
          ? Visibility::kMembers
          : Visibility::kPublic;

  std::vector<const FileSection*> sections;
  for (const FileSection& section : file.sections) {
    if (!Trim(section.text).empty()) sections.push_back(&section);
  }
  const FileSection whole_file{};  // number 0, no text: the name and title alone
  const bool one_document = sections.empty();
  if (one_document) sections.push_back(&whole_file);

  std::vector<Xapian::Document> docs;
  docs.reserve(sections.size());
  for (const FileSection* section : sections) {
    Xapian::Document doc;
    generator.set_document(doc);
    // Title and name in every section, so "jaarverslag begroting" finds the budget page of the
    // annual report; collapsing at search time shows the file once.
    if (!metadata_title.empty()) IndexTitle(metadata_title, generator, analysis);
    IndexTitle(name_words, generator, analysis);
    generator.index_text(analysis.ExpandEllipses(section->text));
    analysis.AddCompoundTerms(doc);

    if (page) AddPageFields(doc, *page);
    AddVisibility(doc, visibility);
    AddDay(doc, day);
    if (!type.empty()) {
      doc.add_boolean_term(std::string(kTypePrefix) + type);
      doc.add_value(kTypeSlot, type);
    }
    doc.add_value(kFileSlot, std::to_string(file.id));

    DocumentRecord record;
    record.slug = file.page_slug;
    record.title = title;
    record.kind = page ? std::string(KindName(page->kind)) : std::string();
    record.date = page ? page->date : std::string();
    record.organisation = page ? page->organisation : std::string();
    record.text = std::string(CutUtf8(section->text, kMaxSnippetSource));
    record.file_id = file.id;
    record.file_name = file.name;
    record.file_type = type;
    record.section = section->number;
    record.section_kind = one_document ? std::string() : file.section_kind;
    doc.set_data(EncodeDocumentRecord(record));

    doc.add_boolean_term(FileSectionIdTerm(file.id, section->number));
    doc.add_boolean_term(FileTerm(file.id));
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::string FileTypeOf(const StoredFile& file) {
  std::string type = FileExtension(file.name);
  if (type.empty() && file.media_type == "application/pdf") return "pdf";
  const bool plain = std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  if (!plain || type.size() > kMaxTypeLength) return {};
  return type;
}

}  // namespace kring::search
