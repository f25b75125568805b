// SynonymsHandler: admins edit the query-time synonym table (core/SynonymService.h).
//
// GET /admin/synonyms shows the table in use in a form, the format explained, and the last
// changes; ?version=N loads an older version into the form (saving it undoes the changes made
// since), ?version=builtin the table embedded in the binary. POST saves: a table that cannot be
// saved answers the form again (400, or 413 past the size cap) with what the admin typed and
// the number of the bad line; a saved one is in use for the next search, and the answer is a
// redirect to the form with a confirmation. The JSON API has the same.
//
// Access: admins only (RouteOptions in Site.cc). The author of a change is the signed-in
// viewer's name; each save is in the audit log.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "accounts/AccountService.h"
#include "core/SynonymService.h"
#include "http/Request.h"
#include "http/Views.h"

namespace kring::http {

class SynonymsHandler {
 public:
  // `synonyms` and `views` must outlive the handler.
  SynonymsHandler(SynonymService& synonyms, accounts::AccountService& accounts, const Views& views)
      : synonyms_(synonyms), accounts_(accounts), views_(views) {}

  Response Form(const Request& request);  // GET /admin/synonyms
  Response Save(const Request& request);  // POST /admin/synonyms (field "synonyms") → 303

  // GET /api/v1/admin/synonyms[?version=N|builtin]: {"text", "edited", "version": {"id",
  // "author", "created_at"} or null, "history": [versions, newest first], "max_bytes"};
  // with ?version= the text is that version's.
  Response ApiGet(const Request& request);
  // PUT /api/v1/admin/synonyms {"text"}: saves; 200 as GET. 400 {"error", "problem", "line"}
  // (problem: "invalid_utf8", "one_member", "empty_member"); 413 past the size cap.
  Response ApiPut(const Request& request);

 private:
  // The form with `text` in it; `problem` shown with `status` when set.
  Response FormPage(const Request& request, const std::string& text,
                    const std::optional<SynonymsProblem>& problem, int status,
                    nlohmann::json extra);
  // The JSON of the table in use, with the text of version `wanted` when not empty.
  Response TableJson(const Request& request, const std::string& wanted);

  SynonymService& synonyms_;
  accounts::AccountService& accounts_;
  const Views& views_;
};

}  // namespace kring::http
