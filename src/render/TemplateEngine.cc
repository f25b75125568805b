#include "render/TemplateEngine.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "core/Resources.h"
#include "core/Text.h"

namespace kring {

namespace mustache = kainjow::mustache;

struct TemplateEngine::Template {
  explicit Template(std::string text) : source(std::move(text)), parsed(source) {}

  std::string source;                 // handed to kainjow again when used as a partial
  mustache::mustache parsed;          // copied per render, never rendered in place
  std::vector<std::string> partials;  // names of its {{> name}} tags
};

struct TemplateEngine::Data {
  mustache::data value;
};

class TemplateEngine::Globals {
 public:
  explicit Globals(mustache::data value) : value(std::move(value)) {}
  const mustache::data value;
};

namespace {

Error TemplateError(std::string_view name, std::string_view what) {
  return Error{ErrorCode::kInternal, "template '" + std::string(name) + "': " + std::string(what)};
}

// The names of the {{> name}} tags in `source`. kainjow trims the name the same way.
std::vector<std::string> PartialNames(std::string_view source) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = source.find("{{>", pos)) != std::string_view::npos) {
    const size_t end = source.find("}}", pos + 3);
    if (end == std::string_view::npos) break;
    std::string name = Trim(source.substr(pos + 3, end - pos - 3));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
    pos = end + 2;
  }
  return names;
}

// JSON view → mustache data, following the conventions in the header.
mustache::data ToData(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object(mustache::data::type::object);
      for (const auto& [key, value] : json.items()) object.set(key, ToData(value));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list(mustache::data::type::list);
      for (const auto& value : json) list.push_back(ToData(value));
      return list;
    }
    case nlohmann::json::value_t::string: {
      // Mustache itself treats "" as true; templates read better when it hides a section.
      const auto& text = json.get_ref<const std::string&>();
      return text.empty() ? mustache::data(false) : mustache::data(text);
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data(json.dump());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      break;
  }
  return mustache::data(false);
}

// A render context that finds partials among our templates rather than in the view (kainjow's
// default), and remembers the first partial it could not find so the render can fail.
class PartialContext final : public mustache::context<std::string> {
 public:
  using Loader = std::function<Result<std::string>(const std::string& name)>;

  // Names are looked up in `view` first, then in `globals` (may be null).
  PartialContext(const mustache::data* globals, const mustache::data* view, Loader loader)
      : loader_(std::move(loader)) {
    if (globals != nullptr) push(globals);
    push(view);
  }

  const mustache::data* get_partial(const std::string& name) const override {
    if (auto it = partials_.find(name); it != partials_.end()) return &it->second;
    Result<std::string> source = loader_(name);
    if (!source.ok()) {
      if (!error_) error_ = source.error();
      return nullptr;
    }
    return &partials_.emplace(name, mustache::data(source.value())).first->second;
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  Loader loader_;
  // Filled during the (single-threaded) render that owns this context; std::map keeps the
  // addresses handed to kainjow valid while it grows.
  mutable std::map<std::string, mustache::data> partials_;
  mutable std::optional<Error> error_;
};

}  // namespace

TemplateEngine::TemplateEngine() = default;
TemplateEngine::~TemplateEngine() = default;

Result<TemplateEngine::TemplatePtr> TemplateEngine::Load(const std::string& name) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  }
  // Loaded and parsed outside the lock; two threads racing on a first use both parse, and the
  // first to store wins. Failures are not cached: the next request reports them again.
  std::optional<std::string> source = LoadResource("templates/" + name + ".mustache");
  if (!source) return TemplateError(name, "not found (templates/" + name + ".mustache)");
  auto loaded = std::make_shared<Template>(std::move(*source));
  if (!loaded->parsed.is_valid()) return TemplateError(name, loaded->parsed.error_message());
  loaded->partials = PartialNames(loaded->source);
  std::lock_guard lock(mutex_);
  return cache_.emplace(name, std::move(loaded)).first->second;
}

Status TemplateEngine::CheckPartials(const Template& from, std::vector<std::string>& path,
                                     std::set<std::string>& checked) const {
  for (const std::string& partial : from.partials) {
    if (checked.contains(partial)) continue;
    // kainjow would recurse until the stack overflows.
    if (std::find(path.begin(), path.end(), partial) != path.end()) {
      return TemplateError(path.front(), "partial '" + partial + "' includes itself");
    }
    Result<TemplatePtr> loaded = Load(partial);
    if (!loaded.ok()) {
      return Error{ErrorCode::kInternal,
                   "template '" + path.front() + "' includes " + loaded.error().message};
    }
    path.push_back(partial);
    Status status = CheckPartials(*loaded.value(), path, checked);
    path.pop_back();
    if (!status.ok()) return status;
  }
  checked.insert(path.back());
  return Ok();
}

std::shared_ptr<const TemplateEngine::Globals> TemplateEngine::MakeGlobals(
    const nlohmann::json& object) {
  return std::make_shared<const Globals>(
      object.is_object() ? ToData(object) : mustache::data(mustache::data::type::object));
}

Result<std::string> TemplateEngine::RenderData(const std::string& key, const Data& view,
                                               const Globals* globals) const {
  Result<TemplatePtr> loaded = Load(key);
  if (!loaded.ok()) return loaded.error();
  std::vector<std::string> path{key};
  std::set<std::string> checked;
  if (Status partials = CheckPartials(*loaded.value(), path, checked); !partials.ok()) {
    return partials.error();
  }
  PartialContext context(globals != nullptr ? &globals->value : nullptr, &view.value,
                         [this](const std::string& partial) -> Result<std::string> {
                           Result<TemplatePtr> found = Load(partial);
                           if (!found.ok()) return found.error();
                           return found.value()->source;
                         });
  mustache::mustache copy = loaded.value()->parsed;
  std::string html = copy.render(context);
  if (context.error()) return TemplateError(key, context.error()->message);
  if (!copy.is_valid()) return TemplateError(key, copy.error_message());
  return html;
}

Result<std::string> TemplateEngine::Render(std::string_view name, const nlohmann::json& view,
                                           const Globals* globals) const {
  const std::string key(name);
  try {
    return RenderData(key, Data{ToData(view)}, globals);
  } catch (const std::exception& e) {
    // kainjow and nlohmann report misuse by throwing; a page must get an error, not a crash.
    return TemplateError(key, e.what());
  }
}

Result<std::string> TemplateEngine::RenderPage(std::string_view name, const nlohmann::json& view,
                                               const Globals* globals) const {
  if (!view.is_object() && !view.is_null()) {
    return TemplateError(name, "the view must be a JSON object");
  }
  const std::string key(name);
  try {
    // Converted once for both renders; the layout gets the content added.
    Data data{view.is_null() ? mustache::data(mustache::data::type::object) : ToData(view)};
    Result<std::string> content = RenderData(key, data, globals);
    if (!content.ok()) return content;
    data.value.set("content", mustache::data(std::move(content).value()));
    return RenderData("layout", data, globals);
  } catch (const std::exception& e) {
    return TemplateError(key, e.what());
  }
}

}  // namespace kring
