#include "search/DutchAnalysis.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "search/DocumentRecord.h"

using kring::search::CutUtf8;
using kring::search::DecodeDocumentRecord;
using kring::search::DocumentRecord;
using kring::search::DutchStopwords;
using kring::search::EncodeDocumentRecord;
using kring::search::MakeDutchStemmer;
using kring::search::ParseStopwords;
using kring::search::PrepareQueryText;
using kring::search::QueryWordsOnly;

TEST_CASE("the Dutch stemmer folds -ies onto -ie and otherwise stems like Porter") {
  Xapian::Stem stem = MakeDutchStemmer();
  CHECK(stem("presentaties") == stem("presentatie"));
  CHECK(stem("categorieën") == Xapian::Stem("dutch")("categorieën"));
  CHECK(stem("vergaderingen") == stem("vergadering"));
  CHECK(stem("ies") == Xapian::Stem("dutch")("ies"));  // too short to be a plural
  CHECK(stem.get_description() == "Xapian::Stem(" + std::string(kring::search::kStemmerName) + ")");
}

TEST_CASE("stopword files: one word a line, # comments, blanks and spaces ignored") {
  CHECK(ParseStopwords("# comment\nde\n\n  en \r\n#van\nhet") ==
        std::vector<std::string>{"de", "en", "het"});
  CHECK(ParseStopwords("").empty());
}

TEST_CASE("the embedded Dutch stopword list is the Snowball list") {
  const auto& words = DutchStopwords();
  CHECK(words.size() == 101);
  for (const char* word : {"de", "en", "van", "het", "een", "of", "andere"}) {
    CAPTURE(word);
    CHECK(std::find(words.begin(), words.end(), word) != words.end());
  }
}

TEST_CASE("query text is lowercased except for the capitalised operators") {
  struct Case {
    const char* typed;
    const char* prepared;
  };
  const Case cases[] = {
      {"Vergaderingen", "vergaderingen"},
      {"CRM OR GIS", "crm OR gis"},
      {"crm or gis", "crm or gis"},
      {"(Kennis AND Beheer) NOT Oud", "(kennis AND beheer) NOT oud"},
      {"a NEAR/3 b ADJ c", "a NEAR/3 b ADJ c"},
      {"NEARBY Andere", "nearby andere"},
      {"Titel:Zaalreservatie topic:CRM", "titel:zaalreservatie topic:crm"},
      {"\"De Raad\"", "\"de raad\""},
      {"ÉÉN", "één"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.typed);
    CHECK(PrepareQueryText(c.typed) == c.prepared);
  }
}

TEST_CASE("the words of a query, without syntax") {
  CHECK(QueryWordsOnly("\"unbalanced") == "unbalanced");
  CHECK(QueryWordsOnly("AND AND") == "");
  CHECK(QueryWordsOnly("(Kennis OR") == "kennis");
  CHECK(QueryWordsOnly("topic:crm één") == "topic crm één");
}

TEST_CASE("document records survive a round trip with any bytes") {
  DocumentRecord record{"a-b", "Titel: 12:3", "minutes", "2013-06-13",
                        std::string("tekst\n0:\x00 einde", 15)};
  auto decoded = DecodeDocumentRecord(EncodeDocumentRecord(record));
  REQUIRE(decoded.has_value());
  CHECK(decoded->slug == record.slug);
  CHECK(decoded->title == record.title);
  CHECK(decoded->kind == record.kind);
  CHECK(decoded->date == record.date);
  CHECK(decoded->text == record.text);

  CHECK_FALSE(DecodeDocumentRecord("").has_value());
  CHECK_FALSE(DecodeDocumentRecord("2;1:a").has_value());
  CHECK_FALSE(DecodeDocumentRecord("1;3:a-b").has_value());
  CHECK_FALSE(DecodeDocumentRecord("1;9999999999999999999999:a").has_value());
}

TEST_CASE("cutting text never splits a UTF-8 sequence") {
  CHECK(CutUtf8("abc", 10) == "abc");
  CHECK(CutUtf8("abc", 2) == "ab");
  CHECK(CutUtf8("aé", 2) == "a");  // é is two bytes
  CHECK(CutUtf8("aé", 3) == "aé");
  CHECK(CutUtf8("€", 2) == "");
}
