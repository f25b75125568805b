// The content-addressed blob folder (see Blobs.h), on POSIX calls: std::filesystem has no
// fsync, and the durability of a blob rests on fsyncing both the file and its folder.
#include "storage/Blobs.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace kring::storage {
namespace {

namespace fs = std::filesystem;

Error SystemError(std::string_view action, const fs::path& path, int error_number) {
  return Error{ErrorCode::kUnavailable, "cannot " + std::string(action) + " " + path.string() +
                                            ": " + std::strerror(error_number)};
}

// A file descriptor closed on destruction; Close reports what closing found (for a written
// file, close may be the first to report a write error).
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    // Unchecked: on an error path the first failure is reported already, and closing a file
    // that was only read or locked loses nothing.
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // 0 or the errno of close.
  int Close() {
    const int rc = ::close(std::exchange(fd_, -1));
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// A temporary file removed on destruction unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    // Best effort on an error path that already reports its failure; a leftover ".tmp-" file
    // holds nothing a row names.
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

// How the temporary file of a Put begins (then six random characters).
constexpr std::string_view kTemporaryPrefix = ".tmp-";

// fsync of a folder makes the names created or renamed in it durable.
Status SyncFolder(const fs::path& folder) {
  const fs::path path = folder.empty() ? fs::path(".") : folder;
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return SystemError("open folder", path, errno);
  if (::fsync(fd.get()) != 0) return SystemError("sync folder", path, errno);
  if (int error = fd.Close(); error != 0) return SystemError("close folder", path, error);
  return Ok();
}

// Creates `folder` when absent (its parent must exist) and makes its name durable.
Status MakeFolder(const fs::path& folder) {
  if (::mkdir(folder.c_str(), 0755) == 0) return SyncFolder(folder.parent_path());
  // Something already there that is not a folder fails at the next step, with ENOTDIR.
  if (errno == EEXIST) return Ok();
  return SystemError("create folder", folder, errno);
}

Status WriteAll(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    // write() moves at most about 2 GiB at once on Linux; ask for no more.
    const size_t chunk = std::min<size_t>(content.size(), size_t{1} << 30);
    const ssize_t written = ::write(fd, content.data(), chunk);
    if (written < 0) {
      if (errno == EINTR) continue;
      return SystemError("write", path, errno);
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
  return Ok();
}

}  // namespace

Status InitializeHashing() {
  // 0: initialised now, 1: already initialised; both fine.
  if (sodium_init() < 0) return Error{ErrorCode::kInternal, "libsodium cannot initialise"};
  return Ok();
}

namespace {

std::string HexDigest(const unsigned char (&digest)[crypto_hash_sha256_BYTES]) {
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);  // lowercase, NUL-terminated
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

}  // namespace

std::string Sha256Hex(std::string_view content) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  return HexDigest(digest);
}

Result<std::string> Sha256OfFile(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error{ErrorCode::kNotFound, "no file " + path};
    return SystemError("open", path, errno);
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 16);
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError("read", path, errno);
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return HexDigest(digest);
}

bool IsSha256Hex(std::string_view name) {
  return name.size() == 2 * crypto_hash_sha256_BYTES &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

BlobFolder::BlobFolder(fs::path root) : root_(std::move(root)) {}

std::string BlobFolder::PathOf(std::string_view sha256) const {
  return (root_ / sha256.substr(0, 2) / sha256).string();
}

Status BlobFolder::Put(std::string_view sha256, std::string_view content) const {
  const fs::path shard = root_ / sha256.substr(0, 2);
  if (Status made = MakeFolder(root_); !made.ok()) return made;
  if (Status made = MakeFolder(shard); !made.ok()) return made;

  const std::string address = PathOf(sha256);
  struct stat existing {};
  if (::stat(address.c_str(), &existing) == 0 && S_ISREG(existing.st_mode) &&
      static_cast<uint64_t>(existing.st_size) == content.size()) {
    // Stored before. Sync the folder all the same: the thread that renamed it there may not
    // have synced it yet, and the caller is about to commit a row naming it.
    return SyncFolder(shard);
  }

  std::string pattern = (shard / (std::string(kTemporaryPrefix) + "XXXXXX")).string();
  FileDescriptor fd(::mkostemp(pattern.data(), O_CLOEXEC));
  if (fd.get() < 0) return SystemError("create a temporary file in", shard, errno);
  TemporaryFile temporary(pattern);
  // Held until the rename: RemoveUnnamed keeps a locked temporary file.
  if (::flock(fd.get(), LOCK_EX) != 0) return SystemError("lock", temporary.path(), errno);
  if (Status written = WriteAll(fd.get(), content, temporary.path()); !written.ok()) {
    return written;
  }
  if (::fsync(fd.get()) != 0) return SystemError("sync", temporary.path(), errno);
  if (::rename(temporary.path().c_str(), address.c_str()) != 0) {
    return SystemError("rename a temporary file to", address, errno);
  }
  temporary.Release();
  if (int error = fd.Close(); error != 0) return SystemError("close", address, error);
  return SyncFolder(shard);
}

bool BlobFolder::Has(std::string_view sha256) const {
  struct stat existing {};
  return ::stat(PathOf(sha256).c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
}

Result<int> BlobFolder::RemoveUnnamed(const std::set<std::string>& named) const {
  std::error_code error;
  if (!fs::exists(root_, error)) return 0;
  int removed = 0;
  for (fs::recursive_directory_iterator it(root_, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (name.rfind(kTemporaryPrefix, 0) == 0) {
      // Unlocked: its Put's process is gone (a lock is released when its holder dies).
      FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (fd.get() < 0 || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;
    } else if (!IsSha256Hex(name) || named.contains(name)) {
      continue;
    }
    if (::unlink(path.c_str()) != 0) return SystemError("remove", path, errno);
    ++removed;
  }
  if (error) return SystemError("read the folder", root_, error.value());
  return removed;
}

Result<std::string> BlobFolder::Read(std::string_view sha256) const {
  const std::string path = PathOf(sha256);
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error{ErrorCode::kNotFound, "no file " + path};
    return SystemError("open", path, errno);
  }
  std::string content;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return SystemError("read", path, errno);
    }
    if (got == 0) return content;
    content.append(buffer, static_cast<size_t>(got));
  }
}

}  // namespace kring::storage
