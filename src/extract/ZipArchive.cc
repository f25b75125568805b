#include "extract/ZipArchive.h"

#include <zip.h>

#include <algorithm>
#include <fstream>

namespace kring::extract {
namespace {

Error Refused(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

std::string MiB(uint64_t bytes) {
  return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB"
                           : std::to_string(bytes) + " bytes";
}

// "10000" → "10,000": limits appear in sentences for members.
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

// Encrypted OOXML files are OLE compound files, not ZIP archives: say so instead of "damaged".
bool IsOleCompoundFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  return in.gcount() == sizeof head &&
         std::string_view(head, sizeof head) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
}

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const {
  // Read-only: nothing to write back.
  zip_discard(archive);
}

Result<ZipArchive> ZipArchive::OpenFile(const std::string& path, const ZipLimits& limits) {
  int error = 0;
  std::unique_ptr<zip, Closer> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    if (error == ZIP_ER_NOENT || error == ZIP_ER_OPEN || error == ZIP_ER_READ) {
      return Refused("The file could not be opened.");
    }
    if (IsOleCompoundFile(path)) {
      return Refused("The document is password-protected or in an old binary format.");
    }
    return Refused("The file is not a valid ZIP archive.");
  }
  return Check(std::move(archive), limits);
}

Result<ZipArchive> ZipArchive::OpenBuffer(std::string_view bytes, const ZipLimits& limits) {
  // libzip reads zero bytes as an empty archive; no file Kring reads is one.
  if (bytes.empty()) return Refused("The file is not a valid ZIP archive.");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_error_fini(&error);
  if (source == nullptr) return Refused("The file is not a valid ZIP archive.");
  zip_error_init(&error);
  std::unique_ptr<zip, Closer> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);  // still ours when opening failed
    return Refused("The file is not a valid ZIP archive.");
  }
  return Check(std::move(archive), limits);
}

Result<ZipArchive> ZipArchive::Check(std::unique_ptr<zip, Closer> archive,
                                     const ZipLimits& limits) {
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  if (entries < 0) return Refused("The file is not a valid ZIP archive.");
  if (static_cast<uint64_t>(entries) > limits.max_entries) {
    return Refused("The archive holds more than " + Grouped(limits.max_entries) +
                   " files: refused as a possible zip bomb.");
  }
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
      return Refused("The archive is damaged (a file in it cannot be read).");
    }
    if (stat.size > limits.max_entry_bytes) {
      return Refused("A file in the archive expands to more than " + MiB(limits.max_entry_bytes) +
                     ": refused as a possible zip bomb.");
    }
    total += stat.size;  // no overflow: each term is at most max_entry_bytes
    if (total > limits.max_total_bytes) {
      return Refused("The archive expands to more than " + MiB(limits.max_total_bytes) +
                     ": refused as a possible zip bomb.");
    }
    if (stat.size > limits.ratio_min_bytes &&
        (stat.comp_size == 0 || stat.size / stat.comp_size > limits.max_ratio)) {
      return Refused("A file in the archive is compressed more than " +
                     std::to_string(limits.max_ratio) + " to 1: refused as a possible zip bomb.");
    }
  }
  return ZipArchive(std::move(archive), limits);
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> names;
  const zip_int64_t entries = zip_get_num_entries(archive_.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive_.get(), static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

int64_t ZipArchive::Locate(std::string_view name) const {
  const std::string key(name);
  const zip_int64_t exact = zip_name_locate(archive_.get(), key.c_str(), 0);
  if (exact >= 0) return exact;
  // Producers disagree on case now and then ("[Content_Types].xml" vs "[content_types].xml").
  return zip_name_locate(archive_.get(), key.c_str(), ZIP_FL_NOCASE);
}

bool ZipArchive::Contains(std::string_view name) const { return Locate(name) >= 0; }

Result<std::string> ZipArchive::Read(std::string_view name) {
  const int64_t index = Locate(name);
  if (index < 0)
    return Error{ErrorCode::kNotFound,
                 "The file is damaged: " + std::string(name) + " is missing."};
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int error = zip_error_code_zip(zip_get_error(archive_.get()));
    if (error == ZIP_ER_NOPASSWD || error == ZIP_ER_WRONGPASSWD) {
      return Refused("The archive is password-protected.");
    }
    if (error == ZIP_ER_COMPNOTSUPP || error == ZIP_ER_ENCRNOTSUPP) {
      return Refused("The archive uses a compression or encryption method that is not supported.");
    }
    return Refused("The archive is damaged (a file in it cannot be read).");
  }
  // The declared size is a hint, never a promise: read in chunks and stop past the caps.
  const uint64_t cap = std::min(limits_.max_part_bytes, limits_.max_entry_bytes);
  std::string content;
  char chunk[64 * 1024];
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), chunk, sizeof chunk);
    if (got < 0) return Refused("The archive is damaged (a file in it cannot be read).");
    if (got == 0) break;
    bytes_read_ += static_cast<uint64_t>(got);
    if (content.size() + static_cast<uint64_t>(got) > cap) {
      return Refused("A file in the archive expands to more than " + MiB(cap) +
                     ": refused as a possible zip bomb.");
    }
    if (bytes_read_ > limits_.max_total_bytes) {
      return Refused("The archive expands to more than " + MiB(limits_.max_total_bytes) +
                     ": refused as a possible zip bomb.");
    }
    content.append(chunk, static_cast<size_t>(got));
  }
  return content;
}

}  // namespace kring::extract
