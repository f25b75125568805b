#include "http/OpenApi.h"

#include "core/Resources.h"

namespace kring::http {

Response OpenApiDocument() {
  std::optional<std::string> document = LoadResource("templates/openapi.json");
  // Embedded at build time, so only a KRING_RESOURCES folder without the file gets here.
  if (!document) return Response::Json(404, R"({"error":"The API description is missing."})");
  Response response = Response::Json(200, std::move(*document));
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace kring::http
