#include "core/PageService.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/Text.h"

namespace kring {
namespace {

class StoreResolver : public LinkResolver {
 public:
  StoreResolver(PageStore& store, FileStore* files) : store_(store), files_(files) {}
  std::optional<std::string> Resolve(std::string_view target) const override {
    return store_.ResolveTarget(target);
  }
  std::optional<FileLink> ResolveFile(std::string_view name) const override {
    if (files_ == nullptr) return std::nullopt;
    std::optional<StoredFile> file = files_->FindFileByName(name);
    if (!file) return std::nullopt;
    return FileLink{file->id, FileUrl(*file)};
  }

 private:
  PageStore& store_;
  FileStore* files_;
};

Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

// Names keyed by Slugify (topics, applications), trimmed, without those that have no letter or
// digit, and without repeated keys (the first spelling stays).
Result<std::vector<std::string>> CleanNames(const std::vector<std::string>& raw_names,
                                            const std::string& what) {
  std::vector<std::string> names;
  for (const auto& raw : raw_names) {
    std::string name = Trim(raw);
    if (!IsValidUtf8(name)) return Invalid("A " + what + " is not valid UTF-8.");
    if (Slugify(name).empty()) continue;
    if (std::none_of(names.begin(), names.end(),
                     [&](const std::string& n) { return Slugify(n) == Slugify(name); })) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

}  // namespace

PageService::PageService(PageStore& store, const MarkdownRenderer& renderer, PageLimits limits,
                         std::function<void()> on_saved, FileStore* files)
    : store_(store),
      renderer_(renderer),
      limits_(limits),
      on_saved_(std::move(on_saved)),
      files_(files) {}

Status PageService::Validate(const PageInput& input) const {
  if (input.body.size() > limits_.max_body_bytes) {
    return Error{ErrorCode::kTooLarge, "The page text is " + std::to_string(input.body.size()) +
                                           " bytes; the limit is " +
                                           std::to_string(limits_.max_body_bytes) + " bytes."};
  }
  for (const std::string* field : {&input.title, &input.body, &input.author, &input.comment,
                                   &input.date, &input.slug, &input.organisation, &input.place}) {
    if (!IsValidUtf8(*field)) return Invalid("The text is not valid UTF-8.");
  }
  for (const auto& topic : input.topics) {
    if (topic.find_first_of("\r\n") != std::string::npos) {
      return Invalid("A topic must be one line.");
    }
  }
  for (const auto& application : input.applications) {
    if (application.find_first_of("\r\n") != std::string::npos) {
      return Invalid("An application must be one line.");
    }
    if (application.size() > limits_.max_application_bytes) {
      return Invalid("An application name is longer than " +
                     std::to_string(limits_.max_application_bytes) + " bytes.");
    }
  }
  if (input.applications.size() > limits_.max_applications) {
    return Invalid("A page can be about at most " + std::to_string(limits_.max_applications) +
                   " applications.");
  }
  if (Trim(input.title).empty()) return Invalid("A page needs a title.");
  if (input.title.size() > limits_.max_title_bytes) {
    return Invalid("The title is longer than " + std::to_string(limits_.max_title_bytes) +
                   " bytes.");
  }
  if (input.title.find_first_of("\r\n") != std::string::npos) {
    return Invalid("The title must be one line.");
  }
  if (!input.slug.empty() && !IsValidSlug(input.slug)) {
    return Invalid("The slug may hold only lowercase letters, digits and single dashes.");
  }
  if (input.slug.empty() && Slugify(input.title).empty()) {
    return Invalid("The title needs at least one letter or digit.");
  }
  if (!input.date.empty() && !IsIsoDate(input.date)) {
    return Invalid("The date must be written as YYYY-MM-DD.");
  }
  if (input.topics.size() > limits_.max_topics) {
    return Invalid("A page can have at most " + std::to_string(limits_.max_topics) + " topics.");
  }
  if (input.place.find_first_of("\r\n") != std::string::npos) {
    return Invalid("The place must be one line.");
  }
  if (input.place.size() > limits_.max_place_bytes) {
    return Invalid("The place is longer than " + std::to_string(limits_.max_place_bytes) +
                   " bytes.");
  }
  return ValidateOrganisation(input.organisation);
}

// Like a topic: one line, and a key (Slugify) to file it under; and short, since it stands in
// the page's meta line and in a facet.
Status PageService::ValidateOrganisation(const std::string& organisation) const {
  if (organisation.empty()) return Ok();
  if (organisation.find_first_of("\r\n") != std::string::npos) {
    return Invalid("The organisation must be one line.");
  }
  if (organisation.size() > limits_.max_organisation_bytes) {
    return Invalid("The organisation is longer than " +
                   std::to_string(limits_.max_organisation_bytes) + " bytes.");
  }
  if (Slugify(organisation).empty()) {
    return Invalid("The organisation needs at least one letter or digit.");
  }
  return Ok();
}

Result<SaveOutcome> PageService::Save(PageInput input) {
  Result<NewRevision> revision = Prepare(std::move(input));
  if (!revision.ok()) return revision.error();
  Result<SaveOutcome> saved = store_.SaveRevision(revision.value());
  if (!saved.ok()) return saved;
  if (saved->created) RefreshLinkingPages(saved->slug);
  if (on_saved_) on_saved_();
  return saved;
}

Result<NewRevision> PageService::Prepare(PageInput input) const {
  input.title = Trim(input.title);
  input.date = Trim(input.date);
  input.organisation = Trim(input.organisation);
  input.place = Trim(input.place);
  // Topics and applications are cleaned before validation so that repeats do not count against
  // the limit.
  Result<std::vector<std::string>> topics = CleanNames(input.topics, "topic");
  if (!topics.ok()) return topics.error();
  input.topics = std::move(topics.value());
  Result<std::vector<std::string>> applications = CleanNames(input.applications, "application");
  if (!applications.ok()) return applications.error();
  input.applications = std::move(applications.value());
  if (Status valid = Validate(input); !valid.ok()) return valid.error();
  if (input.slug.empty()) input.slug = Slugify(input.title);

  StoreResolver resolver(store_, files_);
  RenderedMarkdown rendered = renderer_.Render(input.body, resolver);
  return NewRevision{std::move(input), std::move(rendered.html), std::move(rendered.text),
                     std::move(rendered.link_slugs), std::move(rendered.file_ids)};
}

Result<SaveOutcome> PageService::Restore(const RestoreInput& request) {
  Result<Page> old = store_.GetRevision(request.slug, request.revision);
  if (!old.ok()) return old.error();
  Result<Page> current = store_.Get(request.slug);
  if (!current.ok()) return current.error();
  if (request.revision == current->revision) {
    return Invalid("Revision " + std::to_string(request.revision) +
                   " is already the current revision.");
  }
  PageInput input = InputOf(old.value());
  input.author = request.author;
  input.comment = request.comment;
  // Without a base, the revision read above is the base: a save in between is a conflict.
  input.base_revision = request.base_revision.value_or(current->revision);
  return Save(std::move(input));
}

Result<RenderedMarkdown> PageService::Preview(std::string_view markdown) const {
  if (markdown.size() > limits_.max_body_bytes) {
    return Error{ErrorCode::kTooLarge, "The page text is over the size limit."};
  }
  if (!IsValidUtf8(markdown)) return Invalid("The text is not valid UTF-8.");
  StoreResolver resolver(store_, files_);
  return renderer_.Render(markdown, resolver);
}

void PageService::RefreshLinkingPages(const std::string& slug) {
  StoreResolver resolver(store_, files_);
  for (const std::string& linking : store_.LinkingSlugs(slug)) {
    if (linking == slug) continue;
    Result<Page> page = store_.Get(linking);
    if (!page.ok()) continue;
    RenderedMarkdown rendered = renderer_.Render(page->body, resolver);
    // Most links render alike whether their page exists (Markdown links, wiki links to other
    // pages): rewriting the revision would be wasted work, much of an import's.
    if (rendered.html == page->html) continue;
    // A failure here leaves a red link that the next save of that page fixes: not worth
    // failing the save that succeeded.
    (void)store_.UpdateRenderedHtml(linking, page->revision, rendered.html);
  }
}

}  // namespace kring
