// Visibility: who may read a page (and its files and text), and Audience: whom a list, a search
// or a feed is made for. Every reader-facing query below HTTP takes an Audience, so that what a
// reader may not see is left out where the data is read (counts and limits included), not
// filtered afterwards. Plain data and pure functions: thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/Accounts.h"

namespace kring {

// A page is readable by everyone, or by members only (and then so are its files).
enum class Visibility { kPublic, kMembers };

// "public", "members".
std::string_view VisibilityName(Visibility visibility);
// Inverse of VisibilityName; nullopt for anything else.
std::optional<Visibility> ParseVisibility(std::string_view name);

// kPublic: anyone, signed in or not, who may not read members-only pages; sees public pages
// only. kMembers: members (and the roles above them); sees every page. Internal work (indexing,
// renames, imports) reads as kMembers.
enum class Audience { kPublic, kMembers };

// The audience a reader belongs to (Viewer::reads_members_pages).
Audience AudienceOf(const Viewer& viewer);

// Whether a page of `visibility` is shown to `audience`.
bool VisibleTo(Visibility visibility, Audience audience);

}  // namespace kring
