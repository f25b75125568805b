// What an upload killed before its row committed leaves in files/, and how the next start
// clears it away (SqlitePageStore::RemoveUnnamedContent, BlobFolder::RemoveUnnamed) without
// touching what a row names or what a live upload is still writing.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::FilesUnder;
using storage_testing::StoreFixture;

TEST_CASE("unnamed content and dead temporary files are removed; named and locked ones kept") {
  StoreFixture f;
  f.Save(Edit("verslag", "Verslag"));
  const StoredFile named = f.Put(Attachment("verslag", "notulen.pdf", "%PDF-1.7 notulen"));
  // As a killed upload leaves them: content put, no row; a temporary file half written.
  const storage::BlobFolder blobs(f.Blobs());
  const std::string orphan = "inhoud zonder rij";
  REQUIRE(storage::InitializeHashing().ok());
  REQUIRE(blobs.Put(storage::Sha256Hex(orphan), orphan).ok());
  const std::filesystem::path shard = f.Blobs() / named.sha256.substr(0, 2);
  std::ofstream(shard / ".tmp-dood01") << "half";
  // A temporary file another process is still writing: locked.
  const std::string live = (shard / ".tmp-bezig1").string();
  const int fd = ::open(live.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  // A name that is no SHA-256 is not the store's to remove.
  std::ofstream(f.Blobs() / "LEESMIJ.txt") << "van de beheerder";

  Result<int> removed = f.store->RemoveUnnamedContent();
  REQUIRE_MESSAGE(removed.ok(), ErrorOf(removed));
  CHECK(removed.value() == 2);
  const std::string prefix = named.sha256.substr(0, 2) + "/";
  CHECK(FilesUnder(f.Blobs()) ==
        std::vector<std::string>{prefix + ".tmp-bezig1", prefix + named.sha256, "LEESMIJ.txt"});
  ::close(fd);

  // Unlocked now: the next start removes it too; the named content stays readable.
  Result<int> again = f.store->RemoveUnnamedContent();
  REQUIRE_MESSAGE(again.ok(), ErrorOf(again));
  CHECK(again.value() == 1);
  CHECK(storage_testing::ReadAll(f.store->ContentPath(named)) == "%PDF-1.7 notulen");
}

TEST_CASE("an upload of content that was removed as unnamed puts it back") {
  StoreFixture f;
  f.Save(Edit("verslag", "Verslag"));
  const std::string content = "%PDF-1.7 bijlage";
  REQUIRE(storage::InitializeHashing().ok());
  const storage::BlobFolder blobs(f.Blobs());
  REQUIRE(blobs.Put(storage::Sha256Hex(content), content).ok());
  Result<int> removed = f.store->RemoveUnnamedContent();
  REQUIRE(removed.ok());
  CHECK(removed.value() == 1);
  CHECK_FALSE(blobs.Has(storage::Sha256Hex(content)));

  const StoredFile file = f.Put(Attachment("verslag", "bijlage.pdf", content));
  CHECK(storage_testing::ReadAll(f.store->ContentPath(file)) == content);
  Result<int> none = f.store->RemoveUnnamedContent();
  REQUIRE(none.ok());
  CHECK(none.value() == 0);
}

}  // namespace
}  // namespace kring
