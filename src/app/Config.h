// Config: the configuration of a kring command, from four layers in order of precedence:
// command-line flags, then KRING_* environment variables, then an optional TOML file
// (`--config FILE` or KRING_CONFIG), then the built-in defaults of AppOptions.
//
// Every setting has one name used everywhere: the TOML key (`max_upload_bytes`), the flag
// (`--max-upload-bytes`) and the environment variable (`KRING_MAX_UPLOAD_BYTES`). A command adds
// the flags of the settings it uses (the data folder only, or everything `serve` takes) with
// AddTo and, after CLI11 has parsed, calls Resolve. Errors name the setting and where it came
// from: "kring.toml:3: port: expected an integer from 0 to 65535", "KRING_PORT: ...",
// "--port: ...", "kring.toml:5: unknown key 'prot'".
//
// Not thread-safe; used on the main thread before anything starts.
#pragma once

#include <CLI/CLI.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/Application.h"
#include "core/Result.h"

namespace kring {

// Where a setting's effective value came from.
enum class ConfigSource { kDefault, kFile, kEnvironment, kFlag };

// The options of a command once every layer is applied.
struct ResolvedConfig {
  AppOptions options;
  // The TOML file read; empty when none.
  std::string file;
  struct Origin {
    std::string key;
    ConfigSource source = ConfigSource::kDefault;
    std::string detail;  // "line 3", "KRING_PORT", "--port"; empty for defaults
  };
  // Per setting the command uses, in the order they are documented.
  std::vector<Origin> origins;

  // The effective configuration as TOML (itself a valid configuration file), each value with a
  // comment saying where it came from.
  std::string ToToml() const;
};

// Looks up an environment variable; nullopt when unset.
using EnvironmentFn = std::function<std::optional<std::string>(const std::string& name)>;
// The process environment (getenv).
std::optional<std::string> ProcessEnvironment(const std::string& name);

class Config {
 public:
  // Which settings a command takes: `--data` (and `--config`) only, or all of `serve`'s.
  enum class Scope { kDataFolder, kServer };

  // Adds `--config FILE` and the flags of `scope`'s settings to `command`. The Config must
  // outlive the parsing of `command` (the flags write into it).
  Config(CLI::App& command, Scope scope);
  Config(const Config&) = delete;
  Config& operator=(const Config&) = delete;

  // After parsing: applies defaults, then the file, the environment and the flags. Errors are
  // kInvalidInput with one line naming the setting and its source; an unreadable or
  // malformed file names the file (and its line).
  Result<ResolvedConfig> Resolve(const EnvironmentFn& environment = ProcessEnvironment) const;

 private:
  Scope scope_;
  std::string config_file_;
  // A setting's flag and what CLI11 parsed into it (a deque: CLI11 keeps pointers into it).
  struct Flag {
    std::string key;
    CLI::Option* option = nullptr;
    std::string text;                // scalars
    std::vector<std::string> texts;  // lists
    bool enabled = false;            // switches
  };
  std::deque<Flag> flags_;
};

// The data folder of commands that take no other setting (backup, restore, export, reindex,
// check, user ...): `--data` and `--config` on each added (sub)command, resolved as Config does
// (flag > KRING_DATA > the file's `data` > "data").
class DataFolderFlag {
 public:
  // Adds the flags to `command`, which must outlive this.
  void Add(CLI::App& command);
  // The data folder of the (sub)command that was parsed; "data" when none was. Errors as
  // Config::Resolve.
  Result<std::string> Resolve(const EnvironmentFn& environment = ProcessEnvironment) const;

 private:
  std::vector<std::pair<CLI::App*, std::unique_ptr<Config>>> commands_;
};

}  // namespace kring
