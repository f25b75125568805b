// ImportDates: the dates an import reads from front matter and file names, as ISO "YYYY-MM-DD".
// Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>

namespace kring {

// "YYYY-MM-DD" for the date forms found in front matter: "2019-06-20", "20-6-2018",
// "20/06/2018", "2018-06-20 10:00", "2018-06-20T10:00:00Z", "20 juni 2018" (Dutch month names).
// Day-month-year order for the short forms, as written in Flanders and the Netherlands.
// Empty for anything else, including impossible dates ("31-02-2019").
std::string NormalizeDate(std::string_view raw);

// The date a file name starts with ("20180802-demo-sprint-2", "2019-06-20 overleg" in a path
// "verslagen/2019-06-20 overleg.md"), as NormalizeDate writes it; "" when none.
std::string DateFromFileName(std::string_view relative_path);

}  // namespace kring
