#include "app/Importer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "app/Exporter.h"
#include "app/ImportDates.h"
#include "app/ImportFiles.h"
#include "core/Text.h"

namespace kring {
namespace {

namespace fs = std::filesystem;

// ---- Paths ----

// The segments naming a page: the path without `.md`, and without a last `index`.
std::vector<std::string_view> PageSegments(std::string_view relative_path) {
  if (EndsWithNoCase(relative_path, ".md")) relative_path.remove_suffix(3);
  std::vector<std::string_view> segments = SplitPath(relative_path, '/');
  if (ToLower(segments.back()) == "index") segments.pop_back();
  if (segments.size() == 1 && segments[0].empty()) segments.clear();
  return segments;
}

// ---- The import ----

// Files larger than this are not read at all: no page may be that big (PageService refuses
// bodies over its cap, 256 KiB by default), and reading a stray multi-gigabyte file would hurt.
constexpr uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

// Every *.md file under `dir`, relative and '/'-separated, sorted; hidden entries left out.
Result<std::vector<std::string>> ListMarkdownFiles(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code entry_ec;  // an unreadable entry is skipped, not a failed listing
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory(entry_ec)) it.disable_recursion_pending();
      continue;
    }
    if (EndsWithNoCase(it->path().filename().string(), ".md") && it->is_regular_file(entry_ec)) {
      files.push_back(it->path().lexically_relative(dir).generic_string());
    }
  }
  if (ec) return Error{ErrorCode::kInternal, "Cannot list " + dir.string() + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  return files;
}

// One line, at most `max_bytes`, cut on a character boundary.
std::string CleanTitle(std::string_view raw, size_t max_bytes) {
  std::string title;
  for (char c : raw) title += std::iscntrl(static_cast<unsigned char>(c)) ? ' ' : c;
  title = Trim(title);
  if (title.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title = Trim(title.substr(0, cut));
  }
  return title;
}

// What a re-import compares: saving is skipped when nothing of this differs.
bool SameContent(const Page& page, const PageInput& input) {
  if (page.title != Trim(input.title) || page.body != input.body || page.kind != input.kind ||
      page.date != Trim(input.date) || page.organisation != Trim(input.organisation) ||
      page.place != Trim(input.place) || page.visibility != input.visibility) {
    return false;
  }
  std::set<std::string> stored_applications, wanted_applications;
  for (const std::string& name : page.applications) stored_applications.insert(Slugify(name));
  for (const std::string& name : input.applications) {
    if (std::string slug = Slugify(name); !slug.empty()) wanted_applications.insert(slug);
  }
  if (stored_applications != wanted_applications) return false;
  std::set<std::string> stored, wanted;
  for (const Topic& topic : page.topics) stored.insert(topic.slug);
  for (const std::string& topic : input.topics) {
    if (std::string slug = Slugify(topic); !slug.empty()) wanted.insert(std::move(slug));
  }
  return stored == wanted;
}

struct ImportContext {
  const fs::path& dir;
  PageService& pages;
  PageStore& store;
  const ImportOptions& options;
  const PathSlugs& slugs;
  ImportReport& report;
  ImportFiles* files;  // nullptr: links to files are left as written
  // Pages to import again once every page is (PageFileLinks::deferred), as path and slug.
  std::vector<std::pair<std::string, std::string>>* deferred;
  // A Kring export (Exporter.h): its front matter and body are the page as it was, so nothing
  // is guessed from the file's name nor dropped from its body.
  bool is_export;
};

// The body without a first line "# {title}": the page view prints the title as its heading.
std::string DropTitleHeading(const std::string& body, const std::string& title) {
  const size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || body.compare(start, 2, "# ") != 0) return body;
  size_t end = body.find('\n', start);
  if (end == std::string::npos) end = body.size();
  if (Trim(std::string_view(body).substr(start + 2, end - start - 2)) != title) return body;
  const size_t rest = body.find_first_not_of("\r\n", end);
  return rest == std::string::npos ? std::string() : body.substr(rest);
}

// Builds the page for one file, reporting what was off as warnings; nullopt when it is skipped.
// Links to imported Markdown files are rewritten; links to other files of the folder are left
// as written and gathered in `file_links`, to be rewritten once the files are stored.
std::optional<PageInput> ReadPage(const ImportContext& ctx, const std::string& path,
                                  const std::string& slug, PageFileLinks& file_links) {
  auto warn = [&](std::string message) {
    ctx.report.warnings.push_back({path, std::move(message)});
  };
  std::string why;
  std::optional<std::string> text = ReadWholeFile(ctx.dir / path, kMaxFileBytes, why);
  if (text && !IsValidUtf8(*text)) why = "the file is not valid UTF-8";
  if (!why.empty()) {
    ctx.report.skipped.push_back({path, why});
    return std::nullopt;
  }
  MarkdownFile file = ParseMarkdownFile(*text);
  const FrontMatter& front = file.front;
  if (!front.error.empty()) warn(front.error);

  PageInput input;
  input.slug = slug;
  const size_t max_title = ctx.pages.limits().max_title_bytes;
  input.title = CleanTitle(front.title, max_title);
  if (input.title.empty()) input.title = CleanTitle(FirstHeading(file.body), max_title);
  if (input.title.empty()) input.title = CleanTitle(TitleFromPath(path), max_title);

  input.kind = GuessKind(path, input.title);
  if (!front.kind.empty()) {
    if (std::optional<PageKind> kind = ParseKind(Trim(ToLower(front.kind)))) {
      input.kind = *kind;
    } else {
      warn("unknown kind '" + front.kind + "'; guessed from the path and title instead");
    }
  }

  if (!front.date.empty()) {
    input.date = NormalizeDate(front.date);
    if (input.date.empty()) warn("the date '" + front.date + "' is not understood; left empty");
  } else if (input.kind == PageKind::kMinutes && !ctx.is_export) {
    input.date = DateFromFileName(path);
  }

  input.organisation = CleanTitle(front.organisation, ctx.pages.limits().max_organisation_bytes);
  if (!front.organisation.empty() && Slugify(input.organisation).empty()) {
    warn("the organisation '" + front.organisation + "' has no letter or digit; left empty");
    input.organisation.clear();
  }
  input.place = CleanTitle(front.place, ctx.pages.limits().max_place_bytes);
  for (const std::string& name : front.applications) {
    input.applications.push_back(CleanTitle(name, ctx.pages.limits().max_application_bytes));
  }
  if (input.applications.size() > ctx.pages.limits().max_applications) {
    warn("more than " + std::to_string(ctx.pages.limits().max_applications) +
         " applications; kept the first");
    input.applications.resize(ctx.pages.limits().max_applications);
  }
  if (!front.visibility.empty()) {
    const std::optional<Visibility> visibility = ImportedVisibility(front.visibility);
    // A word not understood could have meant "members": the page is kept from the public then.
    input.visibility = visibility.value_or(Visibility::kMembers);
    if (!visibility) {
      warn("the visibility '" + front.visibility + "' is not understood; made members-only");
    }
  }

  // Deduplicated here, not only by PageService, so that the cap below drops no distinct topic
  // for a repeated one ("standaard" in the front matter and as the folder).
  auto add_topic = [&](const std::string& topic) {
    const std::string slug = Slugify(topic);
    if (!slug.empty() && std::none_of(input.topics.begin(), input.topics.end(),
                                      [&](const std::string& t) { return Slugify(t) == slug; })) {
      input.topics.push_back(topic);
    }
  };
  for (const std::string& topic : front.topics) add_topic(topic);
  if (const size_t slash = path.find('/'); slash != std::string::npos) {
    add_topic(path.substr(0, slash));
  }
  for (const std::string& topic : ctx.options.extra_topics) add_topic(topic);
  if (input.topics.size() > ctx.pages.limits().max_topics) {
    warn("more than " + std::to_string(ctx.pages.limits().max_topics) + " topics; kept the first");
    input.topics.resize(ctx.pages.limits().max_topics);
  }

  auto rewrite = [&](std::string_view dest) -> std::optional<std::string> {
    std::optional<std::string> to = ctx.is_export && !IsExportPageLink(dest)
                                        ? std::nullopt
                                        : ResolveImportLink(dest, path, ctx.slugs);
    if (to) {
      ++ctx.report.links_rewritten;
    } else if (LinksToMarkdownFile(dest)) {
      warn("link to a Markdown file that is not in the import: " + std::string(dest));
    } else if (ctx.files != nullptr) {
      ctx.files->Note(dest, path, file_links);
    }
    return to;
  };
  input.body =
      RewriteLinks(ctx.is_export ? file.body : DropTitleHeading(file.body, input.title), rewrite);
  input.author = ctx.options.author;
  input.comment = "Imported from " + path;
  return input;
}

// Saves `input`. A refusal that concerns this file only (kInvalidInput, kTooLarge, kConflict)
// is reported through `refused` and answers nullopt; other errors stop the import.
Result<std::optional<SaveOutcome>> SavePage(const ImportContext& ctx, const std::string& path,
                                            PageInput input,
                                            const std::function<void(std::string)>& refused) {
  Result<SaveOutcome> saved = ctx.pages.Save(std::move(input));
  if (saved.ok()) return std::optional<SaveOutcome>(std::move(saved).value());
  const ErrorCode code = saved.error().code;
  if (code == ErrorCode::kInvalidInput || code == ErrorCode::kTooLarge ||
      code == ErrorCode::kConflict) {
    refused(saved.error().message);
    return std::optional<SaveOutcome>();
  }
  return Error{code, path + ": " + saved.error().message};
}

// Imports one file. Only an error that will fail every later file too is returned.
Status ImportFile(const ImportContext& ctx, const std::string& path, const std::string& slug) {
  PageFileLinks file_links;
  std::optional<PageInput> input = ReadPage(ctx, path, slug, file_links);
  if (!input) return Ok();
  if (file_links.deferred) ctx.deferred->emplace_back(path, slug);
  // Only a page that exists can have files attached (see ImportDirectory).
  auto attach_files = [&](PageInput& page) -> Status {
    Result<std::string> body = ctx.files->Attach(slug, path, file_links, page.body);
    if (!body.ok()) return body.error();
    page.body = std::move(body).value();
    return Ok();
  };

  Result<Page> current = ctx.store.Get(slug);
  if (!current.ok() && current.error().code != ErrorCode::kNotFound) {
    return Error{current.error().code, path + ": " + current.error().message};
  }
  // Files are attached before the save when that needs no upload to a page yet to be made.
  const bool files_first =
      !file_links.empty() && (current.ok() || !ctx.files->NeedsUpload(file_links));
  if (files_first) {
    if (Status attached = attach_files(*input); !attached.ok()) return attached;
  }
  if (current.ok() && SameContent(current.value(), *input)) {
    ++ctx.report.pages_unchanged;
    return Ok();
  }
  if (ctx.options.dry_run) {
    ++(current.ok() ? ctx.report.pages_updated : ctx.report.pages_created);
    if (!files_first && !file_links.empty()) return attach_files(*input);  // counts only
    return Ok();
  }

  const bool files_after = !files_first && !file_links.empty();
  std::optional<PageInput> second;
  if (files_after) second = *input;
  Result<std::optional<SaveOutcome>> saved =
      SavePage(ctx, path, std::move(*input), [&](std::string why) {
        ctx.report.skipped.push_back({path, std::move(why)});
      });
  if (!saved.ok()) return saved.error();
  if (!saved.value()) return Ok();
  ++(saved.value()->created ? ctx.report.pages_created : ctx.report.pages_updated);
  if (!files_after) return Ok();
  const int64_t revision = saved.value()->revision;

  const std::string written = second->body;
  if (Status attached = attach_files(*second); !attached.ok()) return attached;
  if (second->body == written) return Ok();  // no file could be stored: nothing to relink
  second->base_revision = revision;          // an edit made meanwhile wins
  second->comment = "Linked the files of " + path;
  saved = SavePage(ctx, path, std::move(*second), [&](std::string why) {
    ctx.report.warnings.push_back({path, "its links to files were not rewritten: " + why});
  });
  return saved.ok() ? Ok() : Status(saved.error());
}

// Imports `planned` (path, slug) in order, in batches of one transaction each (one fsync per
// batch instead of one per page), each page followed by its attachment folder if any.
Status ImportPlanned(const ImportContext& ctx,
                     const std::vector<std::pair<std::string, std::string>>& planned) {
  const size_t batch = std::max<size_t>(1, ctx.options.pages_per_batch);
  for (size_t first = 0; first < planned.size(); first += batch) {
    const size_t end = std::min(planned.size(), first + batch);
    Status done = ctx.store.RunBatch([&]() -> Status {
      for (size_t i = first; i < end; ++i) {
        const auto& [path, slug] = planned[i];
        if (Status imported = ImportFile(ctx, path, slug); !imported.ok()) return imported;
        if (ctx.files != nullptr) {
          if (Status attached = ctx.files->AttachFolder(slug, path); !attached.ok()) {
            return attached;
          }
        }
      }
      return Ok();
    });
    if (!done.ok()) return done;
  }
  return Ok();
}

}  // namespace

std::optional<Visibility> ImportedVisibility(std::string_view written) {
  const std::string name = ToLower(Trim(written));
  for (const char* members : {"members", "leden", "alleen leden", "members-only"}) {
    if (name == members) return Visibility::kMembers;
  }
  for (const char* everyone : {"public", "publiek", "iedereen", "openbaar"}) {
    if (name == everyone) return Visibility::kPublic;
  }
  return std::nullopt;
}

std::string SlugForPath(std::string_view relative_path) {
  std::vector<std::string_view> segments = PageSegments(relative_path);
  if (segments.empty()) return "home";
  std::string joined;
  for (std::string_view s : segments) joined.append(joined.empty() ? "" : "/").append(s);
  return Slugify(joined);
}

std::string TitleFromPath(std::string_view relative_path) {
  std::vector<std::string_view> segments = PageSegments(relative_path);
  return segments.empty() ? "Home" : std::string(segments.back());
}

PageKind GuessKind(std::string_view relative_path, std::string_view title) {
  std::vector<std::string_view> folders = SplitPath(relative_path, '/');
  // Drop the file name; an index.md stands for its folder, so drop that too.
  const bool is_index = ToLower(folders.back()) == "index.md";
  folders.pop_back();
  if (is_index && !folders.empty()) folders.pop_back();
  for (std::string_view folder : folders) {
    const std::string lower = ToLower(folder);
    if (lower == "bijeenkomsten" || lower == "verslagen") return PageKind::kMinutes;
  }
  std::istringstream words{ToLower(title)};
  for (std::string word; words >> word;) {
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back()))) word.pop_back();
    if (word.ends_with("verslag") || word.ends_with("bijeenkomst")) return PageKind::kMinutes;
  }
  return PageKind::kPage;
}

Result<ImportReport> ImportDirectory(const fs::path& dir, PageService& pages, PageStore& store,
                                     const ImportOptions& options, FileService* files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{ErrorCode::kNotFound, "There is no folder " + dir.string() + "."};
  }
  Result<std::vector<std::string>> markdown_files = ListMarkdownFiles(dir);
  if (!markdown_files.ok()) return markdown_files.error();
  const bool is_export = fs::is_regular_file(dir / kExportManifest, ec);
  if (is_export) DropAttachedMarkdown(markdown_files.value());

  ImportReport report;
  report.files_seen = static_cast<int>(markdown_files->size());

  // Pass 1: every file's slug, so links resolve whatever order the files are saved in.
  std::vector<std::pair<std::string, std::string>> planned;  // path, slug
  PathSlugs slugs;
  std::set<std::string, std::less<>> taken;
  for (const std::string& path : markdown_files.value()) {
    if (!IsValidUtf8(path)) {
      report.skipped.push_back({path, "the file name is not valid UTF-8"});
      continue;
    }
    // An export names each page's file after its slug, "index" and "home" too.
    const std::string base = is_export && path.find('/') == std::string::npos
                                 ? Slugify(path.substr(0, path.size() - 3))
                                 : SlugForPath(path);
    if (base.empty()) {
      report.skipped.push_back({path, "the file name has no letter or digit to make a slug of"});
      continue;
    }
    std::string slug = base;
    for (int n = 2; taken.contains(slug); ++n) slug = base + "-" + std::to_string(n);
    if (slug != base) {
      report.warnings.push_back({path, "an earlier file already has the slug '" + base +
                                           "'; imported as '" + slug + "'"});
    }
    taken.insert(slug);
    slugs.emplace(path, slug);
    planned.emplace_back(path, slug);
  }

  // Pass 2: parse, rewrite links and save (and attach the files pages link to).
  std::optional<ImportFiles> attached_files;
  if (files != nullptr) {
    attached_files.emplace(dir, *files, options.author, options.dry_run, report);
    if (is_export) attached_files->UseAttachmentFolders(AttachmentFolders(dir, planned));
  }
  std::vector<std::pair<std::string, std::string>> deferred;
  const ImportContext ctx{dir,
                          pages,
                          store,
                          options,
                          slugs,
                          report,
                          attached_files ? &*attached_files : nullptr,
                          &deferred,
                          is_export};
  if (Status done = ImportPlanned(ctx, planned); !done.ok()) return done.error();
  if (!deferred.empty()) {
    // Every attachment folder is stored now: the deferred pages link their files.
    attached_files->StopDeferring();
    const std::vector<std::pair<std::string, std::string>> again = std::move(deferred);
    if (Status done = ImportPlanned(ctx, again); !done.ok()) return done.error();
  }
  return report;
}

}  // namespace kring
