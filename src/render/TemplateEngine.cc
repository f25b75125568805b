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
  explicit Template(std::string text) : expanded(std::move(text)), parsed(expanded) {}

  // The source with every {{> name}} replaced by that partial's expanded source.
  std::string expanded;
  mustache::mustache parsed;  // of `expanded`; copied for rendering, never rendered in place

  // Copies of `parsed` that no render is using.
  mutable std::mutex idle_mutex;
  mutable std::vector<std::unique_ptr<mustache::mustache>> idle;  // GUARDED_BY(idle_mutex)
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

// A {{> name}} tag in a template's source: where it is and the partial it names.
struct PartialTag {
  size_t begin = 0;
  size_t end = 0;  // just past its "}}"
  std::string name;
};

// The {{> name}} tags of `source`, in order. kainjow trims the name the same way.
std::vector<PartialTag> PartialTags(std::string_view source) {
  std::vector<PartialTag> tags;
  size_t pos = 0;
  while ((pos = source.find("{{>", pos)) != std::string_view::npos) {
    const size_t end = source.find("}}", pos + 3);
    if (end == std::string_view::npos) break;
    tags.push_back(PartialTag{pos, end + 2, Trim(source.substr(pos + 3, end - pos - 3))});
    pos = end + 2;
  }
  return tags;
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

// The names a render looks up: the view, then the globals. kainjow's own context splits a
// dotted name ("t.search", most of the names in our templates) with a stringstream on every
// lookup, which cost an eighth of a page view; this one walks the name in place. There are no
// partial tags left to look up (Load put them in place).
class ViewContext final : public mustache::basic_context<std::string> {
 public:
  ViewContext(const mustache::data* globals, const mustache::data* view) {
    if (globals != nullptr) push(globals);
    push(view);
  }

  void push(const mustache::data* data) override { items_.insert(items_.begin(), data); }
  void pop() override { items_.erase(items_.begin()); }

  const mustache::data* get(const std::string& name) const override {
    if (name == ".") return items_.front();
    if (name.find('.') == std::string::npos) {
      for (const mustache::data* item : items_) {
        if (const mustache::data* found = item->get(name)) return found;
      }
      return nullptr;
    }
    for (const mustache::data* item : items_) {
      if (const mustache::data* found = Walk(item, name)) return found;
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string&) const override { return nullptr; }

 private:
  // `data`'s member named by each part of a dotted name in turn; null when one is missing.
  static const mustache::data* Walk(const mustache::data* data, const std::string& name) {
    std::string part;
    size_t start = 0;
    while (data != nullptr && start < name.size()) {
      size_t dot = name.find('.', start);
      if (dot == std::string::npos) dot = name.size();
      part.assign(name, start, dot - start);
      data = data->get(part);
      start = dot + 1;
    }
    return data;
  }

  std::vector<const mustache::data*> items_;  // innermost first
};

// Where kainjow writes what it renders: a string, rather than its default ostringstream.
struct HtmlSink {
  std::string text;
  HtmlSink() { text.reserve(16 * 1024); }
  HtmlSink& operator<<(const std::string& piece) {
    text += piece;
    return *this;
  }
};

}  // namespace

TemplateEngine::TemplateEngine() = default;
TemplateEngine::~TemplateEngine() = default;

Result<TemplateEngine::TemplatePtr> TemplateEngine::Load(const std::string& name,
                                                         std::vector<std::string>& path) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  }
  // Loaded and parsed outside the lock; two threads racing on a first use both parse, and the
  // first to store wins. Failures are not cached: the next request reports them again.
  std::optional<std::string> source = LoadResource("templates/" + name + ".mustache");
  if (!source) return TemplateError(name, "not found (templates/" + name + ".mustache)");
  // Parsed alone first, so that an error names the template that has it.
  if (mustache::mustache alone(*source); !alone.is_valid()) {
    return TemplateError(name, alone.error_message());
  }
  std::string expanded;
  size_t copied = 0;
  for (const PartialTag& tag : PartialTags(*source)) {
    // kainjow would recurse until the stack overflows.
    if (tag.name == name || std::find(path.begin(), path.end(), tag.name) != path.end()) {
      return TemplateError(path.empty() ? name : path.front(),
                           "partial '" + tag.name + "' includes itself");
    }
    path.push_back(name);
    Result<TemplatePtr> partial = Load(tag.name, path);
    path.pop_back();
    if (!partial.ok()) {
      return Error{ErrorCode::kInternal,
                   "template '" + name + "' includes " + partial.error().message};
    }
    expanded.append(*source, copied, tag.begin - copied);
    expanded += partial.value()->expanded;
    copied = tag.end;
  }
  expanded.append(*source, copied);
  auto loaded = std::make_shared<Template>(std::move(expanded));
  if (!loaded->parsed.is_valid()) return TemplateError(name, loaded->parsed.error_message());
  std::lock_guard lock(mutex_);
  return cache_.emplace(name, std::move(loaded)).first->second;
}

std::shared_ptr<const TemplateEngine::Globals> TemplateEngine::MakeGlobals(
    const nlohmann::json& object) {
  return std::make_shared<const Globals>(
      object.is_object() ? ToData(object) : mustache::data(mustache::data::type::object));
}

Result<std::string> TemplateEngine::RenderData(const std::string& key, const Data& view,
                                               const Globals* globals) const {
  std::vector<std::string> path;
  Result<TemplatePtr> loaded = Load(key, path);
  if (!loaded.ok()) return loaded.error();
  const Template& found = *loaded.value();
  std::unique_ptr<mustache::mustache> instance;
  {
    std::lock_guard lock(found.idle_mutex);
    if (!found.idle.empty()) {
      instance = std::move(found.idle.back());
      found.idle.pop_back();
    }
  }
  if (!instance) instance = std::make_unique<mustache::mustache>(found.parsed);
  ViewContext context(globals != nullptr ? &globals->value : nullptr, &view.value);
  HtmlSink html;
  instance->render(context, html);
  // An instance that recorded an error stays invalid: it is dropped, not kept.
  if (!instance->is_valid()) return TemplateError(key, instance->error_message());
  std::lock_guard lock(found.idle_mutex);
  found.idle.push_back(std::move(instance));
  return std::move(html.text);
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
