#include "http/SynonymsHandler.h"

#include <nlohmann/json.hpp>
#include <string>

#include "http/AuthGate.h"

namespace kring::http {
namespace {

constexpr std::string_view kBuiltin = "builtin";

nlohmann::json VersionJson(const SynonymsVersion& version) {
  return {{"id", version.id}, {"author", version.author}, {"created_at", version.created_at}};
}

// A positive version number; nullopt for anything else.
std::optional<int64_t> ParseVersion(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int64_t id = std::stoll(text);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

// Line `number` (1-based) of `text`, without its line end; empty past the end.
std::string LineOf(const std::string& text, int number) {
  size_t start = 0;
  for (int line = 1; line < number; ++line) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  std::string line = text.substr(start, text.find('\n', start) - start);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int StatusOf(const SynonymsProblem& problem) {
  return problem.kind == SynonymsProblem::Kind::kTooLarge ? 413 : 400;
}

}  // namespace

Response SynonymsHandler::Form(const Request& request) {
  Result<SynonymService::Table> current = synonyms_.Current();
  if (!current.ok()) return views_.FromError(request, current.error());
  std::string text = current->text;
  nlohmann::json extra = nlohmann::json::object();
  const std::string wanted = request.Query("version");
  if (wanted == kBuiltin) {
    text = synonyms_.EmbeddedText();
    extra["loaded_builtin"] = true;
  } else if (!wanted.empty()) {
    std::optional<int64_t> id = ParseVersion(wanted);
    if (!id) return views_.ErrorPage(request, 400, views_.Message(request, "synonyms_bad_version"));
    Result<SynonymsVersion> version = synonyms_.Version(*id);
    if (!version.ok()) return views_.FromError(request, version.error());
    text = version->text;
    extra["loaded"] = {{"id", version->id},
                       {"author", version->author},
                       {"created_at", version->created_at},
                       {"created_at_shown", views_.ReadableTime(request, version->created_at)}};
  }
  if (std::optional<int64_t> saved = ParseVersion(request.Query("saved"))) {
    extra["saved"] = {{"id", *saved}};
  }
  return FormPage(request, text, std::nullopt, 200, std::move(extra));
}

Response SynonymsHandler::Save(const Request& request) {
  std::optional<std::map<std::string, std::string>> form = request.Form();
  if (!form || !form->contains("synonyms")) {
    return views_.ErrorPage(request, 400, views_.Message(request, "synonyms_bad_form"));
  }
  const std::string& text = form->at("synonyms");
  if (std::optional<SynonymsProblem> problem = synonyms_.Check(text)) {
    return FormPage(request, text, problem, StatusOf(*problem), nlohmann::json::object());
  }
  Result<SynonymsVersion> saved = synonyms_.Save(text, AuthorName(request));
  if (!saved.ok()) return views_.FromError(request, saved.error());
  accounts_.Audit(request.viewer.name, "synonyms", "", "version " + std::to_string(saved->id),
                  request.remote_address);
  return Response::Redirect("/admin/synonyms?saved=" + std::to_string(saved->id));
}

Response SynonymsHandler::FormPage(const Request& request, const std::string& text,
                                   const std::optional<SynonymsProblem>& problem, int status,
                                   nlohmann::json extra) {
  Result<SynonymService::Table> current = synonyms_.Current();
  if (!current.ok()) return views_.FromError(request, current.error());
  Result<std::vector<SynonymsVersion>> history = synonyms_.History();
  if (!history.ok()) return views_.FromError(request, history.error());
  const int64_t current_id = current->version ? current->version->id : 0;
  nlohmann::json changes = nlohmann::json::array();
  for (const SynonymsVersion& version : history.value()) {
    nlohmann::json change = VersionJson(version);
    change["created_at_shown"] = views_.ReadableTime(request, version.created_at);
    change["current"] = version.id == current_id;
    changes.push_back(std::move(change));
  }
  nlohmann::json view = {{"title", views_.Message(request, "synonyms_title")},
                         {"text", text},
                         {"edited", current->version.has_value()},
                         {"history", changes},
                         {"has_history", !changes.empty()},
                         {"max_kib", SynonymService::kMaxBytes / 1024}};
  if (current->version) {
    view["current"] = {
        {"author", current->version->author},
        {"created_at_shown", views_.ReadableTime(request, current->version->created_at)}};
  }
  if (problem) {
    nlohmann::json error = {
        {"message",
         views_.Message(request, "synonyms_problem_" + std::string(ProblemName(problem->kind)))}};
    if (problem->line > 0) {
      error["line"] = problem->line;
      error["line_text"] = LineOf(text, problem->line);
    }
    view["error"] = std::move(error);
  }
  view.update(extra);
  return views_.Page(request, "synonyms", std::move(view), status);
}

Response SynonymsHandler::ApiGet(const Request& request) {
  return TableJson(request, request.Query("version"));
}

Response SynonymsHandler::TableJson(const Request& request, const std::string& wanted) {
  Result<SynonymService::Table> current = synonyms_.Current();
  if (!current.ok()) return views_.FromError(request, current.error());
  Result<std::vector<SynonymsVersion>> history = synonyms_.History();
  if (!history.ok()) return views_.FromError(request, history.error());
  nlohmann::json out = {{"text", current->text},
                        {"edited", current->version.has_value()},
                        {"version", nullptr},
                        {"history", nlohmann::json::array()},
                        {"max_bytes", SynonymService::kMaxBytes}};
  if (current->version) out["version"] = VersionJson(*current->version);
  for (const SynonymsVersion& version : history.value()) {
    out["history"].push_back(VersionJson(version));
  }
  if (wanted == kBuiltin) {
    out["text"] = synonyms_.EmbeddedText();
  } else if (!wanted.empty()) {
    std::optional<int64_t> id = ParseVersion(wanted);
    if (!id) return views_.ErrorPage(request, 400, "version must be a number or \"builtin\".");
    Result<SynonymsVersion> version = synonyms_.Version(*id);
    if (!version.ok()) return views_.FromError(request, version.error());
    out["text"] = version->text;
  }
  Response response = Response::Json(200, out.dump());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response SynonymsHandler::ApiPut(const Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("text") ||
      !body["text"].is_string()) {
    return views_.ErrorPage(request, 400,
                            "The body must be a JSON object with a string \"text\" (UTF-8).");
  }
  const std::string text = body["text"].get<std::string>();
  if (std::optional<SynonymsProblem> problem = synonyms_.Check(text)) {
    nlohmann::json error = {
        {"error",
         views_.Message(request, "synonyms_problem_" + std::string(ProblemName(problem->kind)))},
        {"problem", ProblemName(problem->kind)}};
    if (problem->line > 0) error["line"] = problem->line;
    Response response = Response::Json(StatusOf(*problem), error.dump());
    response.close_connection = problem->kind == SynonymsProblem::Kind::kTooLarge;
    return response;
  }
  Result<SynonymsVersion> saved = synonyms_.Save(text, AuthorName(request));
  if (!saved.ok()) return views_.FromError(request, saved.error());
  accounts_.Audit(request.viewer.name, "synonyms", "", "version " + std::to_string(saved->id),
                  request.remote_address);
  return TableJson(request, "");
}

}  // namespace kring::http
