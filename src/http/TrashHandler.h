// TrashHandler: moving pages to the trash and back. A page's "more" actions lead to a
// confirmation (GET /p/{slug}/delete) whose form moves it to the trash (POST); /admin/trash
// lists the trash with a restore button per page. The JSON API has the same.
//
// Access: /admin/trash and the restore routes must become admin-only once accounts and roles
// exist (TODO: the accounts-and-roles issue); until then they are open like every other page of
// the intranet server.
#pragma once

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class TrashHandler {
 public:
  TrashHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response ConfirmDelete(const Request& request);  // GET /p/{slug}/delete
  Response Delete(const Request& request);         // POST /p/{slug}/delete → 303 /admin/trash
  Response List(const Request& request);           // GET /admin/trash
  Response Restore(const Request& request);        // POST /admin/trash/{slug}/restore → 303 page

  // DELETE /api/v1/pages/{slug}: 200 {"slug", "title", "deleted_at", "deleted_by"}; 404.
  Response ApiDelete(const Request& request);
  // GET /api/v1/admin/trash: [{"slug", "title", "kind", "revision", "deleted_at", "deleted_by"}]
  Response ApiList(const Request& request);
  // POST /api/v1/admin/trash/{slug}/restore: 200 {"slug", "revision"}; 404 when not in the trash.
  Response ApiRestore(const Request& request);

 private:
  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
