#include "http/UsersHandler.h"

#include "core/Text.h"
#include "http/Url.h"

namespace kring::http {
namespace {

constexpr int kAuditPage = 100;
constexpr Role kAssignableRoles[] = {Role::kMember, Role::kEditor, Role::kAdmin};

nlohmann::json AuditJson(const AuditEntry& entry) {
  return {{"id", entry.id},          {"at", entry.at},         {"actor", entry.actor},
          {"action", entry.action},  {"target", entry.target}, {"detail", entry.detail},
          {"address", entry.address}};
}

}  // namespace

std::optional<int64_t> UsersHandler::UserId(const Request& request) {
  return ParseNumber(request.Param("id"));
}

Response UsersHandler::Index(const Request& request) {
  nlohmann::json view = {{"title", views_.Message(request, "admin_title")}};
  return views_.Page(request, "admin", std::move(view));
}

Response UsersHandler::Users(const Request& request) {
  nlohmann::json users = nlohmann::json::array();
  int pending = 0;
  for (const User& user : accounts_.Users()) {
    nlohmann::json roles = nlohmann::json::array();
    for (Role role : kAssignableRoles) {
      roles.push_back({{"value", std::string(RoleName(role))},
                       {"label", views_.Message(request, "role_" + std::string(RoleName(role)))},
                       {"selected", role == user.role}});
    }
    const bool is_pending = user.status == AccountStatus::kPending;
    pending += is_pending ? 1 : 0;
    users.push_back(
        {{"id", user.id},
         {"name", user.name},
         {"display_name", user.display_name},
         {"email", user.email},
         {"organisation", user.organisation},
         {"status", std::string(StatusName(user.status))},
         {"status_label",
          views_.Message(request, "status_" + std::string(StatusName(user.status)))},
         {"pending", is_pending},
         {"active", user.status == AccountStatus::kActive},
         {"is_self", user.id == request.viewer.user_id},
         {"created", views_.DateTime(request, user.created_at)},
         {"last_login",
          user.last_login_at.empty() ? "—" : views_.DateTime(request, user.last_login_at)},
         {"roles", roles}});
  }
  nlohmann::json view = {{"title", views_.Message(request, "users_title")},
                         {"users", users},
                         {"pending_count", pending},
                         {"has_pending", pending > 0},
                         {"notice", request.Query("done")}};
  return views_.Page(request, "users", std::move(view));
}

Response UsersHandler::Done(const Request& request, const Status& status,
                            const std::string& notice) {
  if (!status.ok()) return views_.FromError(request, status.error());
  return Response::Redirect("/admin/users?done=" + PercentEncode(notice));
}

Response UsersHandler::Approve(const Request& request) {
  auto id = UserId(request);
  if (!id) return views_.ErrorPage(request, 404, views_.Message(request, "error_404_detail"));
  return Done(request, accounts_.Approve(*id, request.viewer.name, request.remote_address),
              views_.Message(request, "user_approved"));
}

Response UsersHandler::SetRole(const Request& request) {
  auto id = UserId(request);
  if (!id) return views_.ErrorPage(request, 404, views_.Message(request, "error_404_detail"));
  auto form = request.Form();
  std::optional<Role> role;
  if (form && form->count("role")) role = ParseRole(form->at("role"));
  if (!role) return views_.ErrorPage(request, 400, views_.Message(request, "user_bad_role"));
  if (*id == request.viewer.user_id && *role != Role::kAdmin) {
    // An administrator cannot demote themselves: the site would risk losing its last admin.
    return views_.ErrorPage(request, 400, views_.Message(request, "user_self_demote"));
  }
  return Done(request, accounts_.SetRole(*id, *role, request.viewer.name, request.remote_address),
              views_.Message(request, "user_role_changed"));
}

Response UsersHandler::Disable(const Request& request) {
  auto id = UserId(request);
  if (!id) return views_.ErrorPage(request, 404, views_.Message(request, "error_404_detail"));
  if (*id == request.viewer.user_id) {
    return views_.ErrorPage(request, 400, views_.Message(request, "user_self_disable"));
  }
  return Done(request, accounts_.Disable(*id, request.viewer.name, request.remote_address),
              views_.Message(request, "user_disabled"));
}

Response UsersHandler::Audit(const Request& request) {
  const int64_t before = ParseNumber(request.Query("before")).value_or(0);
  std::vector<AuditEntry> entries = accounts_.AuditLog(before, kAuditPage);
  nlohmann::json rows = nlohmann::json::array();
  for (const AuditEntry& entry : entries) {
    nlohmann::json row = AuditJson(entry);
    row["at_shown"] = views_.DateTime(request, entry.at);
    row["action_label"] = views_.Message(request, "audit_" + entry.action);
    rows.push_back(std::move(row));
  }
  nlohmann::json view = {{"title", views_.Message(request, "audit_title")},
                         {"entries", rows},
                         {"has_entries", !rows.empty()}};
  if (static_cast<int>(entries.size()) == kAuditPage) {
    view["older"] = "/admin/audit?before=" + std::to_string(entries.back().id);
  }
  return views_.Page(request, "audit", std::move(view));
}

Response UsersHandler::ApiAudit(const Request& request) {
  const int64_t before = ParseNumber(request.Query("before")).value_or(0);
  nlohmann::json out = nlohmann::json::array();
  for (const AuditEntry& entry : accounts_.AuditLog(before, kAuditPage)) {
    out.push_back(AuditJson(entry));
  }
  return Response::Json(200, out.dump());
}

}  // namespace kring::http
