// MeetingViews: the view models that meetings appear in (the meetings list, the home page, the
// "discussed at" list of a presentation), with dates written out in the reader's language.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/Meetings.h"
#include "core/Page.h"
#include "http/Request.h"
#include "http/Views.h"

namespace kring::http {

// "2013-03-13" → "woensdag 13 maart 2013" (Dutch) or "Wednesday 13 March 2013" (English), the
// names from the message catalogue (weekday_0 = Sunday ... weekday_6, month_1 ... month_12).
// Anything that is not a valid ISO date comes back unchanged.
std::string LongDate(const Views& views, const Request& request, const std::string& iso);

// A meeting as lists show it: slug, title, date, date_label (LongDate), place, organisation,
// organisation_url and linked_pages.
nlohmann::json MeetingView(const Views& views, const Request& request, const Meeting& meeting);

// The backlinks of a page grouped by kind (GroupBacklinks), each group {kind, heading, id,
// meetings (true for minutes: the date leads), pages: [{slug, title, date, date_label}]}. For
// a presentation or best practice, the minutes group is headed "discussed at".
nlohmann::json BacklinkGroupsView(const Views& views, const Request& request, PageKind page_kind,
                                  const std::vector<PageSummary>& backlinks);

}  // namespace kring::http
