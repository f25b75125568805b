// OpenApi: GET /api/v1/openapi.json, the description of every JSON route (OpenAPI 3.0).
//
// The document is a committed file, templates/openapi.json, served as is: a newcomer who adds
// a JSON route adds its description there, next to the others, in the format every API tool
// reads. tests/http/OpenApi_test.cc fails, naming the route, when a route of the table under
// /api/v1/ (or another JSON route such as /healthz) is not described with its method.
#pragma once

#include "http/Request.h"

namespace kring::http {

// The document (200, application/json, cacheable for an hour).
Response OpenApiDocument();

}  // namespace kring::http
