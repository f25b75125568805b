#include "app/UserCommands.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <optional>
#include <vector>

#include "accounts/AccountService.h"
#include "app/DataFolder.h"

namespace kring {
namespace {

// Who the audit log names for what the command line does (no login name looks like this).
constexpr std::string_view kActor = "(command line)";
constexpr size_t kGeneratedPasswordLength = 20;  // base64url: 120 random bits

int Fail(const std::string& message) {
  std::cerr << "kring: " << message << "\n";
  return 1;
}

// One line from standard input; when `hidden` (a terminal), without echoing it.
std::optional<std::string> ReadLine(bool hidden) {
  termios saved{};
  if (hidden) {
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (hidden) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  if (!read) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: asked twice on a terminal, else the first line of standard input.
std::optional<std::string> ReadNewPassword(std::string& problem) {
  if (!isatty(STDIN_FILENO)) {
    std::optional<std::string> line = ReadLine(false);
    if (!line) problem = "no password on standard input (give one line, or --generate-password)";
    return line;
  }
  std::cerr << "Password: " << std::flush;
  std::optional<std::string> first = ReadLine(true);
  std::cerr << "Password again: " << std::flush;
  std::optional<std::string> second = ReadLine(true);
  if (!first || !second || *first != *second) {
    problem = "the two passwords differ";
    return std::nullopt;
  }
  return first;
}

std::optional<Role> RoleNamed(const std::string& name, std::string& problem) {
  std::optional<Role> role = ParseRole(name);
  if (!role) problem = "unknown role '" + name + "': use member, editor or admin";
  return role;
}

Result<std::unique_ptr<AccountsDatabase>> OpenAccounts(const std::string& data_dir) {
  return AccountsDatabase::Open(data_dir, false);
}

// Opens the accounts, finds the user named `name` and runs `command` on them.
template <typename Command>
int WithUser(const std::string& data_dir, const std::string& name, Command&& command) {
  auto db = OpenAccounts(data_dir);
  if (!db.ok()) return Fail(db.error().message);
  accounts::AccountService& accounts = db.value()->service();
  Result<User> user = accounts.UserByName(name);
  if (!user.ok()) return Fail(user.error().message);
  return command(accounts, user.value());
}

}  // namespace

std::optional<std::string> CreateFirstAdmin(accounts::AccountService& accounts) {
  if (!accounts.Users().empty()) return std::nullopt;
  const std::string password =
      accounts::AccountService::RandomToken().substr(0, kGeneratedPasswordLength);
  auto made = accounts.AddUser({"admin", "", "", "", password}, Role::kAdmin, "(first start)");
  if (!made.ok()) return std::nullopt;  // another process made accounts meanwhile
  return password;
}

UserCommands::UserCommands(CLI::App& cli) {
  user_ = cli.add_subcommand("user", "Manage accounts: add, token, list, role, approve");
  user_->require_subcommand(1);
  const auto data_option = [this](CLI::App* command) { data_.Add(*command); };

  add_ = user_->add_subcommand(
      "add", "Add an active account; the password is read from standard input (one line)");
  add_->add_option("name", name_, "Login name")->required();
  add_->add_option("--role", role_name_, "member, editor or admin")->required();
  add_->add_option("--email", email_, "E-mail address");
  add_->add_option("--organisation", organisation_, "Organisation (municipality, OCMW, ...)");
  add_->add_option("--display-name", display_name_, "Name as shown (default: the login name)");
  add_->add_flag("--generate-password", generate_password_,
                 "Generate a password and print it instead of reading one");
  data_option(add_);

  token_ = user_->add_subcommand("token", "Create an API token and print it (only the token)");
  token_->add_option("name", name_, "Login name")->required();
  token_->add_option("--label", label_, "What the token is for")->default_str("command line");
  label_ = "command line";
  data_option(token_);

  list_ = user_->add_subcommand("list", "List the accounts, pending ones first");
  data_option(list_);

  role_ = user_->add_subcommand("role", "Change the role of an account");
  role_->add_option("name", name_, "Login name")->required();
  role_->add_option("role", role_name_, "member, editor or admin")->required();
  data_option(role_);

  approve_ = user_->add_subcommand("approve", "Approve a registration (or re-enable an account)");
  approve_->add_option("name", name_, "Login name")->required();
  data_option(approve_);
}

int UserCommands::Run() {
  Result<std::string> data = data_.Resolve();
  if (!data.ok()) return Fail(data.error().message);
  data_dir_ = data.value();
  if (add_->parsed()) return Add();
  if (token_->parsed()) return Token();
  if (list_->parsed()) return List();
  if (role_->parsed()) return SetRole();
  if (approve_->parsed()) return Approve();
  return Fail("user: choose add, token, list, role or approve");
}

int UserCommands::Add() {
  std::string problem;
  std::optional<Role> role = RoleNamed(role_name_, problem);
  if (!role) return Fail(problem);
  accounts::Registration registration{name_, display_name_, email_, organisation_, ""};
  if (generate_password_) {
    registration.password =
        accounts::AccountService::RandomToken().substr(0, kGeneratedPasswordLength);
  } else {
    std::optional<std::string> password = ReadNewPassword(problem);
    if (!password) return Fail(problem);
    registration.password = std::move(*password);
  }
  auto db = OpenAccounts(data_dir_);
  if (!db.ok()) return Fail(db.error().message);
  Result<User> user = db.value()->service().AddUser(registration, *role, kActor);
  if (!user.ok()) return Fail(user.error().message);
  const std::string added = "added " + user->name + " (" + std::string(RoleName(user->role)) + ")";
  if (generate_password_) {
    // The password alone on stdout, for PASSWORD=$(kring user add ...).
    std::cerr << added << "; the password follows\n";
    std::cout << registration.password << "\n";
  } else {
    std::cout << added << "\n";
  }
  return 0;
}

int UserCommands::Token() {
  return WithUser(data_dir_, name_, [&](accounts::AccountService& accounts, const User& user) {
    Result<std::string> token = accounts.CreateApiToken(user.id, label_, kActor);
    if (!token.ok()) return Fail(token.error().message);
    std::cout << token.value() << "\n";
    return 0;
  });
}

int UserCommands::List() {
  auto db = OpenAccounts(data_dir_);
  if (!db.ok()) return Fail(db.error().message);
  using Row = std::vector<std::string>;
  std::vector<Row> rows = {{"NAME", "ROLE", "STATUS", "E-MAIL", "ORGANISATION", "LAST LOGIN"}};
  for (const User& user : db.value()->service().Users()) {
    rows.push_back({user.name, std::string(RoleName(user.role)),
                    std::string(StatusName(user.status)), user.email.empty() ? "-" : user.email,
                    user.organisation.empty() ? "-" : user.organisation,
                    user.last_login_at.empty() ? "never" : user.last_login_at});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const Row& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
  return 0;
}

int UserCommands::SetRole() {
  std::string problem;
  std::optional<Role> role = RoleNamed(role_name_, problem);
  if (!role) return Fail(problem);
  return WithUser(data_dir_, name_, [&](accounts::AccountService& accounts, const User& user) {
    if (Status set = accounts.SetRole(user.id, *role, kActor, ""); !set.ok()) {
      return Fail(set.error().message);
    }
    std::cout << user.name << ": " << RoleName(user.role) << " -> " << RoleName(*role) << "\n";
    return 0;
  });
}

int UserCommands::Approve() {
  return WithUser(data_dir_, name_, [&](accounts::AccountService& accounts, const User& user) {
    if (Status approved = accounts.Approve(user.id, kActor, ""); !approved.ok()) {
      return Fail(approved.error().message);
    }
    std::cout << "approved " << user.name << "\n";
    return 0;
  });
}

}  // namespace kring
