// search_quality: prints "recall@10 X, MRR Y" for the labelled query set (scripts/bench).
//   search_quality CORPUS_DIR [QUERIES_TSV]      indexes CORPUS_DIR/docs and the hand-written
//                                                pages into a temporary folder first
//   search_quality --index XAPIAN_DIR [QUERIES_TSV]   runs against an existing index
// QUERIES_TSV defaults to tests/search/queries.tsv. Exit status 1 on errors.
#include <iostream>
#include <string>

#include "SearchQuality.h"
#include "TempDir.h"
#include "search/XapianSearchIndex.h"

int main(int argc, char** argv) {
  using namespace kring::testing;
  if (argc < 2) {
    std::cerr << "usage: search_quality CORPUS_DIR [QUERIES_TSV]\n"
                 "       search_quality --index XAPIAN_DIR [QUERIES_TSV]\n";
    return 1;
  }
  const std::string first = argv[1];
  const bool existing = first == "--index";
  const int queries_arg = existing ? 3 : 2;
  if (existing && argc < 3) {
    std::cerr << "search_quality: --index needs a folder\n";
    return 1;
  }
  const std::string queries_path = argc > queries_arg ? argv[queries_arg] : KRING_SEARCH_QUERIES;
  const auto queries = ParseLabelledQueries(ReadFileText(queries_path));
  if (queries.empty()) {
    std::cerr << "search_quality: no queries in " << queries_path << "\n";
    return 1;
  }
  TempDir tmp;
  std::string dir = existing ? std::string(argv[2]) : tmp.File("xapian");
  if (!existing) {
    std::string error;
    if (!BuildQualityIndex(first + "/docs", dir, error)) {
      std::cerr << "search_quality: " << error << "\n";
      return 1;
    }
  }
  kring::XapianSearchIndex index(dir);
  const QualityReport report = MeasureQuality(index, queries);
  for (const std::string& miss : report.misses) std::cerr << "miss: " << miss << "\n";
  std::cout << "recall@10 " << report.recall_at_10 << ", MRR " << report.mrr << "\n";
  return 0;
}
