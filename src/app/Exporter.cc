#include "app/Exporter.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "app/ImportLinks.h"
#include "app/MarkdownFile.h"
#include "core/Text.h"

namespace kring {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kExportFormatVersion = 1;

// `path` ('/'-separated) with each segment percent-encoded, so that names with spaces or
// parentheses stay one link destination in every Markdown reader.
std::string EncodePath(std::string_view path) {
  std::string out;
  for (std::string_view segment : SplitPath(path, '/')) {
    out.append(out.empty() ? "" : "/").append(PercentEncode(segment));
  }
  return out;
}

// The id of a `/f/{id}/...` destination (the part after "/f/"), or 0.
int64_t FileIdOf(std::string_view rest) {
  const size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash > 18) return 0;
  int64_t id = 0;
  for (char c : rest.substr(0, slash)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

Status WriteFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return Error{ErrorCode::kUnavailable, "Cannot write " + path.string() + "."};
  return Ok();
}

// `name` made unique among `taken` (case-insensitively, for file systems that fold case):
// "slides.pdf", then "slides-2.pdf", "slides-3.pdf"...
std::string UniqueName(const std::string& name, std::set<std::string>& taken) {
  const size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  const std::string extension = stem.size() == name.size() ? "" : name.substr(stem.size());
  std::string candidate = name;
  for (int n = 2; taken.contains(ToLower(candidate)); ++n) {
    candidate = stem + "-" + std::to_string(n) + extension;
  }
  taken.insert(ToLower(candidate));
  return candidate;
}

Status CheckOutputFolder(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) {
    fs::create_directories(out, ec);
    if (ec) {
      return Error{ErrorCode::kUnavailable, "Cannot create " + out.string() + ": " + ec.message()};
    }
    return Ok();
  }
  if (!fs::is_directory(out, ec)) {
    return Error{ErrorCode::kInvalidInput, out.string() + " is a file, not a folder."};
  }
  if (!fs::is_empty(out, ec) || ec) {
    return Error{ErrorCode::kInvalidInput,
                 out.string() + " is not empty: export into a new or empty folder."};
  }
  return Ok();
}

}  // namespace

std::string ExportFrontMatter(const Page& page) {
  YAML::Emitter yaml;
  yaml << YAML::BeginMap;
  auto field = [&](const char* key, const std::string& value) {
    if (!value.empty()) yaml << YAML::Key << key << YAML::Value << value;
  };
  auto list = [&](const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) yaml << YAML::Key << key << YAML::Value << YAML::Flow << values;
  };
  field("title", page.title);
  field("kind", std::string(KindName(page.kind)));
  field("date", page.date);
  std::vector<std::string> topics;
  for (const Topic& topic : page.topics) topics.push_back(topic.name);
  list("topics", topics);
  field("organisation", page.organisation);
  field("place", page.place);
  list("applications", page.applications);
  field("visibility", std::string(VisibilityName(page.visibility)));
  field("created", page.created_at);
  field("updated", page.updated_at);
  yaml << YAML::EndMap;
  return "---\n" + std::string(yaml.c_str()) + "\n---\n";
}

std::string ExportBody(const std::string& body, const ExportTargets& targets) {
  return RewriteLinks(body, [&](std::string_view dest) -> std::optional<std::string> {
    const size_t hash = dest.find('#');
    const std::string_view fragment = hash == std::string_view::npos ? "" : dest.substr(hash);
    const std::string_view path = dest.substr(0, hash);
    if (path.starts_with("/p/")) {
      const std::string_view slug = path.substr(3);
      if (!targets.slugs.contains(slug)) return std::nullopt;
      return std::string(slug) + ".md" + std::string(fragment);
    }
    if (path.starts_with("/f/")) {
      auto file = targets.files.find(FileIdOf(path.substr(3)));
      if (file == targets.files.end()) return std::nullopt;
      return EncodePath(file->second) + std::string(fragment);
    }
    return std::nullopt;
  });
}

Result<ExportReport> ExportDirectory(const fs::path& out, PageStore& pages, FileStore& files) {
  if (Status ready = CheckOutputFolder(out); !ready.ok()) return ready.error();
  ExportReport report;

  // Pass 1: where every page and file goes, so that links resolve whatever the order.
  const std::vector<PageSummary> summaries = pages.AllPages(Audience::kMembers);
  ExportTargets targets;
  std::map<std::string, std::vector<std::pair<StoredFile, std::string>>> page_files;
  for (const PageSummary& summary : summaries) {
    targets.slugs.insert(summary.slug);
    std::set<std::string> taken;
    for (StoredFile& file : files.FilesOfPage(summary.slug)) {
      const std::string name = UniqueName(file.name, taken);
      if (name != file.name) {
        report.warnings.push_back(summary.slug + ": two files are named " + file.name + "; file " +
                                  std::to_string(file.id) + " exported as " + name);
      }
      targets.files.emplace(file.id, summary.slug + "/" + name);
      page_files[summary.slug].emplace_back(std::move(file), name);
    }
  }

  // Pass 2: the pages and their files.
  for (const PageSummary& summary : summaries) {
    Result<Page> page = pages.Get(summary.slug);
    if (!page.ok()) {
      if (page.error().code == ErrorCode::kNotFound) continue;  // deleted meanwhile
      return page.error();
    }
    const std::string text = ExportFrontMatter(page.value()) + ExportBody(page->body, targets);
    if (Status written = WriteFile(out / (summary.slug + ".md"), text); !written.ok()) {
      return written.error();
    }
    ++report.pages;
    auto attached = page_files.find(summary.slug);
    if (attached == page_files.end()) continue;
    const fs::path folder = out / summary.slug;
    std::error_code ec;
    fs::create_directories(folder, ec);
    for (const auto& [file, name] : attached->second) {
      fs::copy_file(files.ContentPath(file), folder / name, ec);
      if (ec) {
        return Error{ErrorCode::kUnavailable,
                     "Cannot copy " + summary.slug + "/" + file.name + ": " + ec.message()};
      }
      ++report.files;
      report.file_bytes += file.size;
    }
  }

  const json manifest = {{"format", "kring-export"},
                         {"version", kExportFormatVersion},
                         {"exported_at", NowUtc()},
                         {"pages", report.pages},
                         {"files", report.files}};
  if (Status written = WriteFile(out / kExportManifest, manifest.dump(2) + "\n"); !written.ok()) {
    return written.error();
  }
  return report;
}

}  // namespace kring
