// RegisterViews: the register's records as JSON (for the templates and the API), its change
// log for a page, the CSV export, and who changes it. Shared by RegisterHandler and
// RegisterApi; pure functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "accounts/AccountService.h"
#include "core/RegisterService.h"
#include "http/Request.h"
#include "http/Views.h"

namespace kring::http {

nlohmann::json OrganisationJson(const Organisation& organisation);
nlohmann::json ApplicationJson(const RegisteredApplication& application);
// satisfaction is null when not given.
nlohmann::json UsageJson(const Usage& usage);
// The changes with their time as the request's language reads it ("at_shown") and their summary
// with the field names in that language ("summary_shown").
nlohmann::json ChangesJson(const Views& views, const Request& request,
                           const std::vector<RegisterChange>& changes);
// {"value": "3,0", "count": 2} in the request's language; null when no usage has a score.
nlohmann::json AverageJson(const Views& views, const Request& request,
                           const std::vector<Usage>& usages);

// The whole register as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma,
// quote or line end): organisation, type, region, application, supplier, domain, since,
// module, satisfaction, contact, note.
std::string RegisterCsv(const std::vector<Usage>& usages);

// The signed-in viewer as the register's rules see them (with their organisation).
RegisterActor ActorOf(const Request& request, accounts::AccountService& accounts);

// "a, b" → {"a", "b"}.
std::vector<std::string> SplitTopics(const std::string& text);

}  // namespace kring::http
