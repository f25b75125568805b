#include "app/Config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <sstream>
#include <variant>

namespace kring {
namespace {

using Value = std::variant<std::string, int64_t, bool, std::vector<std::string>>;
enum class Kind { kString, kInteger, kBool, kList };

// One configurable setting: its key (TOML; the flag and environment names derive from it), its
// type and bounds, and how it reads and writes AppOptions.
struct Setting {
  const char* key;
  Kind kind;
  Config::Scope scope;  // kDataFolder: every command; kServer: serve (and config) only
  const char* help;
  int64_t min = 0;
  int64_t max = 0;
  // For booleans, the switch that sets the value opposite to the default ("--no-seed").
  const char* switch_flag = nullptr;
  // A further check of a string; answers the problem, "" when fine.
  std::string (*check)(const std::string&) = nullptr;
  Value (*get)(const AppOptions&) = nullptr;
  void (*set)(AppOptions&, const Value&) = nullptr;
};

std::string CheckUrl(const std::string& url) {
  return url.empty() || url.starts_with("http://") || url.starts_with("https://")
             ? ""
             : "must start with http:// or https://";
}

std::string CheckNotEmpty(const std::string& text) {
  return text.empty() ? "must not be empty" : "";
}

template <typename T>
Value Int(T v) {
  return static_cast<int64_t>(v);
}
int64_t AsInt(const Value& v) { return std::get<int64_t>(v); }
const std::string& AsString(const Value& v) { return std::get<std::string>(v); }

// Every setting, in the order `kring config` prints them.
const std::vector<Setting>& Settings() {
  using S = Config::Scope;
  static const std::vector<Setting> kSettings = {
      {"data", Kind::kString, S::kDataFolder, "Data folder (database, files and index)", 0, 0,
       nullptr, CheckNotEmpty, [](const AppOptions& o) -> Value { return o.data_dir.string(); },
       [](AppOptions& o, const Value& v) { o.data_dir = AsString(v); }},
      {"bind", Kind::kString, S::kServer, "Address to listen on", 0, 0, nullptr, CheckNotEmpty,
       [](const AppOptions& o) -> Value { return o.bind; },
       [](AppOptions& o, const Value& v) { o.bind = AsString(v); }},
      {"port", Kind::kInteger, S::kServer, "Port (0: any free port)", 0, 65535, nullptr, nullptr,
       [](const AppOptions& o) { return Int(o.port); },
       [](AppOptions& o, const Value& v) { o.port = static_cast<uint16_t>(AsInt(v)); }},
      {"threads", Kind::kInteger, S::kServer, "HTTP I/O threads (each serves many connections)", 1,
       64, nullptr, nullptr, [](const AppOptions& o) { return Int(o.threads); },
       [](AppOptions& o, const Value& v) { o.threads = static_cast<int>(AsInt(v)); }},
      {"workers", Kind::kInteger, S::kServer,
       "Threads for slow requests (password hashing, uploads)", 1, 64, nullptr, nullptr,
       [](const AppOptions& o) { return Int(o.worker_threads); },
       [](AppOptions& o, const Value& v) { o.worker_threads = static_cast<int>(AsInt(v)); }},
      {"max_page_bytes", Kind::kInteger, S::kServer, "Largest page source accepted", 1024,
       16 * 1024 * 1024, nullptr, nullptr,
       [](const AppOptions& o) { return Int(o.limits.max_body_bytes); },
       [](AppOptions& o, const Value& v) { o.limits.max_body_bytes = AsInt(v); }},
      {"max_upload_bytes", Kind::kInteger, S::kServer, "Largest file accepted in an upload", 1024,
       1024 * 1024 * 1024, nullptr, nullptr,
       [](const AppOptions& o) { return Int(o.file_limits.max_file_bytes); },
       [](AppOptions& o, const Value& v) { o.file_limits.max_file_bytes = AsInt(v); }},
      {"search_cache", Kind::kInteger, S::kServer,
       "Distinct searches whose results are kept until the index changes (0: none)", 0, 100000,
       nullptr, nullptr, [](const AppOptions& o) { return Int(o.cached_searches); },
       [](AppOptions& o, const Value& v) { o.cached_searches = AsInt(v); }},
      {"response_cache_mb", Kind::kInteger, S::kServer,
       "MiB of public pages kept for readers who are not signed in, until something is saved "
       "(0: none)",
       0, 64 * 1024, nullptr, nullptr,
       [](const AppOptions& o) { return Int(o.response_cache_bytes >> 20); },
       [](AppOptions& o, const Value& v) { o.response_cache_bytes = AsInt(v) << 20; }},
      {"trust_proxy", Kind::kList, S::kServer,
       "Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed "
       "(repeatable; e.g. 127.0.0.1 behind a local nginx)",
       0, 0, nullptr, CheckNotEmpty, [](const AppOptions& o) -> Value { return o.trusted_proxies; },
       [](AppOptions& o, const Value& v) {
         o.trusted_proxies = std::get<std::vector<std::string>>(v);
       }},
      {"public_url", Kind::kString, S::kServer,
       "Public base URL for absolute links in feeds (default: the Host header)", 0, 0, nullptr,
       CheckUrl, [](const AppOptions& o) -> Value { return o.public_url; },
       [](AppOptions& o, const Value& v) { o.public_url = AsString(v); }},
      {"seed_demo", Kind::kBool, S::kServer, "Do not seed demo content into an empty data folder",
       0, 0, "--no-seed", nullptr, [](const AppOptions& o) -> Value { return o.seed_demo; },
       [](AppOptions& o, const Value& v) { o.seed_demo = std::get<bool>(v); }},
      {"min_free_disk_mb", Kind::kInteger, S::kServer,
       "Free MiB on the data folder's disk below which /healthz answers 503", 0, 1024 * 1024,
       nullptr, nullptr, [](const AppOptions& o) { return Int(o.min_free_disk_bytes >> 20); },
       [](AppOptions& o, const Value& v) { o.min_free_disk_bytes = AsInt(v) << 20; }},
      {"access_log", Kind::kBool, S::kServer,
       "Log one line per request (method, route, status, bytes, duration, request id)", 0, 0,
       "--access-log", nullptr, [](const AppOptions& o) -> Value { return o.access_log; },
       [](AppOptions& o, const Value& v) { o.access_log = std::get<bool>(v); }},
  };
  return kSettings;
}

bool InScope(const Setting& setting, Config::Scope scope) {
  return setting.scope == Config::Scope::kDataFolder || scope == Config::Scope::kServer;
}

std::string FlagName(const Setting& setting) {
  std::string name = "--";
  for (const char* c = setting.key; *c; ++c) name += *c == '_' ? '-' : *c;
  return name;
}

std::string EnvName(const Setting& setting) {
  std::string name = "KRING_";
  for (const char* c = setting.key; *c; ++c) {
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
  }
  return name;
}

std::string Describe(const Setting& s) {
  switch (s.kind) {
    case Kind::kString:
      return "a string";
    case Kind::kInteger:
      return "an integer from " + std::to_string(s.min) + " to " + std::to_string(s.max);
    case Kind::kBool:
      return "true or false";
    case Kind::kList:
      return "a list of strings";
  }
  return "";
}

// Checks bounds and the setting's own rule: the problem, "" when fine.
std::string Validate(const Setting& s, const Value& value) {
  if (s.kind == Kind::kInteger) {
    const int64_t n = AsInt(value);
    return n < s.min || n > s.max ? "expected " + Describe(s) : "";
  }
  if (!s.check) return "";
  if (s.kind == Kind::kString) return s.check(AsString(value));
  if (s.kind == Kind::kList) {
    for (const std::string& item : std::get<std::vector<std::string>>(value)) {
      if (std::string problem = s.check(item); !problem.empty()) return problem;
    }
  }
  return "";
}

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  return std::string(text.substr(begin, text.find_last_not_of(" \t") - begin + 1));
}

// Reads a value written as text (a flag or an environment variable); nullopt when it does not
// have the setting's type.
std::optional<Value> FromText(const Setting& s, const std::string& text) {
  switch (s.kind) {
    case Kind::kString:
      return text;
    case Kind::kInteger: {
      int64_t n = 0;
      const std::string trimmed = Trim(text);
      const char* end = trimmed.data() + trimmed.size();
      auto [ptr, ec] = std::from_chars(trimmed.data(), end, n);
      if (trimmed.empty() || ec != std::errc() || ptr != end) return std::nullopt;
      return n;
    }
    case Kind::kBool: {
      const std::string t = Trim(text);
      if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
      if (t == "false" || t == "0" || t == "no" || t == "off") return false;
      return std::nullopt;
    }
    case Kind::kList: {
      std::vector<std::string> items;
      std::stringstream in(text);
      for (std::string item; std::getline(in, item, ',');) {
        if (std::string trimmed = Trim(item); !trimmed.empty()) items.push_back(trimmed);
      }
      return items;
    }
  }
  return std::nullopt;
}

// Reads a value from the TOML file; nullopt when the node has another type.
std::optional<Value> FromToml(const Setting& s, const toml::node& node) {
  switch (s.kind) {
    case Kind::kString:
      if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
      return std::nullopt;
    case Kind::kInteger:
      if (node.is_integer()) return *node.value<int64_t>();
      return std::nullopt;
    case Kind::kBool:
      if (node.is_boolean()) return *node.value<bool>();
      return std::nullopt;
    case Kind::kList: {
      const toml::array* array = node.as_array();
      if (!array) return std::nullopt;
      std::vector<std::string> items;
      for (const toml::node& item : *array) {
        if (!item.is_string()) return std::nullopt;
        items.push_back(*item.value<std::string>());
      }
      return items;
    }
  }
  return std::nullopt;
}

Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

// Formats `value` as the TOML line `key = value`.
std::string TomlLine(const std::string& key, const Value& value) {
  toml::table table;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          toml::array array;
          for (const std::string& item : v) array.push_back(item);
          table.insert(key, std::move(array));
        } else {
          table.insert(key, v);
        }
      },
      value);
  std::ostringstream out;
  out << table;
  return out.str();
}

const Setting* FindSetting(std::string_view key) {
  for (const Setting& s : Settings()) {
    if (key == s.key) return &s;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> ProcessEnvironment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

Config::Config(CLI::App& command, Scope scope) : scope_(scope) {
  command
      .add_option("--config", config_file_,
                  "TOML configuration file (KRING_CONFIG); flags and KRING_* variables override "
                  "its values")
      ->check(CLI::ExistingFile);
  for (const Setting& s : Settings()) {
    if (!InScope(s, scope)) continue;
    Flag& flag = flags_.emplace_back();
    flag.key = s.key;
    if (s.kind == Kind::kBool) {
      flag.option = command.add_flag(s.switch_flag, flag.enabled, s.help);
    } else if (s.kind == Kind::kList) {
      flag.option = command.add_option(FlagName(s), flag.texts, s.help)
                        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                        ->delimiter(',')
                        ->type_name("TEXT");
    } else {
      // The last of a repeated flag wins, so that scripts/run's defaults can be overridden by
      // the arguments passed to it (scripts/run --port 9000).
      flag.option = command.add_option(FlagName(s), flag.text, s.help)
                        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
                        ->type_name(s.kind == Kind::kInteger ? "INT" : "TEXT");
      // The default as help text: the value AppOptions starts with.
      std::ostringstream shown;
      std::visit(
          [&](const auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) shown << v;
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, int64_t>) shown << v;
          },
          s.get(AppOptions{}));
      flag.option->default_str(shown.str());
    }
  }
}

Result<ResolvedConfig> Config::Resolve(const EnvironmentFn& environment) const {
  ResolvedConfig config;
  config.file = config_file_;
  if (config.file.empty()) config.file = environment("KRING_CONFIG").value_or("");

  toml::table file;
  if (!config.file.empty()) {
    try {
      file = toml::parse_file(config.file);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      if (where.line == 0) {
        return Invalid("config file " + config.file + ": " + std::string(e.description()));
      }
      return Invalid(config.file + ":" + std::to_string(where.line) + ": " +
                     std::string(e.description()));
    }
    for (const auto& [key, node] : file) {
      if (!FindSetting(key.str())) {
        return Invalid(config.file + ":" + std::to_string(node.source().begin.line) +
                       ": unknown key '" + std::string(key.str()) + "'");
      }
    }
  }

  for (const Setting& s : Settings()) {
    if (!InScope(s, scope_)) continue;
    ResolvedConfig::Origin origin{s.key, ConfigSource::kDefault, ""};
    std::optional<Value> value;
    std::string where;  // for errors
    const Flag* flag = nullptr;
    for (const Flag& f : flags_) {
      if (f.key == s.key && f.option->count() > 0) flag = &f;
    }
    const std::optional<std::string> env = environment(EnvName(s));
    if (flag) {
      origin = {s.key, ConfigSource::kFlag, s.kind == Kind::kBool ? s.switch_flag : FlagName(s)};
      where = origin.detail;
      if (s.kind == Kind::kBool) {
        value = !std::get<bool>(s.get(AppOptions{}));
      } else if (s.kind == Kind::kList) {
        value = flag->texts;
      } else {
        value = FromText(s, flag->text);
      }
    } else if (env) {
      origin = {s.key, ConfigSource::kEnvironment, EnvName(s)};
      where = origin.detail;
      value = FromText(s, *env);
    } else if (const toml::node* node = file.get(s.key)) {
      const auto line = std::to_string(node->source().begin.line);
      origin = {s.key, ConfigSource::kFile, "line " + line};
      where = config.file + ":" + line + ": " + s.key;
      value = FromToml(s, *node);
    } else {
      config.origins.push_back(origin);
      continue;
    }
    if (!value) return Invalid(where + ": expected " + Describe(s));
    if (std::string problem = Validate(s, *value); !problem.empty()) {
      return Invalid(where + ": " + problem);
    }
    s.set(config.options, *value);
    config.origins.push_back(origin);
  }
  return config;
}

std::string ResolvedConfig::ToToml() const {
  std::ostringstream out;
  out << "# The effective configuration: flags, then KRING_* environment variables, then the\n"
         "# configuration file, then the defaults.\n";
  out << "# file: " << (file.empty() ? "(none)" : file) << "\n";
  for (const Origin& origin : origins) {
    const Setting* s = FindSetting(origin.key);
    std::string line = TomlLine(origin.key, s->get(options));
    while (!line.empty() && line.back() == '\n') line.pop_back();
    const size_t width = line.size() < 40 ? 40 - line.size() : 1;
    out << line << std::string(width, ' ') << "# ";
    switch (origin.source) {
      case ConfigSource::kDefault:
        out << "default";
        break;
      case ConfigSource::kFile:
        out << "file, " << origin.detail;
        break;
      case ConfigSource::kEnvironment:
        out << "environment, " << origin.detail;
        break;
      case ConfigSource::kFlag:
        out << "flag " << origin.detail;
        break;
    }
    out << "\n";
  }
  return out.str();
}

void DataFolderFlag::Add(CLI::App& command) {
  commands_.emplace_back(&command, std::make_unique<Config>(command, Config::Scope::kDataFolder));
}

Result<std::string> DataFolderFlag::Resolve(const EnvironmentFn& environment) const {
  for (const auto& [command, config] : commands_) {
    if (!command->parsed()) continue;
    Result<ResolvedConfig> resolved = config->Resolve(environment);
    if (!resolved.ok()) return resolved.error();
    return resolved->options.data_dir.string();
  }
  return std::string("data");
}

}  // namespace kring
