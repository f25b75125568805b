#include "http/FileHandler.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/Text.h"
#include "http/AuthGate.h"
#include "http/MembersOnly.h"
#include "http/Multipart.h"
#include "http/PageHandler.h"
#include "http/Url.h"

namespace kring::http {
namespace {

// A single byte range "bytes=a-b", "bytes=a-" or "bytes=-n" of a file of `size` bytes.
// nullopt: no usable Range (serve everything); {-1,-1}: unsatisfiable.
std::optional<std::pair<int64_t, int64_t>> ParseRange(const std::string& header, int64_t size) {
  if (header.rfind("bytes=", 0) != 0 || header.find(',') != std::string::npos) return std::nullopt;
  const std::string spec = header.substr(6);
  const size_t dash = spec.find('-');
  if (dash == std::string::npos) return std::nullopt;
  const auto first = ParseNumber(spec.substr(0, dash));
  const auto last = ParseNumber(spec.substr(dash + 1));
  if (!first && !last) return std::nullopt;
  int64_t from, to;
  if (!first) {  // the last n bytes
    if (*last == 0) return std::make_pair(-1, -1);
    from = std::max<int64_t>(0, size - *last);
    to = size - 1;
  } else {
    from = *first;
    to = last ? std::min(*last, size - 1) : size - 1;
  }
  if (from >= size || from > to) return std::make_pair(-1, -1);
  return std::make_pair(from, to);
}

std::optional<std::string> ReadBytes(const std::string& path, int64_t offset, int64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(offset);
  std::string data(static_cast<size_t>(length), '\0');
  in.read(data.data(), length);
  if (in.gcount() != length) return std::nullopt;
  return data;
}

std::string SectionLabel(const Views& views, const Request& request, const std::string& kind) {
  return kind.empty() ? "" : views.Message(request, "section_" + kind);
}

}  // namespace

std::string HumanSize(int64_t bytes, std::string_view lang) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
  return FormatDecimal(static_cast<double>(bytes) / (1024 * 1024), lang) + " MB";
}

std::string ContentDisposition(const StoredFile& file) {
  const bool inline_view =
      file.media_type == "application/pdf" ||
      (file.media_type.rfind("image/", 0) == 0 && file.media_type != "image/svg+xml");
  std::string ascii;
  for (unsigned char c : file.name) {
    ascii += (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == ';') ? '_' : c;
  }
  return std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + PercentEncode(file.name);
}

nlohmann::json FileJson(const StoredFile& file) {
  return {
      {"id", file.id},          {"name", file.name},
      {"size", file.size},      {"media_type", file.media_type},
      {"sha256", file.sha256},  {"url", FileUrl(file)},
      {"page", file.page_slug}, {"extraction", std::string(ExtractionStateName(file.extraction))}};
}

nlohmann::json FileView(const Views& views, const Request& request, const StoredFile& file) {
  return {{"id", file.id},
          {"name", file.name},
          {"url", FileUrl(file)},
          {"page_url", "/f/" + std::to_string(file.id)},
          {"size", HumanSize(file.size, views.Language(request))},
          {"type", FileExtension(file.name)},
          {"pending", file.extraction == ExtractionState::kPending},
          {"failed", file.extraction == ExtractionState::kFailed},
          {"error", file.extraction_error},
          {"sections", file.sections.size()},
          {"section_label", SectionLabel(views, request, file.section_kind)}};
}

Result<std::vector<FileHandler::Upload>> FileHandler::UploadsOf(const Request& request) const {
  const std::string type = request.Header("content-type");
  std::vector<Upload> uploads;
  if (auto boundary = MultipartBoundary(type)) {
    auto parts = ParseMultipart(request.body, *boundary);
    if (!parts) {
      return Error{ErrorCode::kInvalidInput, "The upload is not valid multipart/form-data."};
    }
    for (const Part& part : *parts) {
      if (!part.filename.empty()) uploads.push_back({part.filename, part.data});
    }
  } else if (!request.Query("name").empty()) {
    uploads.push_back({request.Query("name"), request.body});
  }
  if (uploads.empty()) {
    return Error{ErrorCode::kInvalidInput,
                 "No file: send multipart/form-data with a file part, or the file as the body "
                 "with ?name=."};
  }
  return uploads;
}

Response FileHandler::ApiUpload(const Request& request) {
  auto uploads = UploadsOf(request);
  if (!uploads.ok()) return views_.FromError(request, uploads.error());
  nlohmann::json stored = nlohmann::json::array();
  for (const Upload& upload : uploads.value()) {
    Result<StoredFile> file = services_.files.Upload(request.Param("slug"), upload.name,
                                                     upload.content, AuthorName(request));
    if (!file.ok()) return views_.FromError(request, file.error());
    stored.push_back(FileJson(file.value()));
  }
  Response response = Response::Json(
      201, stored.size() == 1 ? stored[0].dump() : nlohmann::json{{"files", stored}}.dump());
  response.headers.emplace_back("Location", stored[0]["url"].get<std::string>());
  return response;
}

Response FileHandler::ApiNewPresentation(const Request& request) {
  auto uploads = UploadsOf(request);
  if (!uploads.ok()) return views_.FromError(request, uploads.error());
  const Upload& upload = uploads.value().front();
  Result<StoredFile> file =
      services_.files.CreatePresentation(upload.name, upload.content, AuthorName(request),
                                         request.Query("title"), {}, request.Query("date"));
  if (!file.ok()) return views_.FromError(request, file.error());
  nlohmann::json out = FileJson(file.value());
  out["page_url"] = "/p/" + file->page_slug;
  Response response = Response::Json(201, out.dump());
  response.headers.emplace_back("Location", "/api/v1/pages/" + file->page_slug);
  return response;
}

Response FileHandler::UploadForm(const Request& request) {
  const std::string slug = request.Param("slug");
  auto uploads = UploadsOf(request);
  Error error;
  if (uploads.ok()) {
    for (const Upload& upload : uploads.value()) {
      Result<StoredFile> file =
          services_.files.Upload(slug, upload.name, upload.content, AuthorName(request));
      if (!file.ok()) {
        error = file.error();
        error.message = SanitizeFileName(upload.name) + ": " + error.message;
        break;
      }
    }
    if (error.message.empty()) return Response::Redirect("/p/" + slug + "#files");
  } else {
    error = uploads.error();
  }
  if (error.code == ErrorCode::kNotFound || error.code == ErrorCode::kInternal) {
    return views_.FromError(request, error);
  }
  return views_.ErrorPage(request, StatusFor(error.code), error.message);
}

Response FileHandler::NewPresentation(const Request& request) {
  auto uploads = UploadsOf(request);
  if (!uploads.ok()) return views_.FromError(request, uploads.error());
  const Upload& upload = uploads.value().front();
  Result<StoredFile> file = services_.files.CreatePresentation(upload.name, upload.content,
                                                               AuthorName(request), "", {}, "");
  if (!file.ok()) return views_.FromError(request, file.error());
  return Response::Redirect("/p/" + file->page_slug);
}

Result<StoredFile> FileHandler::FileOf(const Request& request) const {
  auto id = ParseNumber(request.Param("id"));
  if (!id) return Error{ErrorCode::kNotFound, "No such file."};
  Result<StoredFile> file = services_.file_store.GetFile(*id);
  // A file of a members-only page is as absent as one that never was, to everyone else.
  if (file.ok() && !MayRead(request, file->visibility)) {
    return HiddenError("file " + std::to_string(*id));
  }
  return file;
}

Response FileHandler::Download(const Request& request) {
  Result<StoredFile> file = FileOf(request);
  if (!file.ok()) return views_.FromError(request, file.error());
  if (request.Param("name") != file->name) return Response::Redirect(FileUrl(file.value()), 301);
  const std::string etag = "\"" + file->sha256 + "\"";
  Response response;
  response.content_type = file->media_type;
  response.headers = {{"ETag", etag},
                      {"Content-Disposition", ContentDisposition(file.value())},
                      {"Accept-Ranges", "bytes"},
                      {"Cache-Control", "private, max-age=3600"}};
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  const std::string path = services_.file_store.ContentPath(file.value());
  int64_t from = 0, length = file->size;
  if (auto range = ParseRange(request.Header("range"), file->size)) {
    if (range->first < 0) {
      Response unsatisfiable = Response::Text(416, "Range not satisfiable\n");
      unsatisfiable.headers.emplace_back("Content-Range", "bytes */" + std::to_string(file->size));
      return unsatisfiable;
    }
    from = range->first;
    length = range->second - range->first + 1;
    response.status = 206;
    response.headers.emplace_back("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                                       std::to_string(range->second) + "/" +
                                                       std::to_string(file->size));
  }
  if (request.method == "HEAD") return response;  // the server sends no body for HEAD
  auto data = ReadBytes(path, from, length);
  if (!data) return views_.FromError(request, {ErrorCode::kInternal, "cannot read " + path});
  response.body = std::move(*data);
  return response;
}

Response FileHandler::ApiGet(const Request& request) {
  Result<StoredFile> file = FileOf(request);
  if (!file.ok()) return views_.FromError(request, file.error());
  nlohmann::json out = FileJson(file.value());
  out["extraction_error"] = file->extraction_error;
  out["title"] = file->title;
  out["section_kind"] = file->section_kind;
  nlohmann::json sections = nlohmann::json::array();
  for (const FileSection& section : file->sections) {
    sections.push_back({{"number", section.number}, {"text", section.text}});
  }
  out["sections"] = sections;
  return Response::Json(200, out.dump());
}

Response FileHandler::Show(const Request& request) {
  Result<StoredFile> file = FileOf(request);
  if (!file.ok()) return views_.FromError(request, file.error());
  nlohmann::json sections = nlohmann::json::array();
  const std::string label = SectionLabel(views_, request, file->section_kind);
  for (const FileSection& section : file->sections) {
    const std::string anchor = file->section_kind.empty()
                                   ? "text"
                                   : file->section_kind + "-" + std::to_string(section.number);
    sections.push_back(
        {{"anchor", anchor},
         {"label", label.empty() ? "" : label + " " + std::to_string(section.number)},
         {"text", section.text}});
  }
  nlohmann::json linked = nlohmann::json::array();
  for (const auto& page : services_.file_store.PagesLinkingFile(file->id, AudienceOf(request))) {
    linked.push_back(SummaryView(views_, request, page));
  }
  nlohmann::json view = FileView(views_, request, file.value());
  view["title"] = file->title.empty() ? file->name : file->title;
  view["media_type"] = file->media_type;
  view["author"] = file->author;
  view["created_at"] = views_.DateTime(request, file->created_at);
  view["page_slug"] = file->page_slug;
  if (auto page = services_.store.Get(file->page_slug); page.ok()) view["page_title"] = page->title;
  view["section_list"] = sections;
  view["has_sections"] = !sections.empty();
  view["linked"] = linked;
  view["has_linked"] = !linked.empty();
  return views_.Page(request, "file", std::move(view));
}

}  // namespace kring::http
