// MediaTypeDetector: what a file is, sniffed from its first 64 KiB with libmagic and checked
// against its name's extension (MediaTypes.h says what matches what).
// libmagic runs in-process, not in the sandbox: it is fuzzed continuously upstream, reads at
// most 64 KiB here and decompresses nothing (no MAGIC_COMPRESS), and upload needs the answer
// before the file is stored.
// Thread-safe: one libmagic handle, loaded once, used under a mutex (a magic_t is not
// thread-safe, and a handle per thread would load the database once per thread).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/Result.h"

struct magic_set;  // libmagic's magic_t

namespace kring::extract {

class MediaTypeDetector {
 public:
  // Loads libmagic's default database; a failure is answered by each Detect.
  MediaTypeDetector();

  // See CheckMediaType. Errors: kInvalidInput (empty, mismatch); kInternal when libmagic's
  // database could not be loaded or libmagic fails.
  Result<std::string> Detect(std::string_view content, std::string_view name) const;

 private:
  struct Closer {
    void operator()(magic_set* magic) const;
  };
  std::unique_ptr<magic_set, Closer> magic_;  // GUARDED_BY(mutex_)
  std::string load_error_;                    // why magic_ is null
  mutable std::mutex mutex_;
};

}  // namespace kring::extract
