#include "core/Text.h"

#include <doctest/doctest.h>

using kring::IsValidSlug;
using kring::IsValidUtf8;
using kring::PercentEncode;
using kring::Slugify;

TEST_CASE("Slugify folds accents, punctuation and case into dashes") {
  struct Case {
    const char* title;
    const char* slug;
  };
  const Case cases[] = {
      {"Kennisbeheer", "kennisbeheer"},
      {"Zaalreservatie — Recreatex", "zaalreservatie-recreatex"},
      {"Café Één", "cafe-een"},
      {"  CRM & mid-office  ", "crm-mid-office"},
      {"Vergadering 13/06/2013", "vergadering-13-06-2013"},
      {"!!!", ""},
      {"Straße", "strase"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.title);
    CHECK(Slugify(c.title) == c.slug);
    if (*c.slug) CHECK(IsValidSlug(Slugify(c.title)));
  }
}

TEST_CASE("IsValidSlug refuses what Slugify never makes") {
  CHECK(IsValidSlug("mid-office"));
  CHECK_FALSE(IsValidSlug(""));
  CHECK_FALSE(IsValidSlug("-a"));
  CHECK_FALSE(IsValidSlug("a--b"));
  CHECK_FALSE(IsValidSlug("A"));
  CHECK_FALSE(IsValidSlug("a/b"));
}

TEST_CASE("IsValidUtf8 rejects malformed sequences") {
  CHECK(IsValidUtf8("kennis- en databeheer"));
  CHECK(IsValidUtf8("één €"));
  CHECK_FALSE(IsValidUtf8("\xff"));
  CHECK_FALSE(IsValidUtf8("\xc3"));              // truncated
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("PercentEncode leaves only unreserved characters") {
  CHECK(PercentEncode("Nieuwe pagina") == "Nieuwe%20pagina");
  CHECK(PercentEncode("a-b_c.d~e") == "a-b_c.d~e");
  CHECK(PercentEncode("x\" onmouseover=\"y") == "x%22%20onmouseover%3D%22y");
  CHECK(PercentEncode("é&?#/") == "%C3%A9%26%3F%23%2F");
}
