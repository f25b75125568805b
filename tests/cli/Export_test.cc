// `kring export` as an administrator runs it: beside a running server, into a new folder, and
// imported back with `kring import`.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "KringProcess.h"
#include "http/TestServer.h"

using kring::testing::Contains;
using kring::testing::KringProcess;
using kring::testing::RunKring;
using kring::testing::TempDir;
using nlohmann::json;

namespace {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("kring export writes the demo wiki beside a running server; kring import reads it") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  const std::filesystem::path out = dir.path() / "export";
  KringProcess server({"serve", "--data", data, "--port", "0"});  // seeds the demo
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  const int pages = json::parse(client.Get("/healthz")->body)["pages"].get<int>();
  REQUIRE(pages > 10);

  auto exported = RunKring({"export", "--data", data, out.string()});
  CHECK(exported.exit_code == 0);
  CHECK(Contains(exported.output, "pages: " + std::to_string(pages) + ","));
  const std::string minutes = ReadAll(out / "kringbijeenkomst-oostrozebeke-12-december-2012.md");
  CHECK(minutes.starts_with("---\ntitle: "));
  CHECK(Contains(minutes, "kind: minutes"));
  const json manifest = json::parse(ReadAll(out / "kring-export.json"));
  CHECK(manifest["format"] == "kring-export");
  CHECK(manifest["pages"] == pages);
  const json register_file = json::parse(ReadAll(out / "register.json"));
  CHECK_FALSE(register_file["organisations"].empty());
  CHECK_FALSE(register_file["usages"].empty());
  CHECK(client.Get("/healthz")->status == 200);  // the server went on meanwhile

  // Not into a folder that holds something, nor from a folder without a database.
  auto again = RunKring({"export", "--data", data, out.string()});
  CHECK(again.exit_code != 0);
  CHECK(Contains(again.output, "is not empty"));
  auto nowhere = RunKring(
      {"export", "--data", (dir.path() / "none").string(), (dir.path() / "other").string()});
  CHECK(nowhere.exit_code != 0);
  CHECK(Contains(nowhere.output, "no Kring database"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "none"));

  auto imported = RunKring({"import", out.string(), "--data", (dir.path() / "d2").string()});
  CHECK(imported.exit_code == 0);
  CHECK(Contains(imported.output, "created: " + std::to_string(pages) + ","));
  CHECK(Contains(imported.output, "skipped: 0, warnings: 0"));
}
