// Page, revision and link: the domain model of the wiki (see ARCHITECTURE.md, "Model").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Visibility.h"

namespace kring {

enum class PageKind { kPage, kPresentation, kBestPractice, kMinutes };

// "page", "presentation", "best-practice", "minutes".
std::string_view KindName(PageKind kind);
// Inverse of KindName; nullopt for anything else.
std::optional<PageKind> ParseKind(std::string_view name);
// Every kind, in display order.
const std::vector<PageKind>& AllKinds();

struct Topic {
  std::string slug;  // Slugify(name): the key, used in URLs and index terms
  std::string name;  // as first written by a member
};

// What a writer submits: the API's PUT body, the edit form, an imported file.
struct PageInput {
  std::string slug;  // empty: derived from the title
  std::string title;
  std::string body;  // Markdown
  PageKind kind = PageKind::kPage;
  std::vector<std::string> topics;  // names; slugs are derived
  std::string date;                 // "YYYY-MM-DD" or empty (meeting or presentation date)
  // The organisation that made or hosted the page ("Stad Roeselare"), as written; empty: none.
  // Its key is Slugify(organisation), like a topic's.
  std::string organisation;
  // The applications the page is about ("Recreatex", "Agility"), as written, like topics: each
  // keyed by Slugify(name). Search filters on them with app: (the register's /a/{slug}).
  std::vector<std::string> applications;
  // Where a meeting took place ("Stadhuis Roeselare, zaal 2"), as written; empty: not said.
  std::string place;
  // Who may read the page and its files; saved per revision like the other fields.
  Visibility visibility = Visibility::kPublic;
  std::string author;
  std::string comment;
  // The revision the writer started from. Set and older than the current one: kConflict.
  std::optional<int64_t> base_revision;
};

// A page as stored: its current revision with the rendering made when it was saved.
struct Page {
  std::string slug;
  std::string title;
  PageKind kind = PageKind::kPage;
  std::vector<Topic> topics;
  std::string date;          // "YYYY-MM-DD" or empty
  std::string organisation;  // as written in this revision, or empty; key: Slugify(organisation)
  std::string place;         // as written in this revision, or empty
  std::vector<std::string> applications;        // names as written in this revision
  Visibility visibility = Visibility::kPublic;  // of this revision
  int64_t revision = 0;                         // 1 for the first save, then +1 per save
  std::string body;                             // Markdown source
  std::string html;                             // rendered, safe to insert raw
  std::string text;                             // plain text of the body, for search and snippets
  std::string author;                           // of the current revision
  std::string created_at;                       // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string updated_at;                       // UTC, "YYYY-MM-DDTHH:MM:SSZ"
};

// What a writer would submit to save `page` again unchanged (slug, title, body, kind, topic
// names, date, organisation,
// applications, place, visibility; base_revision is its revision): the edit form's starting point,
// and the base of revisions made for the writer (a rename, rewritten links).
PageInput InputOf(const Page& page);

// One line of a page list (recent changes, topic page, backlinks).
struct PageSummary {
  std::string slug;
  std::string title;
  PageKind kind = PageKind::kPage;
  std::string date;
  std::string updated_at;
  std::string author;
};

struct RevisionInfo {
  int64_t number = 0;
  std::string author;
  std::string comment;
  std::string created_at;
  int64_t size = 0;  // bytes of Markdown
};

// Result of a successful save.
struct SaveOutcome {
  std::string slug;
  int64_t revision = 0;
  bool created = false;  // true when this save made the page
};

// A page's current revision linking to a slug that does not exist yet (a red link).
struct WantedPage {
  std::string slug;
  int64_t references = 0;
  std::vector<PageSummary> wanted_by;  // the pages linking to it, ordered by title
};

}  // namespace kring
