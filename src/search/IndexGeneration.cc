#include "search/IndexGeneration.h"

#include <xapian.h>

#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

#include "search/Prefixes.h"

namespace kring {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFirstFolder = "xapian";
constexpr std::string_view kFolderPrefix = "xapian-";

// A positive decimal number written in full ("12"); nullopt for anything else.
std::optional<int64_t> PositiveNumber(std::string_view digits) {
  int64_t number = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size() || number <= 0) {
    return std::nullopt;
  }
  return number;
}

// The generation a folder name stands for: "xapian" 0, "xapian-12" 12; nullopt for other names.
std::optional<int64_t> GenerationOf(std::string_view name) {
  if (name == kFirstFolder) return 0;
  if (!name.starts_with(kFolderPrefix)) return std::nullopt;
  return PositiveNumber(name.substr(kFolderPrefix.size()));
}

// Whether a writer holds the index in `dir`: taking Xapian's lock (and letting it go) tells.
// A folder that holds no index, or a broken one, is free: nobody can be writing it.
bool HeldByWriter(const std::string& dir) {
  try {
    Xapian::WritableDatabase probe(dir, Xapian::DB_OPEN);
    probe.close();
    return false;
  } catch (const Xapian::DatabaseLockError&) {
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace

std::string GenerationFolder(const std::string& data_dir, int64_t generation) {
  const std::string name = generation == 0
                               ? std::string(kFirstFolder)
                               : std::string(kFolderPrefix) + std::to_string(generation);
  return (fs::path(data_dir) / name).string();
}

std::vector<std::string> RemoveUnusedGenerations(
    const std::string& data_dir, int64_t current, RemoveGenerations which,
    const std::function<void(const std::string&)>& log) {
  std::vector<std::string> removed;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir, ec)) {
    const std::optional<int64_t> generation = GenerationOf(entry.path().filename().string());
    if (!generation || *generation == current) continue;
    if (*generation > current && which == RemoveGenerations::kOlder) continue;
    if (!entry.is_directory(ec)) continue;
    const std::string dir = entry.path().string();
    if (HeldByWriter(dir)) continue;
    std::error_code removal;
    fs::remove_all(dir, removal);
    if (removal) {
      log("cannot remove the unused search index " + dir + ": " + removal.message());
    } else {
      removed.push_back(dir);
    }
  }
  if (ec) log("cannot list the data folder " + data_dir + ": " + ec.message());
  return removed;
}

Result<IndexTargets> ListIndexed(const std::string& dir) {
  IndexTargets indexed;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return indexed;
  try {
    Xapian::Database db(dir);
    const std::string page_prefix(search::kPageIdPrefix);
    for (auto it = db.allterms_begin(page_prefix); it != db.allterms_end(page_prefix); ++it) {
      indexed.pages.insert((*it).substr(page_prefix.size()));
    }
    const std::string file_prefix(search::kFilePrefix);
    for (auto it = db.allterms_begin(file_prefix); it != db.allterms_end(file_prefix); ++it) {
      const std::string term = *it;
      if (auto file_id = PositiveNumber(std::string_view(term).substr(file_prefix.size()))) {
        indexed.files.insert(*file_id);
      }
    }
    return indexed;
  } catch (const Xapian::DatabaseNotFoundError&) {
    return indexed;  // the folder exists, the writer has not created the index yet
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable,
                 "cannot read the search index " + dir + ": " + e.get_description()};
  }
}

}  // namespace kring
