// DemoContent: the example knowledge base a fresh installation starts with, so that a new
// kenniskring sees minutes, presentations, best practices and topic pages linked together
// before anyone has written a line.
#pragma once

#include "core/PageService.h"
#include "core/Result.h"

namespace kring {

// Saves every embedded `demo/*.md` resource (in path order) as a page. Each file starts with
// YAML front matter: `title:` (required; the slug is Slugify(title), so `[[Title]]` links
// between demo pages resolve), `kind:` (page, presentation, best-practice or minutes; default
// page), `topics:` (a list), `date:` (YYYY-MM-DD), `organisatie:` and `plaats:` (see
// FrontMatter) and `author:` (default "kring"). Revisions
// get the comment "Demo content".
//
// Meant for an empty store (the app calls it on first start): on a store that already holds a
// demo page, that page gets a new revision. Returns the number of pages created. Errors: a
// demo file that cannot be read or parsed (kInternal: the embedded content is broken), or
// PageService's error for the first page it refuses, naming the file; pages saved before the
// failure are kept.
Result<int> SeedDemoContent(PageService& pages);

}  // namespace kring
