// `kring config` and the configuration layers as an operator meets them: a TOML file, KRING_*
// variables and flags, and one clear line for a mistake.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <fstream>

#include "KringProcess.h"
#include "http/TestServer.h"

using kring::testing::Contains;
using kring::testing::KringProcess;
using kring::testing::RunKring;
using kring::testing::TempDir;

namespace {

// Sets an environment variable for the processes a test starts, until the scope ends.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

}  // namespace

TEST_CASE("kring config prints where each value comes from: flag, variable, file, default") {
  TempDir dir;
  const std::string file = dir.File("kring.toml");
  std::ofstream(file) << "# Kring on the town hall server\n"
                         "data = \"/var/lib/kring\"\n"
                         "port = 9001\n"
                         "threads = 3\n";
  ScopedEnv port("KRING_PORT", "9002");
  auto r = RunKring({"config", "--config", file, "--threads", "4"});
  CHECK(r.exit_code == 0);
  CAPTURE(r.output);
  CHECK(Contains(r.output, "data = '/var/lib/kring'"));
  CHECK(Contains(r.output, "# file, line 2"));
  CHECK(Contains(r.output, "port = 9002"));
  CHECK(Contains(r.output, "# environment, KRING_PORT"));
  CHECK(Contains(r.output, "threads = 4"));
  CHECK(Contains(r.output, "# flag --threads"));
  CHECK(Contains(r.output, "max_upload_bytes = 52428800"));
  CHECK(Contains(r.output, "# default"));
}

TEST_CASE("serve takes its settings from the file named by KRING_CONFIG") {
  TempDir dir;
  const std::string file = dir.File("kring.toml");
  std::ofstream(file) << "data = \"" << (dir.path() / "data").string() << "\"\n"
                      << "port = 0\nseed_demo = false\n";
  ScopedEnv config("KRING_CONFIG", file);
  KringProcess server({"serve"});
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(nlohmann::json::parse(health->body)["pages"] == 0);  // no demo content
  CHECK(std::filesystem::exists(dir.path() / "data" / "kring.db"));
}

TEST_CASE("a mistake in the configuration is one line naming the key and where it is") {
  TempDir dir;
  const std::string file = dir.File("kring.toml");
  std::ofstream(file) << "port = 8080\nthreds = 4\n";
  auto r = RunKring({"serve", "--config", file});
  CHECK(r.exit_code == 1);
  CHECK(r.output == "kring: " + file + ":2: unknown key 'threds'\n");
  ScopedEnv port("KRING_PORT", "eighty");
  r = RunKring({"config"});
  CHECK(r.exit_code == 1);
  CHECK(r.output == "kring: KRING_PORT: expected an integer from 0 to 65535\n");
}
