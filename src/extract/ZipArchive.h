// ZipArchive: a read-only ZIP archive (libzip) opened behind the zip-bomb guards of ZipLimits.
// Opening refuses archives that declare too many entries, too large or too highly compressed
// entries; reading never trusts the declared sizes (each read stops at a hard cap, and the bytes
// actually read over the archive's life are counted against the total).
// Not thread-safe: one archive per thread. Movable, not copyable.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "extract/ExtractLimits.h"

struct zip;  // libzip's zip_t

namespace kring::extract {

class ZipArchive {
 public:
  // Opens the archive in the file at `path`. Errors (kInvalidInput, a sentence for members):
  // not a ZIP archive, damaged, or refused by a guard ("...: refused as a possible zip bomb.").
  static Result<ZipArchive> OpenFile(const std::string& path, const ZipLimits& limits);
  // The same over bytes in memory, which must outlive the archive (they are not copied).
  static Result<ZipArchive> OpenBuffer(std::string_view bytes, const ZipLimits& limits);

  // The names of all entries, in the archive's order.
  std::vector<std::string> Names() const;
  bool Contains(std::string_view name) const;

  // The content of entry `name` (exact name first, then ignoring case). Errors: kNotFound when
  // there is no such entry; kInvalidInput when it is encrypted, damaged, larger than
  // max_part_bytes, or when reading it would pass max_total_bytes read from this archive.
  Result<std::string> Read(std::string_view name);

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<zip, Closer> archive, const ZipLimits& limits)
      : archive_(std::move(archive)), limits_(limits) {}
  static Result<ZipArchive> Check(std::unique_ptr<zip, Closer> archive, const ZipLimits& limits);
  int64_t Locate(std::string_view name) const;

  std::unique_ptr<zip, Closer> archive_;
  ZipLimits limits_;
  uint64_t bytes_read_ = 0;
};

}  // namespace kring::extract
