#include "app/ImportLinks.h"

#include <algorithm>
#include <cctype>

#include "core/File.h"
#include "core/Text.h"

namespace kring {
namespace {

constexpr size_t npos = std::string_view::npos;

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// `target` seen from the folder `base`, '/'-joined; nullopt when it climbs out of the import.
std::optional<std::string> JoinPath(std::string_view base, std::string_view target) {
  std::vector<std::string_view> parts;
  if (!base.empty()) parts = SplitPath(base, '/');
  for (std::string_view p : SplitPath(target, '/')) {
    if (p == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!p.empty() && p != ".") {
      parts.push_back(p);
    }
  }
  std::string out;
  for (std::string_view p : parts) out.append(out.empty() ? "" : "/").append(p);
  return out;
}

bool HasScheme(std::string_view dest) {
  const size_t colon = dest.find(':');
  if (colon == npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(dest[0]))) {
    return false;
  }
  return std::all_of(dest.begin(), dest.begin() + colon, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-';
  });
}

// A link destination read as a path inside the import folder.
struct PathLink {
  std::string path;      // from the import folder, '/'-joined, decoded; "" for the folder
  std::string fragment;  // "#..." or ""
  bool folder = false;   // written with a trailing '/' (or as the folder itself)
};

// What ResolveImportLink and ResolveImportFileLink share: nullopt for URLs with a scheme,
// `//host`, same-page anchors, queries, and paths that climb out of the folder.
std::optional<PathLink> ReadPathLink(std::string_view destination, std::string_view from_path) {
  std::string_view dest = destination;
  if (dest.empty() || dest[0] == '#' || dest.starts_with("//") || HasScheme(dest)) {
    return std::nullopt;
  }
  PathLink link;
  if (const size_t hash = dest.find('#'); hash != npos) {
    if (hash + 1 < dest.size()) link.fragment = dest.substr(hash);
    dest = dest.substr(0, hash);
  }
  if (dest.find('?') != npos) return std::nullopt;

  std::string path = PercentDecode(dest);
  std::string_view base;
  if (path.starts_with("/")) {
    path.erase(0, 1);  // site-absolute: from the import folder
  } else if (const size_t slash = from_path.rfind('/'); slash != npos) {
    base = from_path.substr(0, slash);
  }
  link.folder = path.empty() || path.ends_with("/");
  std::optional<std::string> joined = JoinPath(base, path);
  if (!joined) return std::nullopt;
  link.path = std::move(*joined);
  return link;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start <= s.size();) {
    size_t end = std::min(s.find(sep, start), s.size());
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ToLower(s.substr(s.size() - suffix.size())) == suffix;
}

std::optional<std::string> ResolveImportLink(std::string_view destination,
                                             std::string_view from_path, const PathSlugs& slugs) {
  const std::optional<PathLink> link = ReadPathLink(destination, from_path);
  if (!link) return std::nullopt;
  std::vector<std::string> candidates;
  if (EndsWithNoCase(link->path, ".md")) {
    candidates.push_back(link->path);  // also written "x.md/" on some sites
  } else {
    if (!link->folder) candidates.push_back(link->path + ".md");
    candidates.push_back(link->path.empty() ? "index.md" : link->path + "/index.md");
  }
  for (const std::string& candidate : candidates) {
    if (auto it = slugs.find(candidate); it != slugs.end()) {
      return "/p/" + it->second + link->fragment;
    }
  }
  return std::nullopt;
}

bool LinksToMarkdownFile(std::string_view dest) {
  if (dest.starts_with("//") || HasScheme(dest)) return false;
  dest = dest.substr(0, dest.find_first_of("#?"));
  if (dest.ends_with("/")) dest.remove_suffix(1);
  return EndsWithNoCase(dest, ".md");
}

bool IsExportPageLink(std::string_view destination) {
  destination = destination.substr(0, destination.find('#'));
  return destination.find('/') == npos && EndsWithNoCase(destination, ".md");
}

std::optional<ImportFileLink> ResolveImportFileLink(std::string_view destination,
                                                    std::string_view from_path) {
  std::optional<PathLink> link = ReadPathLink(destination, from_path);
  if (!link || link->folder || link->path.empty()) return std::nullopt;
  // A decoded %00 or line break would name another file on disk than the one written.
  if (std::any_of(link->path.begin(), link->path.end(),
                  [](char c) { return std::iscntrl(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  const std::vector<std::string_view> segments = SplitPath(link->path, '/');
  if (std::any_of(segments.begin(), segments.end(),
                  [](std::string_view s) { return s.starts_with("."); })) {
    return std::nullopt;
  }
  // Documentation sites link generated folders named after versions ("swagger-ui-1.2.0",
  // "documenten-1.1.0-YAML"): an extension must be letters and digits, one letter at least.
  const std::string extension = FileExtension(segments.back());
  const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const auto is_alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  if (extension == "md" || !std::all_of(extension.begin(), extension.end(), is_alnum) ||
      std::none_of(extension.begin(), extension.end(), is_alpha)) {
    return std::nullopt;
  }
  return ImportFileLink{std::move(link->path), std::move(link->fragment)};
}

}  // namespace kring
