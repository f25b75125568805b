#include "app/Importer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/Text.h"

namespace kring {
namespace {

namespace fs = std::filesystem;
constexpr size_t npos = std::string_view::npos;

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ToLower(s.substr(s.size() - suffix.size())) == suffix;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start <= s.size();) {
    size_t end = std::min(s.find(sep, start), s.size());
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// ---- Dates ----

// Three numbers joined by one kind of separator ('-', '/' or '.'), with their digit counts.
bool DateParts(std::string_view s, std::array<int, 3>& parts, std::array<size_t, 3>& widths) {
  size_t i = 0;
  char separator = 0;
  for (size_t k = 0; k < 3; ++k) {
    if (k > 0) {
      if (i >= s.size() || std::string_view("-/.").find(s[i]) == npos) return false;
      if (separator != 0 && s[i] != separator) return false;
      separator = s[i++];
    }
    const size_t start = i;
    parts[k] = 0;
    while (i < s.size() && IsDigit(s[i]) && i - start < 4) {
      parts[k] = parts[k] * 10 + (s[i++] - '0');
    }
    widths[k] = i - start;
    if (widths[k] == 0) return false;
  }
  return i == s.size();
}

int DutchMonth(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"januari",   "februari", "maart",    "april",
                                                 "mei",       "juni",     "juli",     "augustus",
                                                 "september", "oktober",  "november", "december"};
  const std::string lower = ToLower(word);
  for (int m = 0; m < 12; ++m) {
    if (lower == kMonths[m]) return m + 1;
  }
  return 0;
}

std::string IsoIfValid(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return {};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return {};
  char buf[32];  // room for any int, though DateParts reads at most four digits
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// ---- Paths ----

// The segments naming a page: the path without `.md`, and without a last `index`.
std::vector<std::string_view> PageSegments(std::string_view relative_path) {
  if (EndsWithNoCase(relative_path, ".md")) relative_path.remove_suffix(3);
  std::vector<std::string_view> segments = Split(relative_path, '/');
  if (ToLower(segments.back()) == "index") segments.pop_back();
  if (segments.size() == 1 && segments[0].empty()) segments.clear();
  return segments;
}

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
  if (!base.empty()) parts = Split(base, '/');
  for (std::string_view p : Split(target, '/')) {
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

std::optional<std::string> ReadFile(const fs::path& path, std::string& why) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    why = "cannot read the file: " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxFileBytes) {
    why = "the file is larger than " + std::to_string(kMaxFileBytes / (1024 * 1024)) + " MiB";
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

// The date a file name starts with ("20180802-demo-sprint-2", "2019-06-20 overleg"), or "".
std::string DateFromFileName(std::string_view relative_path) {
  std::string_view name = Split(relative_path, '/').back();
  if (name.size() >= 10 && (name.size() == 10 || !IsDigit(name[10]))) {
    if (std::string iso = NormalizeDate(name.substr(0, 10)); !iso.empty()) return iso;
  }
  if (name.size() >= 8 && std::all_of(name.begin(), name.begin() + 8, IsDigit) &&
      (name.size() == 8 || !IsDigit(name[8]))) {
    auto number = [&](size_t at, size_t n) { return std::stoi(std::string(name.substr(at, n))); };
    return IsoIfValid(number(0, 4), number(4, 2), number(6, 2));
  }
  return {};
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

bool LinksToMarkdownFile(std::string_view dest) {
  if (dest.starts_with("//") || HasScheme(dest)) return false;
  dest = dest.substr(0, dest.find_first_of("#?"));
  if (dest.ends_with("/")) dest.remove_suffix(1);
  return EndsWithNoCase(dest, ".md");
}

// What a re-import compares: saving is skipped when nothing of this differs.
bool SameContent(const Page& page, const PageInput& input) {
  if (page.title != Trim(input.title) || page.body != input.body || page.kind != input.kind ||
      page.date != Trim(input.date)) {
    return false;
  }
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
std::optional<PageInput> ReadPage(const ImportContext& ctx, const std::string& path,
                                  const std::string& slug) {
  auto warn = [&](std::string message) {
    ctx.report.warnings.push_back({path, std::move(message)});
  };
  std::string why;
  std::optional<std::string> text = ReadFile(ctx.dir / path, why);
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
  } else if (input.kind == PageKind::kMinutes) {
    input.date = DateFromFileName(path);
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

  input.body = RewriteLinks(DropTitleHeading(file.body, input.title), [&](std::string_view dest) -> std::optional<std::string> {
    std::optional<std::string> to = ResolveImportLink(dest, path, ctx.slugs);
    if (to) {
      ++ctx.report.links_rewritten;
    } else if (LinksToMarkdownFile(dest)) {
      warn("link to a Markdown file that is not in the import: " + std::string(dest));
    }
    return to;
  });
  input.author = ctx.options.author;
  input.comment = "Imported from " + path;
  return input;
}

// Imports one file. Only an error that will fail every later file too is returned.
Status ImportFile(const ImportContext& ctx, const std::string& path, const std::string& slug) {
  std::optional<PageInput> input = ReadPage(ctx, path, slug);
  if (!input) return Ok();

  Result<Page> current = ctx.store.Get(slug);
  if (!current.ok() && current.error().code != ErrorCode::kNotFound) {
    return Error{current.error().code, path + ": " + current.error().message};
  }
  if (current.ok() && SameContent(current.value(), *input)) {
    ++ctx.report.pages_unchanged;
    return Ok();
  }
  if (ctx.options.dry_run) {
    ++(current.ok() ? ctx.report.pages_updated : ctx.report.pages_created);
    return Ok();
  }
  Result<SaveOutcome> saved = ctx.pages.Save(std::move(*input));
  if (!saved.ok()) {
    const ErrorCode code = saved.error().code;
    if (code == ErrorCode::kInvalidInput || code == ErrorCode::kTooLarge ||
        code == ErrorCode::kConflict) {
      ctx.report.skipped.push_back({path, saved.error().message});
      return Ok();
    }
    return Error{code, path + ": " + saved.error().message};
  }
  ++(saved->created ? ctx.report.pages_created : ctx.report.pages_updated);
  return Ok();
}

}  // namespace

std::string NormalizeDate(std::string_view raw) {
  const std::string s = Trim(raw);
  std::string_view date = s;
  std::array<int, 3> parts{};
  std::array<size_t, 3> widths{};
  // A time after the date ("2018-06-20 10:00", "2018-06-20T10:00:00Z") is dropped.
  if (const size_t cut = date.find_first_of(" T"); cut != npos) {
    const std::string_view time = date.substr(cut + 1);
    if (!time.empty() && IsDigit(time[0]) && time.find(':') != npos) date = date.substr(0, cut);
  }
  if (DateParts(date, parts, widths)) {
    const auto [a, b, c] = parts;
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) return IsoIfValid(a, b, c);
    if (widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2) return IsoIfValid(c, b, a);
    return {};
  }
  std::istringstream words{std::string(date)};  // "20 juni 2018"
  std::string day, month, year, rest;
  if (words >> day >> month >> year && !(words >> rest) && day.size() <= 2 && year.size() == 4 &&
      std::all_of(day.begin(), day.end(), IsDigit) &&
      std::all_of(year.begin(), year.end(), IsDigit)) {
    return IsoIfValid(std::stoi(year), DutchMonth(month), std::stoi(day));
  }
  return {};
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
  std::vector<std::string_view> folders = Split(relative_path, '/');
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

std::optional<std::string> ResolveImportLink(std::string_view destination,
                                             std::string_view from_path, const PathSlugs& slugs) {
  std::string_view dest = destination;
  if (dest.empty() || dest[0] == '#' || dest.starts_with("//") || HasScheme(dest)) {
    return std::nullopt;
  }
  std::string_view fragment;
  if (const size_t hash = dest.find('#'); hash != npos) {
    if (hash + 1 < dest.size()) fragment = dest.substr(hash);
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
  const bool folder_link = path.empty() || path.ends_with("/");
  const std::optional<std::string> joined = JoinPath(base, path);
  if (!joined) return std::nullopt;

  std::vector<std::string> candidates;
  if (EndsWithNoCase(*joined, ".md")) {
    candidates.push_back(*joined);  // also written "x.md/" on some sites
  } else {
    if (!folder_link) candidates.push_back(*joined + ".md");
    candidates.push_back(joined->empty() ? "index.md" : *joined + "/index.md");
  }
  for (const std::string& candidate : candidates) {
    if (auto it = slugs.find(candidate); it != slugs.end()) {
      return "/p/" + it->second + std::string(fragment);
    }
  }
  return std::nullopt;
}

Result<ImportReport> ImportDirectory(const fs::path& dir, PageService& pages, PageStore& store,
                                     const ImportOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{ErrorCode::kNotFound, "There is no folder " + dir.string() + "."};
  }
  Result<std::vector<std::string>> files = ListMarkdownFiles(dir);
  if (!files.ok()) return files.error();

  ImportReport report;
  report.files_seen = static_cast<int>(files->size());

  // Pass 1: every file's slug, so links resolve whatever order the files are saved in.
  std::vector<std::pair<std::string, std::string>> planned;  // path, slug
  PathSlugs slugs;
  std::set<std::string, std::less<>> taken;
  for (const std::string& path : files.value()) {
    if (!IsValidUtf8(path)) {
      report.skipped.push_back({path, "the file name is not valid UTF-8"});
      continue;
    }
    const std::string base = SlugForPath(path);
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

  // Pass 2: parse, rewrite links and save.
  const ImportContext ctx{dir, pages, store, options, slugs, report};
  for (const auto& [path, slug] : planned) {
    if (Status done = ImportFile(ctx, path, slug); !done.ok()) return done.error();
  }
  return report;
}

}  // namespace kring
