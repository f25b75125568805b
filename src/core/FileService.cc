#include "core/FileService.h"

#include <utility>

#include "core/Text.h"

namespace kring {
namespace {
Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }
}  // namespace

std::string SanitizeFileName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F || c == '"') continue;  // controls; quotes break headers
    out += c;
  }
  out = Trim(out);
  const size_t first = out.find_first_not_of('.');
  return first == std::string::npos ? std::string() : out.substr(first);
}

FileService::FileService(FileStore& files, PageStore& pages_store, PageService& pages,
                         const FileAnalyzer& analyzer, FileLimits limits,
                         std::function<void()> on_uploaded)
    : files_(files),
      pages_store_(pages_store),
      pages_(pages),
      analyzer_(analyzer),
      limits_(limits),
      on_uploaded_(std::move(on_uploaded)) {}

Result<std::string> FileService::Check(std::string_view name, std::string_view content) const {
  if (content.size() > limits_.max_file_bytes) {
    return Error{ErrorCode::kTooLarge, "The file is " + std::to_string(content.size()) +
                                           " bytes; the limit is " +
                                           std::to_string(limits_.max_file_bytes) + " bytes."};
  }
  if (!IsValidUtf8(name)) return Invalid("The file name is not valid UTF-8.");
  std::string clean = SanitizeFileName(name);
  if (clean.empty()) return Invalid("The file needs a name.");
  if (clean.size() > limits_.max_name_bytes) {
    return Invalid("The file name is longer than " + std::to_string(limits_.max_name_bytes) +
                   " bytes.");
  }
  if (content.empty()) return Invalid("The file " + clean + " is empty.");
  return clean;
}

Result<StoredFile> FileService::Upload(std::string_view page_slug, std::string_view name,
                                       std::string_view content, const std::string& author) {
  Result<std::string> clean = Check(name, content);
  if (!clean.ok()) return clean.error();
  if (Result<Page> page = pages_store_.Get(page_slug); !page.ok()) return page.error();
  Result<std::string> media_type = analyzer_.DetectMediaType(content, clean.value());
  if (!media_type.ok()) return media_type.error();
  NewFile file{std::string(page_slug), clean.value(), media_type.value(),
               author.empty() ? "anonymous" : author, content};
  Result<StoredFile> stored = files_.PutFile(file);
  if (stored.ok() && on_uploaded_) on_uploaded_();
  return stored;
}

Result<StoredFile> FileService::CreatePresentation(std::string_view name, std::string_view content,
                                                   const std::string& author,
                                                   const std::string& title,
                                                   std::vector<std::string> topics,
                                                   std::string date) {
  Result<std::string> clean = Check(name, content);
  if (!clean.ok()) return clean.error();
  // Refuse a mismatched file before a page is made for it.
  if (auto type = analyzer_.DetectMediaType(content, clean.value()); !type.ok()) {
    return type.error();
  }
  PageInput input;
  const std::string& file_name = clean.value();
  const size_t dot = file_name.rfind('.');
  input.title =
      Trim(title).empty() ? file_name.substr(0, dot == 0 ? std::string::npos : dot) : Trim(title);
  input.kind = PageKind::kPresentation;
  input.topics = std::move(topics);
  input.date = std::move(date);
  input.author = author;
  input.comment = "Created from " + file_name;
  input.base_revision = 0;  // a new page, never over an existing one
  input.body = "[[file:" + file_name + "]]\n";
  Result<SaveOutcome> page = pages_.Save(input);
  if (!page.ok()) return page.error();
  Result<StoredFile> stored = Upload(page->slug, file_name, content, author);
  if (!stored.ok()) return stored.error();
  // Saved again now that the file exists, so the link in the body resolves.
  input.slug = page->slug;
  input.base_revision = page->revision;
  input.comment = "Linked " + file_name;
  (void)pages_.Save(input);
  return stored;
}

}  // namespace kring
