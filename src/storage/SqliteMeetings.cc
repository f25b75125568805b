// SqlitePageStore: the minutes as meetings, for the meetings list, the calendar feed and the home
// page. The partial index pages_minutes_by_date (Schema.cc, version 4) serves both queries.
#include <string>

#include "storage/AudienceSql.h"
#include "storage/Database.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;

// Columns read by ReadMeeting. The place is the current revision's; the count is of the pages
// the minutes link to that exist (red links are not pages yet). Pages in the trash are left out
// on both sides, and minutes the audience bound to the first parameter may not read.
const std::string kSelectMeeting =
    "SELECT p.id, p.slug, p.title, p.date, r.place, p.organisation, p.updated_at, "
    "(SELECT COUNT(*) FROM links l JOIN pages t ON t.slug = l.to_slug AND t.deleted_at = '' "
    "WHERE l.from_page_id = p.id) "
    "FROM pages p JOIN revisions r ON r.page_id = p.id AND r.number = p.current_revision "
    "WHERE p.kind = 'minutes' AND p.date <> '' AND p.deleted_at = '' AND " +
    std::string(sqlite::kVisibleToAudience) + " AND p.date ";
// Dates are "YYYY-MM-DD" (PageService checks), so text order is date order.
const std::string kUpcomingMeetings =
    kSelectMeeting + ">= ? ORDER BY p.date, p.title_lower LIMIT ?";
const std::string kPastMeetings =
    kSelectMeeting + "< ? ORDER BY p.date DESC, p.title_lower LIMIT ?";

Meeting ReadMeeting(const Statement& row) {
  return Meeting{row.Int64(0), row.Text(1), row.Text(2), row.Text(3),
                 row.Text(4),  row.Text(5), row.Text(6), row.Int64(7)};
}

}  // namespace

std::vector<Meeting> SqlitePageStore::UpcomingMeetings(std::string_view today, int limit,
                                                       Audience audience) {
  if (limit <= 0) return {};
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kUpcomingMeetings, ReadMeeting, sqlite::AudienceFlag(audience), today,
                       limit);
  }));
}

std::vector<Meeting> SqlitePageStore::PastMeetings(std::string_view today, int limit,
                                                   Audience audience) {
  if (limit <= 0) return {};
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kPastMeetings, ReadMeeting, sqlite::AudienceFlag(audience), today, limit);
  }));
}

}  // namespace kring
