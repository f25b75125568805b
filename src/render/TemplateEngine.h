// TemplateEngine: HTML from mustache templates and JSON view models.
//
// A template named "page" is the resource "templates/page.mustache" (core/Resources.h: embedded,
// or read from KRING_RESOURCES). It is loaded and parsed on first use and kept for the engine's
// lifetime, so an edited template shows after a restart, without a rebuild.
//
// Conventions for template writers:
// - {{x}} is HTML-escaped (& < > " '); {{{x}}} is inserted raw, which is only for HTML that
//   cmark made in safe mode (Page::html) or that another template rendered ("content").
// - The view is JSON: objects become mustache objects ({{page.title}} works), arrays lists,
//   strings stay strings, numbers are written as in JSON ("3", "2.5"), true and false stay
//   themselves, null is false. An empty string and an empty array are false as well, so
//   {{#date}}<time>{{date}}</time>{{/date}} shows nothing for "date": "".
// - {{> name}} includes templates/name.mustache, rendered with the same view. Partial tags must
//   use the default {{ }} delimiters, and a partial may not include itself, directly or not.
//   The engine puts each partial's text in place of its tag once, when it loads a template
//   (kainjow would parse a partial again at every inclusion), so a partial must not change
//   the delimiters either.
// - RenderPage(name, view) renders `name`, then templates/layout.mustache with the same view
//   plus "content": the first result, which the layout inserts with {{{content}}}.
// - Globals: values every render of a kind shares (the message catalogue of a language), made
//   once with MakeGlobals and looked up after the view's own names. Converting a large
//   catalogue on every request was the biggest part of rendering a page (docs/performance.md).
//
// Thread-safe: any number of threads may render at once. The cache is guarded by a mutex and
// each render works on its own copy of the parsed template, because kainjow's render() is not
// const (it records errors in the template object); copies are kept for the next render
// rather than made each time (copying the parsed layout cost as much as rendering it).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace kring {

class TemplateEngine {
 public:
  TemplateEngine();
  ~TemplateEngine();
  TemplateEngine(const TemplateEngine&) = delete;
  TemplateEngine& operator=(const TemplateEngine&) = delete;

  // Names shared by many renders, converted once (see the header comment). Immutable.
  class Globals;
  // `object` must be a JSON object (others give empty globals).
  static std::shared_ptr<const Globals> MakeGlobals(const nlohmann::json& object);

  // Renders templates/{name}.mustache with `view` (then `globals`, when given, for names the
  // view lacks). Fails with kInternal, the message naming the template, when it or a partial it
  // includes is missing, does not parse, or includes itself. Never throws.
  Result<std::string> Render(std::string_view name, const nlohmann::json& view,
                             const Globals* globals = nullptr) const;

  // Render(name, view) placed into the layout: Render("layout", view + {"content": ...}).
  // `view` must be an object or null (kInternal otherwise); its own "content" is replaced.
  Result<std::string> RenderPage(std::string_view name, const nlohmann::json& view,
                                 const Globals* globals = nullptr) const;

 private:
  struct Template;
  struct Data;  // the view converted for kainjow
  using TemplatePtr = std::shared_ptr<const Template>;

  // The parsed template with its partials in place, from the cache or loaded now. `path`: the
  // templates from the one being rendered down to `name`'s includer (to find cycles).
  Result<TemplatePtr> Load(const std::string& name, std::vector<std::string>& path) const;
  Result<std::string> RenderData(const std::string& name, const Data& view,
                                 const Globals* globals) const;

  mutable std::mutex mutex_;
  mutable std::map<std::string, TemplatePtr, std::less<>> cache_;  // GUARDED_BY(mutex_)
};

}  // namespace kring
