#include "app/ImportFiles.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "app/MarkdownFile.h"
#include "core/File.h"

namespace kring {
namespace {

namespace fs = std::filesystem;

// True when `path` is `folder` or lies under it; both absolute and without symbolic links.
bool IsInside(const fs::path& path, const fs::path& folder) {
  const auto [folder_end, path_at] =
      std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return folder_end == folder.end();
}

// The attachment folder of a page's Markdown file: its path without `.md`.
std::string_view PageFolder(std::string_view page_path) {
  return page_path.substr(0, page_path.size() - 3);
}

// The folder holding `path` ('/'-separated); "" at the top.
std::string_view FolderOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace

std::map<std::string, std::string, std::less<>> AttachmentFolders(
    const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& planned) {
  std::map<std::string, std::string, std::less<>> owners;
  for (const auto& [path, slug] : planned) {
    const std::string folder = path.substr(0, path.size() - 3);
    if (std::error_code ec; fs::is_directory(dir / fs::path(folder), ec)) {
      owners.emplace(folder, slug);
    }
  }
  return owners;
}

void DropAttachedMarkdown(std::vector<std::string>& paths) {
  const std::set<std::string, std::less<>> all(paths.begin(), paths.end());
  std::erase_if(paths, [&](const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash != std::string::npos && all.contains(path.substr(0, slash) + ".md");
  });
}

std::optional<std::string> ReadWholeFile(const fs::path& path, uintmax_t max_bytes,
                                         std::string& why) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    why = "cannot read the file: " + ec.message();
    return std::nullopt;
  }
  if (size > max_bytes) {
    why = "the file is " + std::to_string(size) + " bytes, over the limit of " +
          std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  if (!(in && out << in.rdbuf())) {
    why = "cannot read the file";
    return std::nullopt;
  }
  return out.str();
}

ImportFiles::ImportFiles(const fs::path& dir, FileService& files, std::string author, bool dry_run,
                         ImportReport& report)
    : dir_(dir), files_(files), author_(std::move(author)), dry_run_(dry_run), report_(report) {
  std::error_code ec;
  real_dir_ = fs::canonical(dir_, ec);
  // Only reachable when the folder vanished since the caller checked it: every file then
  // fails the containment check below and is reported, rather than trusted.
  if (ec) real_dir_.clear();
}

bool ImportFiles::Note(std::string_view destination, const std::string& from_path,
                       PageFileLinks& page) {
  // An export made every link to its files relative: a site-absolute one is a Kring URL
  // (/meetings.ics, a file of a deleted page), not a file of the folder.
  if (export_ && destination.starts_with("/")) return false;
  std::optional<ImportFileLink> link = ResolveImportFileLink(destination, from_path);
  if (!link) return false;
  // A file of a page imported later is stored once that page exists (AttachFolder).
  if (deferring_ && OwnerOf(link->path) != nullptr && !stored_.contains(link->path) &&
      FolderOf(link->path) != PageFolder(from_path)) {
    page.deferred = true;
    return false;
  }
  auto same = [&](const auto& entry) { return entry.first == destination; };
  if (std::any_of(page.links.begin(), page.links.end(), same)) return true;
  auto warn = [&](const std::string& message) {
    if (std::find(page.warned.begin(), page.warned.end(), destination) != page.warned.end()) {
      return;
    }
    page.warned.emplace_back(destination);
    report_.warnings.push_back({from_path, message});
  };

  const fs::path file = dir_ / fs::path(link->path);
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found) {
    warn("link to a missing file: " + std::string(destination));
    return false;
  }
  if (ec) {
    warn("cannot read the linked file " + std::string(destination) + ": " + ec.message());
    return false;
  }
  if (!fs::is_regular_file(status)) return false;  // a folder: nothing to attach
  const fs::path real = fs::canonical(file, ec);
  if (ec || real_dir_.empty() || !IsInside(real, real_dir_)) {
    // A symbolic link must not smuggle a file from elsewhere on the server into the wiki.
    warn("link to a file outside the import folder: " + std::string(destination));
    return false;
  }
  const uintmax_t size = fs::file_size(real, ec);
  const size_t limit = files_.limits().max_file_bytes;
  if (!ec && size > limit) {
    warn("the linked file " + std::string(destination) + " is " + std::to_string(size) +
         " bytes, over the upload limit of " + std::to_string(limit) + " bytes; link left as is");
    return false;
  }
  page.links.emplace_back(std::string(destination), std::move(*link));
  return true;
}

bool ImportFiles::NeedsUpload(const PageFileLinks& page) const {
  return std::any_of(page.links.begin(), page.links.end(),
                     [&](const auto& entry) { return !stored_.contains(entry.second.path); });
}

Result<ImportFiles::Stored> ImportFiles::Store(const std::string& page_slug,
                                               const std::string& path) {
  const std::string name(SplitPath(path, '/').back());
  if (dry_run_) {
    ++report_.files_imported;
    return Stored{"/f/0/" + name, ""};  // never written: a dry run rewrites nothing
  }
  std::string why;
  std::optional<std::string> content =
      ReadWholeFile(dir_ / fs::path(path), files_.limits().max_file_bytes, why);
  if (!content) return Stored{"", why};
  Result<StoredFile> stored = files_.Upload(page_slug, name, *content, author_);
  if (!stored.ok()) {
    const ErrorCode code = stored.error().code;
    if (code == ErrorCode::kUnavailable || code == ErrorCode::kInternal) {
      return Error{code, path + ": " + stored.error().message};
    }
    return Stored{"", stored.error().message};
  }
  ++report_.files_imported;
  return Stored{FileUrl(stored.value()), ""};
}

Result<std::string> ImportFiles::Attach(const std::string& page_slug, const std::string& from_path,
                                        const PageFileLinks& page, const std::string& body) {
  std::map<std::string, std::string, std::less<>> urls;  // destination → its replacement
  for (const auto& [destination, link] : page.links) {
    auto found = stored_.find(link.path);
    if (found == stored_.end()) {
      const std::string* owner = OwnerOf(link.path);
      Result<Stored> stored = Store(owner != nullptr ? *owner : page_slug, link.path);
      if (!stored.ok()) return stored.error();
      found = stored_.emplace(link.path, std::move(stored).value()).first;
    }
    if (!found->second.url.empty()) {
      urls.emplace(destination, found->second.url + link.fragment);
    } else {
      report_.warnings.push_back(
          {from_path, "link to " + destination + " left as is: " + found->second.why});
    }
  }
  if (urls.empty()) return body;
  int rewritten = 0;
  std::string out = RewriteLinks(body, [&](std::string_view dest) -> std::optional<std::string> {
    auto it = urls.find(dest);
    if (it == urls.end()) return std::nullopt;
    ++rewritten;
    return it->second;
  });
  report_.file_links_rewritten += rewritten;
  return dry_run_ ? body : out;
}

void ImportFiles::UseAttachmentFolders(std::map<std::string, std::string, std::less<>> owners) {
  owners_ = std::move(owners);
  export_ = true;
  deferring_ = true;
}

const std::string* ImportFiles::OwnerOf(std::string_view path) const {
  auto owner = owners_.find(FolderOf(path));
  return owner != owners_.end() ? &owner->second : nullptr;
}

Status ImportFiles::AttachFolder(const std::string& page_slug, const std::string& page_path) {
  const std::string folder(PageFolder(page_path));
  if (!owners_.contains(folder)) return Ok();
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir_ / fs::path(folder), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code entry_ec;
    if (!name.starts_with(".") && it->is_regular_file(entry_ec) && !it->is_symlink(entry_ec)) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    const std::string path = folder + "/" + name;
    if (stored_.contains(path)) continue;
    Result<Stored> stored = Store(page_slug, path);
    if (!stored.ok()) return stored.error();
    if (stored->url.empty()) {
      report_.warnings.push_back({path, "not attached to " + page_slug + ": " + stored->why});
    }
    stored_.emplace(path, std::move(stored).value());
  }
  return Ok();
}

}  // namespace kring
