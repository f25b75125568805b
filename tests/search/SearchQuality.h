// Search quality: a labelled query set (queries.tsv) run against an index, scored as recall@10
// and MRR. Used by SearchQuality_test.cc (which fails below measured thresholds) and by the
// search_quality program (scripts/bench prints its figures). Header-only, no doctest, so both
// can include it. Not thread-safe (one index writer per folder).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/Page.h"
#include "core/SearchIndex.h"
#include "core/Text.h"
#include "search/XapianIndexWriter.h"

namespace kring::testing {

// One line of queries.tsv: the query, TAB, the slugs a member expects (space-separated; the
// first is the one that should rank first).
struct LabelledQuery {
  std::string query;
  std::vector<std::string> slugs;
};

// Lines "query<TAB>slug slug...", '#' comments and blank lines skipped.
inline std::vector<LabelledQuery> ParseLabelledQueries(std::string_view tsv) {
  std::vector<LabelledQuery> queries;
  std::istringstream in{std::string(tsv)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    LabelledQuery labelled{line.substr(0, tab), {}};
    std::istringstream slugs(line.substr(tab + 1));
    std::string slug;
    while (slugs >> slug) labelled.slugs.push_back(slug);
    if (!labelled.slugs.empty()) queries.push_back(std::move(labelled));
  }
  return queries;
}

inline std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A page per Markdown file under `docs_dir`: slug from the relative path without ".md"
// ("themas/caching.md" → "themas-caching"), title from the front matter's title: or the first
// "# " heading, text = the file without its front matter. Sorted by slug.
inline std::vector<Page> CorpusPages(const std::string& docs_dir) {
  std::vector<Page> pages;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(docs_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    std::string relative = std::filesystem::relative(entry.path(), docs_dir).string();
    relative.resize(relative.size() - 3);
    std::replace(relative.begin(), relative.end(), '/', ' ');
    Page page;
    page.slug = Slugify(relative);
    std::string text = ReadFileText(entry.path());
    if (text.starts_with("---")) {
      const size_t end = text.find("\n---", 3);
      if (end != std::string::npos) {
        std::istringstream front(text.substr(3, end - 3));
        std::string line;
        while (std::getline(front, line)) {
          if (line.starts_with("title:")) page.title = Trim(line.substr(6));
        }
        text = text.substr(end + 4);
      }
    }
    if (page.title.size() >= 2 && (page.title[0] == '"' || page.title[0] == '\'')) {
      page.title = page.title.substr(1, page.title.size() - 2);
    }
    if (page.title.empty()) {
      const size_t heading = text.find("# ");
      if (heading != std::string::npos) {
        page.title = Trim(text.substr(heading + 2, text.find('\n', heading) - heading - 2));
      }
    }
    if (page.title.empty()) page.title = relative;
    page.text = text;
    page.body = text;
    page.revision = 1;
    page.created_at = page.updated_at = "2020-01-01T00:00:00Z";
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(),
            [](const Page& a, const Page& b) { return a.slug < b.slug; });
  return pages;
}

// Pages written for the query set: Flemish municipal ICT text with the compounds, ellipses,
// plurals and synonyms that the Dutch analysis must handle.
inline std::vector<Page> HandWrittenPages() {
  struct Spec {
    const char* slug;
    const char* title;
    const char* text;
  };
  static constexpr Spec kSpecs[] = {
      {"kennisbeheer", "Kennisbeheer in de gemeente",
       "Kennisbeheer helpt medewerkers om procedures en afspraken terug te vinden. Goed "
       "kennisbeheer begint bij een duidelijke eigenaar per onderwerp."},
      {"kennis-en-databeheer", "Organisatie van de dienst ICT",
       "De dienst ICT staat in voor het kennis- en databeheer van alle diensten, voor de "
       "servers en voor de werkplekken van het personeel."},
      {"beheer-van-kennis", "Beheer van kennis bij pensioneringen",
       "Wanneer ervaren collega's met pensioen gaan, vraagt het beheer van kennis extra "
       "aandacht: leg vast wat zij weten voor hun opvolgers."},
      {"kennisbeheersysteem", "Een kennisbeheersysteem kiezen",
       "We vergeleken drie pakketten. Het gekozen kennisbeheersysteem draait in de cloud en "
       "koppelt met de mailbox van de medewerkers."},
      {"zaalreservaties", "Zaalreservaties in het administratief centrum",
       "Zaalreservaties voor verenigingen lopen via het e-loket. De vrijetijdsdienst bevestigt "
       "elke aanvraag binnen twee werkdagen."},
      {"informatieveiligheid", "Informatiebeheer en -veiligheid",
       "De functionaris voor gegevensbescherming adviseert over informatiebeheer en "
       "-veiligheid, zoals de classificatie van documenten en het bewaren van logbestanden."},
      {"klantrelatiebeheer", "Klantrelatiebeheer voor het klantcontactcentrum",
       "Het klantcontactcentrum registreert elk contact met burgers in het "
       "klantrelatiebeheerpakket, zodat een medewerker de vorige vragen ziet."},
      {"storingsmeldingen", "Meldingen van storingen opvolgen",
       "Elke melding komt binnen bij de servicedesk en krijgt een prioriteit. Dringende "
       "meldingen worden binnen het uur opgepakt."},
      {"presentaties-studiedag", "Presentaties van de studiedag",
       "De presentaties van de studiedag over digitale dienstverlening staan hier, met de "
       "slides van elke spreker."},
      {"wachtwoordbeleid", "Wachtwoordbeleid",
       "Het wachtwoordbeleid vraagt zinnen van minstens vijftien tekens en tweestapsverificatie "
       "voor wie van thuis werkt."},
  };
  std::vector<Page> pages;
  for (const Spec& spec : kSpecs) {
    Page page;
    page.slug = spec.slug;
    page.title = spec.title;
    page.text = page.body = spec.text;
    page.revision = 1;
    page.created_at = page.updated_at = "2024-01-01T00:00:00Z";
    pages.push_back(std::move(page));
  }
  return pages;
}

// Indexes the corpus pages and the hand-written ones into `index_dir`; false (with the
// reason in `error`) on failure.
inline bool BuildQualityIndex(const std::string& docs_dir, const std::string& index_dir,
                              std::string& error) {
  auto writer = XapianIndexWriter::Open(index_dir);
  if (!writer.ok()) {
    error = writer.error().message;
    return false;
  }
  std::vector<Page> pages = CorpusPages(docs_dir);
  for (Page& page : HandWrittenPages()) pages.push_back(std::move(page));
  for (const Page& page : pages) {
    Status status = writer.value()->Index(page);
    if (!status.ok()) {
      error = status.error().message;
      return false;
    }
  }
  Status status = writer.value()->Commit();
  if (!status.ok()) error = status.error().message;
  return status.ok();
}

struct QualityReport {
  double recall_at_10 = 0;          // mean share of a query's expected slugs in its top 10
  double mrr = 0;                   // mean of 1 / rank of the first expected slug (0: not found)
  std::vector<std::string> misses;  // "query: missing slug" for each expected slug not found
};

inline QualityReport MeasureQuality(SearchIndex& index, const std::vector<LabelledQuery>& queries) {
  QualityReport report;
  if (queries.empty()) return report;
  for (const LabelledQuery& labelled : queries) {
    SearchQuery query;
    query.text = labelled.query;
    query.page_size = 10;
    Result<SearchResults> results = index.Search(query);
    std::vector<std::string> slugs;
    if (results.ok()) {
      for (const SearchHit& hit : results.value().hits) slugs.push_back(hit.slug);
    } else {
      report.misses.push_back(labelled.query + ": " + results.error().message);
    }
    size_t found = 0;
    size_t first_rank = 0;
    for (const std::string& expected : labelled.slugs) {
      auto at = std::find(slugs.begin(), slugs.end(), expected);
      if (at == slugs.end()) {
        report.misses.push_back(labelled.query + ": " + expected);
        continue;
      }
      ++found;
      const size_t rank = static_cast<size_t>(at - slugs.begin()) + 1;
      if (first_rank == 0 || rank < first_rank) first_rank = rank;
    }
    report.recall_at_10 += static_cast<double>(found) / static_cast<double>(labelled.slugs.size());
    if (first_rank > 0) report.mrr += 1.0 / static_cast<double>(first_rank);
  }
  report.recall_at_10 /= static_cast<double>(queries.size());
  report.mrr /= static_cast<double>(queries.size());
  return report;
}

}  // namespace kring::testing
