#include "http/ApiHandler.h"

#include "core/PageLifecycle.h"
#include "core/Text.h"
#include "http/AuthGate.h"
#include "http/MembersOnly.h"

namespace kring::http {
namespace {

// Reads an optional string member; false when present with another type.
bool ReadString(const nlohmann::json& body, const char* name, std::string& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

// Reads an optional list of strings (topics, applications); false when present and not one.
// Absent or null: an empty list, so a PUT without it saves the page without any.
bool ReadStrings(const nlohmann::json& body, const char* name, std::vector<std::string>& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_array()) return false;
  for (const auto& item : *it) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

// Reads an optional revision number (an integer, 0 or more); false when present and not one.
bool ReadRevision(const nlohmann::json& body, const char* name, std::optional<int64_t>& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_number_integer() || it->get<int64_t>() < 0) return false;
  out = it->get<int64_t>();
  return true;
}

}  // namespace

Response ApiHandler::GetPage(const Request& request) {
  Result<Page> page = services_.store.Get(request.Param("slug"));
  if (!page.ok() && page.error().code == ErrorCode::kNotFound) {
    // A slug a rename left behind, as for /p/{slug}.
    if (auto renamed = RenamedPageAnswer(services_, views_, request, request.Param("slug"),
                                         "/api/v1/pages/")) {
      return std::move(*renamed);
    }
  }
  if (!page.ok()) return views_.FromError(request, page.error());
  if (!MayRead(request, page->visibility)) return MembersOnlyPage(views_, request);
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& topic : page->topics) topics.push_back(topic.name);
  nlohmann::json out = {{"slug", page->slug},
                        {"title", page->title},
                        {"kind", std::string(KindName(page->kind))},
                        {"topics", topics},
                        {"date", page->date},
                        {"organisation", page->organisation},
                        {"applications", page->applications},
                        {"place", page->place},
                        {"visibility", std::string(VisibilityName(page->visibility))},
                        {"revision", page->revision},
                        {"body", page->body},
                        {"html", page->html},
                        {"author", page->author},
                        {"created_at", page->created_at},
                        {"updated_at", page->updated_at}};
  return Response::Json(200, out.dump());
}

Response ApiHandler::PutPage(const Request& request) {
  const std::string slug = request.Param("slug");
  if (!IsValidSlug(slug)) {
    return views_.ErrorPage(request, 400,
                            "The slug may hold only lowercase letters, digits and single dashes.");
  }
  if (request.body.size() > services_.pages.limits().max_body_bytes * 2 + 64 * 1024) {
    Response response = views_.ErrorPage(request, 413, "The request body is too large.");
    response.close_connection = true;
    return response;
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return views_.ErrorPage(request, 400, "The body must be a JSON object (valid UTF-8).");
  }
  PageInput input;
  input.slug = slug;
  std::string kind = "page";
  if (!ReadString(body, "title", input.title) || !ReadString(body, "body", input.body) ||
      !ReadString(body, "kind", kind) || !ReadString(body, "date", input.date) ||
      !ReadString(body, "organisation", input.organisation) ||
      !ReadString(body, "place", input.place) || !ReadString(body, "comment", input.comment) ||
      !ReadString(body, "author", input.author)) {
    return views_.ErrorPage(
        request, 400,
        "title, body, kind, date, organisation, place, comment and author must be strings.");
  }
  auto parsed_kind = ParseKind(kind);
  if (!parsed_kind) {
    return views_.ErrorPage(request, 400,
                            "kind must be one of page, presentation, best-practice, minutes.");
  }
  input.kind = *parsed_kind;
  if (!ReadStrings(body, "topics", input.topics)) {
    return views_.ErrorPage(request, 400, "topics must be a list of strings.");
  }
  if (!ReadStrings(body, "applications", input.applications)) {
    return views_.ErrorPage(request, 400, "applications must be a list of strings.");
  }
  if (!ReadRevision(body, "base_revision", input.base_revision)) {
    return views_.ErrorPage(request, 400, "base_revision must be a revision number.");
  }
  // Administrators may keep the author of a migrated revision; everyone else writes as
  // themselves.
  if (input.author.empty() || !request.viewer.Can(Role::kAdmin)) input.author = AuthorName(request);
  if (Status read = ReadVisibility(body, slug, input.visibility); !read.ok()) {
    return views_.FromError(request, read.error());
  }

  Result<SaveOutcome> saved = services_.pages.Save(std::move(input));
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kConflict) return Conflict(slug, saved.error());
    return views_.FromError(request, saved.error());
  }
  nlohmann::json out = {{"slug", saved->slug}, {"revision", saved->revision}};
  Response response = Response::Json(saved->created ? 201 : 200, out.dump());
  response.headers.emplace_back("Location", "/api/v1/pages/" + saved->slug);
  return response;
}

Status ApiHandler::ReadVisibility(const nlohmann::json& body, const std::string& slug,
                                  Visibility& out) {
  auto sent = body.find("visibility");
  if (sent == body.end() || sent->is_null()) {
    // Not sent: a page keeps its visibility (a script that predates the field must not make a
    // members-only page public), a new page is public.
    Result<Page> current = services_.store.Get(slug);
    if (current.ok()) {
      out = current->visibility;
    } else if (current.error().code != ErrorCode::kNotFound) {
      return current.error();
    }
    return Ok();
  }
  std::optional<Visibility> parsed =
      sent->is_string() ? ParseVisibility(sent->get<std::string>()) : std::nullopt;
  if (!parsed) {
    return Error{ErrorCode::kInvalidInput,
                 "visibility must be \"public\" (everyone) or \"members\" (members only)."};
  }
  out = *parsed;
  return Ok();
}

Response ApiHandler::Conflict(const std::string& slug, const Error& error) {
  // Enough for the client to merge: what is saved now and its number, to send as base.
  nlohmann::json out = {{"error", error.message}};
  if (Result<Page> current = services_.store.Get(slug); current.ok()) {
    out["current_revision"] = current->revision;
    out["current_body"] = current->body;
  }
  return Response::Json(409, out.dump());
}

Response ApiHandler::Revisions(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<Page> page = services_.store.Get(slug);
  if (!page.ok()) return views_.FromError(request, page.error());
  if (!MayRead(request, page->visibility)) return MembersOnlyPage(views_, request);
  nlohmann::json revisions = nlohmann::json::array();
  for (const RevisionInfo& rev : services_.store.History(slug)) {
    revisions.push_back({{"number", rev.number},
                         {"author", rev.author},
                         {"comment", rev.comment},
                         {"created_at", rev.created_at},
                         {"size", rev.size}});
  }
  return Response::Json(200, nlohmann::json{{"slug", slug}, {"revisions", revisions}}.dump());
}

Response ApiHandler::Restore(const Request& request) {
  const std::string slug = request.Param("slug");
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return views_.ErrorPage(request, 400, "The body must be a JSON object (valid UTF-8).");
  }
  RestoreInput input;
  input.slug = slug;
  std::optional<int64_t> revision;
  if (!ReadRevision(body, "revision", revision) || !revision || *revision < 1) {
    return views_.ErrorPage(request, 400,
                            "revision must name the revision to restore (1 or more).");
  }
  input.revision = *revision;
  if (!ReadRevision(body, "base_revision", input.base_revision)) {
    return views_.ErrorPage(request, 400, "base_revision must be a revision number.");
  }
  if (!ReadString(body, "author", input.author) || !ReadString(body, "comment", input.comment)) {
    return views_.ErrorPage(request, 400, "author and comment must be strings.");
  }
  // Administrators may keep the author of a migrated revision; everyone else writes as
  // themselves.
  if (input.author.empty() || !request.viewer.Can(Role::kAdmin)) input.author = AuthorName(request);
  if (input.comment.empty()) input.comment = "Restored revision " + std::to_string(*revision);
  Result<SaveOutcome> saved = services_.pages.Restore(input);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kConflict) return Conflict(slug, saved.error());
    return views_.FromError(request, saved.error());
  }
  services_.accounts.Audit(request.viewer.name, "restore", saved->slug,
                           "revision " + std::to_string(*revision), request.remote_address);
  nlohmann::json out = {
      {"slug", saved->slug}, {"revision", saved->revision}, {"restored", *revision}};
  return Response::Json(200, out.dump());
}

Response ApiHandler::Render(const Request& request) {
  std::string markdown;
  if (request.Header("content-type").rfind("text/markdown", 0) == 0) {
    markdown = request.body;
  } else {
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return views_.ErrorPage(request, 400, "The body must be a JSON object (valid UTF-8).");
    }
    if (!body.contains("body") || !ReadString(body, "body", markdown)) {
      return views_.ErrorPage(request, 400, "body must be the Markdown to render, a string.");
    }
  }
  Result<RenderedMarkdown> rendered = services_.pages.Preview(markdown);
  if (!rendered.ok()) return views_.FromError(request, rendered.error());
  return Response::Json(200, nlohmann::json{{"html", rendered->html}}.dump());
}

}  // namespace kring::http
