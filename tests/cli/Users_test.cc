// `kring user ...` as an administrator meets it: accounts and API tokens made on the command
// line work in the application, and mistakes fail with one clear line.
#include <doctest/doctest.h>

#include <regex>

#include "KringProcess.h"
#include "accounts/AccountService.h"
#include "app/Application.h"
#include "http/TestServer.h"

using kring::testing::Contains;
using kring::testing::RunKring;
using kring::testing::TempDir;

namespace {

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

// The application on a data folder, as the server would open it (without serving).
std::unique_ptr<kring::Application> OpenApp(const std::string& data) {
  kring::AppOptions options;
  options.data_dir = data;
  auto app = kring::Application::Open(options);
  REQUIRE_MESSAGE(app.ok(), (app.ok() ? "" : app.error().message));
  return std::move(app).value();
}

}  // namespace

TEST_CASE("user add, token and list: the token and the password work in the application") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  auto added = RunKring({"user", "add", "admin", "--role", "admin", "--email", "it@gent.be",
                         "--organisation", "Stad Gent", "--data", data},
                        "een lang wachtwoord\n");
  CHECK(added.exit_code == 0);
  CHECK(Contains(added.output, "added admin (admin)"));

  auto token = RunKring({"user", "token", "admin", "--label", "import", "--data", data});
  CHECK(token.exit_code == 0);
  // Only the token, for TOKEN=$(kring user token admin).
  REQUIRE(std::regex_match(token.output, std::regex("[A-Za-z0-9_-]{43}\n")));

  auto list = RunKring({"user", "list", "--data", data});
  CHECK(list.exit_code == 0);
  CHECK(std::regex_search(list.output, std::regex("admin +admin +active +it@gent.be +Stad Gent")));

  auto app = OpenApp(data);
  std::optional<kring::Viewer> viewer =
      app->accounts().ViewerForApiToken(token.output.substr(0, 43));
  REQUIRE(viewer);
  CHECK(viewer->name == "admin");
  CHECK(viewer->role == kring::Role::kAdmin);
  CHECK(app->accounts().Login("admin", "een lang wachtwoord", "").ok());
  CHECK_FALSE(app->accounts().Login("admin", "een ander wachtwoord", "").ok());
  int by_command_line = 0;
  for (const kring::AuditEntry& entry : app->accounts().AuditLog(0, 10)) {
    if (entry.action == "user_add" || entry.action == "token_create") {
      ++by_command_line;
      CHECK(entry.actor == "(command line)");
      CHECK(entry.target == "admin");
    }
  }
  CHECK(by_command_line == 2);
}

TEST_CASE("user add --generate-password prints a password that logs in") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  auto added =
      RunKring({"user", "add", "piet", "--role", "member", "--generate-password", "--data", data});
  CHECK(added.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(added.output, match, std::regex("(^|\n)([A-Za-z0-9_-]{20})\n")));
  auto app = OpenApp(data);
  auto session = app->accounts().Login("piet", match[2].str(), "");
  REQUIRE(session.ok());
  CHECK(session->user.role == kring::Role::kMember);
}

TEST_CASE("user approve and user role change an account") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  {
    auto app = OpenApp(data);
    REQUIRE(app->accounts()
                .Register({"jan", "", "jan@gent.be", "Stad Gent", "een lang wachtwoord"}, "")
                .ok());
  }
  CHECK(Contains(RunKring({"user", "list", "--data", data}).output, "pending"));
  auto approved = RunKring({"user", "approve", "jan", "--data", data});
  CHECK(approved.exit_code == 0);
  auto role = RunKring({"user", "role", "JAN", "admin", "--data", data});
  CHECK(role.exit_code == 0);
  CHECK(Contains(role.output, "jan: editor -> admin"));
  auto list = RunKring({"user", "list", "--data", data});
  CHECK(std::regex_search(list.output, std::regex("jan +admin +active")));
}

TEST_CASE("user commands fail with one clear line") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  REQUIRE(
      RunKring({"user", "add", "ann", "--role", "editor", "--data", data}, "een lang wachtwoord\n")
          .exit_code == 0);
  struct Case {
    std::vector<std::string> args;
    std::string input;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"user", "add", "bob", "--role", "boss"},
       "een lang wachtwoord\n",
       "kring: unknown role 'boss': use member, editor or admin"},
      {{"user", "role", "ann", "boss"}, "", "kring: unknown role 'boss'"},
      {{"user", "add", "bob", "--role", "member"}, "", "kring: no password on standard input"},
      {{"user", "add", "bob", "--role", "member"}, "kort\n", "kring: The password must be"},
      {{"user", "add", "ANN", "--role", "member"}, "een lang wachtwoord\n", "is taken"},
      {{"user", "add", "b b", "--role", "member"}, "een lang wachtwoord\n", "kring: The name"},
      {{"user", "token", "nobody"}, "", "kring: No user named nobody."},
      {{"user", "approve", "nobody"}, "", "kring: No user named nobody."},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--data", data});
    CAPTURE(c.message);
    auto r = RunKring(args, c.input);
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.output, c.message));
    CHECK(Lines(r.output) == 1);
  }
  CHECK(Lines(RunKring({"user", "list", "--data", data}).output) == 2);  // header and ann
}
