// ZipBuilder: writes ZIP archives in memory with libzip, for fixtures and hostile archives
// (zip bombs streamed from a source of zeros, never held in memory). Test support only.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kring::extract::testing {

// The entries of an archive, in order: what fixtures produce and fuzz mutations edit.
using ZipEntries = std::vector<std::pair<std::string, std::string>>;

class ZipBuilder {
 public:
  ZipBuilder() {
    zip_error_t error;
    zip_error_init(&error);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (source_ == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
    zip_source_keep(source_);  // read the bytes back after zip_close
    archive_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (archive_ == nullptr) throw std::runtime_error("zip_open_from_source failed");
  }
  ~ZipBuilder() {
    if (archive_ != nullptr) zip_discard(archive_);
    zip_source_free(source_);
  }
  ZipBuilder(const ZipBuilder&) = delete;
  ZipBuilder& operator=(const ZipBuilder&) = delete;

  // `content` deflated (stored when `compress` is false, as ODF wants its mimetype entry).
  ZipBuilder& Add(const std::string& name, std::string content, bool compress = true) {
    const std::string& kept = contents_.emplace_back(std::move(content));
    zip_source_t* source = zip_source_buffer(archive_, kept.data(), kept.size(), 0);
    AddSource(name, source, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 6);
    return *this;
  }

  ZipBuilder& Add(const ZipEntries& entries) {
    for (const auto& [name, content] : entries) Add(name, content, name != "mimetype");
    return *this;
  }

  // An entry of `size` zero bytes, deflated at level 1 while streaming.
  ZipBuilder& AddZeros(const std::string& name, uint64_t size) {
    zeros_.push_back(std::make_unique<Zeros>(Zeros{size, 0}));
    zip_source_t* source = zip_source_function(archive_, &ZeroSource, zeros_.back().get());
    AddSource(name, source, ZIP_CM_DEFLATE, 1);
    return *this;
  }

  // The archive's bytes; the builder is spent afterwards.
  std::string Build() {
    if (zip_close(archive_) != 0) throw std::runtime_error("zip_close failed");
    archive_ = nullptr;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(source_, &stat) != 0 || zip_source_open(source_) != 0) {
      throw std::runtime_error("cannot read the archive back");
    }
    std::string bytes(stat.size, '\0');
    const zip_int64_t got = zip_source_read(source_, bytes.data(), bytes.size());
    zip_source_close(source_);
    if (got != static_cast<zip_int64_t>(bytes.size())) throw std::runtime_error("short read");
    return bytes;
  }

 private:
  struct Zeros {
    uint64_t size;
    uint64_t offset;
  };

  void AddSource(const std::string& name, zip_source_t* source, zip_int32_t method,
                 zip_uint32_t level) {
    if (source == nullptr) throw std::runtime_error("no source for " + name);
    const zip_int64_t index = zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      throw std::runtime_error("zip_file_add failed for " + name);
    }
    zip_set_file_compression(archive_, static_cast<zip_uint64_t>(index), method, level);
  }

  static zip_int64_t ZeroSource(void* state, void* data, zip_uint64_t length,
                                zip_source_cmd_t command) {
    auto* zeros = static_cast<Zeros*>(state);
    switch (command) {
      case ZIP_SOURCE_OPEN:
        zeros->offset = 0;
        return 0;
      case ZIP_SOURCE_READ: {
        const uint64_t n = std::min<uint64_t>(length, zeros->size - zeros->offset);
        std::memset(data, 0, n);
        zeros->offset += n;
        return static_cast<zip_int64_t>(n);
      }
      case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        stat->size = zeros->size;
        stat->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_CLOSE:
      case ZIP_SOURCE_FREE:
        return 0;
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        return -1;
    }
  }

  zip_source_t* source_ = nullptr;
  zip_t* archive_ = nullptr;
  std::deque<std::string> contents_;  // stable addresses until zip_close reads them
  std::vector<std::unique_ptr<Zeros>> zeros_;
};

// A zip bomb: one entry `name` of 300 MiB of zeros, about 300 KiB compressed. Built once per
// test run (streaming 300 MiB through deflate takes a moment).
inline const std::string& ZerosBomb() {
  static const std::string bomb = ZipBuilder().AddZeros("word/document.xml", 300 << 20).Build();
  return bomb;
}

// Overwrites the declared uncompressed size of every entry (local and central headers) with
// `size`: an archive whose headers lie about what its entries expand to.
inline std::string WithDeclaredSize(std::string zip, uint32_t size) {
  char little_endian[4];
  for (int i = 0; i < 4; ++i) little_endian[i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  const struct {
    std::string_view signature;
    size_t offset;
  } headers[] = {{"PK\x03\x04", 22}, {"PK\x01\x02", 24}};
  for (const auto& header : headers) {
    for (size_t at = zip.find(header.signature); at != std::string::npos;
         at = zip.find(header.signature, at + 4)) {
      if (at + header.offset + 4 <= zip.size()) {
        std::memcpy(zip.data() + at + header.offset, little_endian, 4);
      }
    }
  }
  return zip;
}

}  // namespace kring::extract::testing
