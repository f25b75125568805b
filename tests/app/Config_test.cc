// Configuration: flags over KRING_* variables over the TOML file over the defaults, and errors
// that name the setting and where it came from.
#include "app/Config.h"

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <fstream>
#include <map>

#include "TempDir.h"

using kring::Config;
using kring::ConfigSource;
using kring::ResolvedConfig;
using kring::testing::TempDir;

namespace {

// Parses `args` for a `serve`-like command and resolves them against `env`.
kring::Result<ResolvedConfig> Resolve(std::vector<std::string> args,
                                      std::map<std::string, std::string> env = {},
                                      Config::Scope scope = Config::Scope::kServer) {
  CLI::App app{"test"};
  Config config(app, scope);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  app.parse(args);
  return config.Resolve([&](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

std::string WriteFile(const TempDir& dir, const std::string& text) {
  const std::string path = dir.File("kring.toml");
  std::ofstream(path) << text;
  return path;
}

ConfigSource SourceOf(const ResolvedConfig& config, const std::string& key) {
  for (const auto& origin : config.origins) {
    if (origin.key == key) return origin.source;
  }
  FAIL("no origin for " << key);
  return ConfigSource::kDefault;
}

}  // namespace

TEST_CASE("without flags, variables or file every setting has its default") {
  auto config = Resolve({});
  REQUIRE(config.ok());
  const kring::AppOptions defaults;
  CHECK(config->options.port == defaults.port);
  CHECK(config->options.data_dir == defaults.data_dir);
  CHECK(config->options.seed_demo);
  CHECK_FALSE(config->options.access_log);
  CHECK(SourceOf(config.value(), "port") == ConfigSource::kDefault);
}

TEST_CASE("a flag beats a variable, which beats the file, which beats the default") {
  TempDir dir;
  const std::string file = WriteFile(dir,
                                     "port = 9001\n"
                                     "bind = \"0.0.0.0\"\n"
                                     "threads = 3\n"
                                     "trust_proxy = [\"127.0.0.1\", \"::1\"]\n"
                                     "seed_demo = false\n");
  auto config = Resolve({"--config", file, "--port", "9003"},
                        {{"KRING_PORT", "9002"}, {"KRING_THREADS", "5"}, {"KRING_BIND", "::"}});
  REQUIRE(config.ok());
  CHECK(config->options.port == 9003);
  CHECK(SourceOf(config.value(), "port") == ConfigSource::kFlag);
  CHECK(config->options.threads == 5);
  CHECK(SourceOf(config.value(), "threads") == ConfigSource::kEnvironment);
  CHECK(config->options.bind == "::");
  CHECK(config->options.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK(SourceOf(config.value(), "trust_proxy") == ConfigSource::kFile);
  CHECK_FALSE(config->options.seed_demo);
  CHECK(config->options.worker_threads == kring::AppOptions{}.worker_threads);
  CHECK(SourceOf(config.value(), "workers") == ConfigSource::kDefault);
}

TEST_CASE("KRING_CONFIG names the file when --config does not") {
  TempDir dir;
  const std::string file = WriteFile(dir, "data = \"/srv/kring\"\n");
  auto config = Resolve({}, {{"KRING_CONFIG", file}}, Config::Scope::kDataFolder);
  REQUIRE(config.ok());
  CHECK(config->options.data_dir == "/srv/kring");
  CHECK(config->file == file);
  // A data-folder command ignores the server's keys in a shared file, but still rejects typos.
  const std::string shared = WriteFile(dir, "data = \"/srv/kring\"\nport = 80\n");
  CHECK(Resolve({"--config", shared}, {}, Config::Scope::kDataFolder).ok());
}

TEST_CASE("lists and switches from variables and flags") {
  auto config = Resolve({"--access-log", "--no-seed", "--trust-proxy", "10.0.0.1,10.0.0.2"},
                        {{"KRING_PUBLIC_URL", "https://kring.example.be"}});
  REQUIRE(config.ok());
  CHECK(config->options.access_log);
  CHECK_FALSE(config->options.seed_demo);
  CHECK(config->options.trusted_proxies == std::vector<std::string>{"10.0.0.1", "10.0.0.2"});
  CHECK(config->options.public_url == "https://kring.example.be");
  auto env = Resolve({}, {{"KRING_TRUST_PROXY", "127.0.0.1, ::1"}, {"KRING_ACCESS_LOG", "yes"}});
  REQUIRE(env.ok());
  CHECK(env->options.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK(env->options.access_log);
}

TEST_CASE("bad values are errors naming the setting and where it came from") {
  TempDir dir;
  struct Case {
    std::string file;
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"# comment\nprot = 80\n", {}, {}, "kring.toml:2: unknown key 'prot'"},
      {"port = \"8080\"\n", {}, {}, "kring.toml:1: port: expected an integer from 0 to 65535"},
      {"\nport = 70000\n", {}, {}, "kring.toml:2: port: expected an integer from 0 to 65535"},
      {"trust_proxy = \"127.0.0.1\"\n", {}, {}, "trust_proxy: expected a list of strings"},
      {"seed_demo = \"no\"\n", {}, {}, "kring.toml:1: seed_demo: expected true or false"},
      {"public_url = \"kring.example.be\"\n", {}, {}, "public_url: must start with http://"},
      {"port = [\n", {}, {}, "kring.toml:"},
      {"", {}, {{"KRING_PORT", "http"}}, "KRING_PORT: expected an integer from 0 to 65535"},
      {"", {}, {{"KRING_THREADS", "0"}}, "KRING_THREADS: expected an integer from 1 to 64"},
      {"", {}, {{"KRING_ACCESS_LOG", "maybe"}}, "KRING_ACCESS_LOG: expected true or false"},
      {"", {"--port", "-1"}, {}, "--port: expected an integer from 0 to 65535"},
      {"", {"--max-upload-bytes", "12k"}, {}, "--max-upload-bytes: expected an integer"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expected);
    std::vector<std::string> args = c.args;
    if (!c.file.empty()) {
      args.push_back("--config");
      args.push_back(WriteFile(dir, c.file));
    }
    auto config = Resolve(args, c.env);
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("the printed configuration is TOML that reads back to the same settings") {
  TempDir dir;
  const std::string file = WriteFile(dir, "port = 9001\ntrust_proxy = [\"127.0.0.1\"]\n");
  auto config = Resolve({"--config", file, "--bind", "0.0.0.0", "--public-url",
                         "https://kring.example.be/\"quoted\""},
                        {{"KRING_THREADS", "4"}});
  REQUIRE(config.ok());
  const std::string text = config->ToToml();
  CHECK(text.find("# flag --bind") != std::string::npos);
  CHECK(text.find("# environment, KRING_THREADS") != std::string::npos);
  CHECK(text.find("# file, line 1") != std::string::npos);
  CHECK(text.find("# default") != std::string::npos);

  // Fed back as a configuration file, it gives the same options.
  std::ofstream(dir.File("printed.toml")) << text;
  auto again = Resolve({"--config", dir.File("printed.toml")});
  REQUIRE(again.ok());
  CHECK(again->options.port == 9001);
  CHECK(again->options.bind == "0.0.0.0");
  CHECK(again->options.threads == 4);
  CHECK(again->options.public_url == "https://kring.example.be/\"quoted\"");
  CHECK(again->options.trusted_proxies == std::vector<std::string>{"127.0.0.1"});
  CHECK(toml::parse(text)["max_upload_bytes"].value<int64_t>() ==
        static_cast<int64_t>(kring::AppOptions{}.file_limits.max_file_bytes));
}

TEST_CASE("the data folder of a subcommand comes from its flag, KRING_DATA or the file") {
  TempDir dir;
  const std::string file = WriteFile(dir, "data = \"/srv/kring-file\"\n");
  auto data_of = [&](std::vector<std::string> args, std::map<std::string, std::string> env) {
    CLI::App app{"test"};
    CLI::App* backup = app.add_subcommand("backup");
    CLI::App* check = app.add_subcommand("check");
    kring::DataFolderFlag data;
    data.Add(*backup);
    data.Add(*check);
    std::reverse(args.begin(), args.end());
    app.parse(args);
    return data.Resolve([&](const std::string& name) -> std::optional<std::string> {
      auto it = env.find(name);
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
  };
  CHECK(data_of({"check"}, {}).value() == "data");
  CHECK(data_of({"check", "--config", file}, {}).value() == "/srv/kring-file");
  CHECK(data_of({"check", "--config", file}, {{"KRING_DATA", "/srv/env"}}).value() == "/srv/env");
  CHECK(data_of({"backup", "--data", "/srv/flag"}, {{"KRING_DATA", "/srv/env"}}).value() ==
        "/srv/flag");
  auto bad = data_of({"check"}, {{"KRING_CONFIG", dir.File("missing.toml")}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("missing.toml") != std::string::npos);
}
