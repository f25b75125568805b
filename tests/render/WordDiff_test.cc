// WordDiff: word-level differences of two texts (revisions, edit conflicts).
#include "render/WordDiff.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace kring {
namespace {

// git's --word-diff picture: removed text as [-text-], added text as {+text+}.
std::string Describe(const std::vector<DiffSegment>& segments) {
  std::string out;
  for (const DiffSegment& s : segments) {
    if (s.op == DiffOp::kRemoved) {
      out += "[-" + s.text + "-]";
    } else if (s.op == DiffOp::kAdded) {
      out += "{+" + s.text + "+}";
    } else {
      out += s.text;
    }
  }
  return out;
}

// Both texts come back from the segments, and no two neighbours share an op.
void CheckReassembles(const std::string& before, const std::string& after,
                      const std::vector<DiffSegment>& segments) {
  std::string old_text;
  std::string new_text;
  for (size_t i = 0; i < segments.size(); ++i) {
    CHECK_FALSE(segments[i].text.empty());
    if (i > 0) CHECK(segments[i].op != segments[i - 1].op);
    if (segments[i].op != DiffOp::kAdded) old_text += segments[i].text;
    if (segments[i].op != DiffOp::kRemoved) new_text += segments[i].text;
  }
  CHECK(old_text == before);
  CHECK(new_text == after);
}

struct Case {
  const char* name;
  std::string before;
  std::string after;
  std::string expected;
};

TEST_CASE("word diffs of Dutch text, as data") {
  const std::vector<Case> cases = {
      {"identical", "De kring vergadert in Roeselare.", "De kring vergadert in Roeselare.",
       "De kring vergadert in Roeselare."},
      {"one word replaced", "De kring vergadert in Roeselare.", "De kring vergadert in Izegem.",
       "De kring vergadert in [-Roeselare-]{+Izegem+}."},
      {"a word added", "Het verslag van de vergadering",
       "Het goedgekeurde verslag van de vergadering",
       "Het {+goedgekeurde +}verslag van de vergadering"},
      {"a word removed", "De nieuwe mid-office werkt", "De mid-office werkt",
       "De [-nieuwe -]mid-office werkt"},
      {"three words replaced read as one change", "we kozen voor Recreatex vorig jaar",
       "we kozen voor een eigen toepassing vorig jaar",
       "we kozen voor [-Recreatex-]{+een eigen toepassing+} vorig jaar"},
      {"neighbouring replacements join over the space", "agenda: punt een twee drie",
       "agenda: item vier vijf zes", "agenda: [-punt een twee drie-]{+item vier vijf zes+}"},
      {"punctuation is compared apart from the word", "Zie [[Kennisbeheer]].",
       "Zie [[Kennisbeheer]]!", "Zie [[Kennisbeheer]][-.-]{+!+}"},
      {"Markdown emphasis added around a word", "een belangrijke beslissing",
       "een **belangrijke** beslissing", "een {+**+}belangrijke{+**+} beslissing"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto segments = WordDiff(c.before, c.after);
    CHECK(Describe(segments) == c.expected);
    CheckReassembles(c.before, c.after, segments);
  }
}

TEST_CASE("UTF-8 multibyte words are never split") {
  CHECK(DiffTokens("één café, ŝ—x") ==
        std::vector<std::string>{"één", " ", "café", ",", " ", "ŝ—x"});
  const auto segments = WordDiff("Het café in Ieper", "Het cafè in Ieper");
  CHECK(Describe(segments) == "Het [-café-]{+cafè+} in Ieper");
  const auto accents = WordDiff("één ideë", "één idee");
  CHECK(Describe(accents) == "één [-ideë-]{+idee+}");
  CheckReassembles("één ideë", "één idee", accents);
}

TEST_CASE("whitespace changes are differences too") {
  SUBCASE("an extra space") {
    const auto segments = WordDiff("twee woorden", "twee  woorden");
    CHECK(Describe(segments) == "twee[- -]{+  +}woorden");
  }
  SUBCASE("a line break instead of a space") {
    const auto segments = WordDiff("eerste zin. tweede zin.", "eerste zin.\ntweede zin.");
    CHECK(Describe(segments) == "eerste zin.[- -]{+\n+}tweede zin.");
  }
  SUBCASE("Windows line ends against Unix ones") {
    CheckReassembles("a\r\nb\r\n", "a\nb\n", WordDiff("a\r\nb\r\n", "a\nb\n"));
  }
}

TEST_CASE("an empty side is all added or all removed") {
  CHECK(WordDiff("", "").empty());
  CHECK(WordDiff("", "Nieuwe pagina") ==
        std::vector<DiffSegment>{{DiffOp::kAdded, "Nieuwe pagina"}});
  CHECK(WordDiff("Oude tekst\n", "") ==
        std::vector<DiffSegment>{{DiffOp::kRemoved, "Oude tekst\n"}});
  CHECK(DiffTokens("").empty());
}

// A page of `lines` lines of distinct words; `tag` makes the words differ between texts.
std::string Lines(int lines, const std::string& tag) {
  std::string text;
  for (int i = 0; i < lines; ++i) {
    text += "regel " + std::to_string(i) + " met woord" + tag + std::to_string(i) + " en meer\n";
  }
  return text;
}

TEST_CASE("large texts are compared line by line first and stay exact") {
  // Edits at the top and the bottom of a long page: too many words to compare at once.
  std::string before = Lines(3000, "a");
  std::string after = before;
  after.replace(after.find("woorda5 "), 8, "gewijzigd ");
  after.replace(after.find("woorda2990 "), 11, "ook ");
  const auto segments = WordDiff(before, after);
  CheckReassembles(before, after, segments);
  int changes = 0;
  for (const auto& s : segments) changes += s.op == DiffOp::kRemoved ? 1 : 0;
  CHECK(changes == 2);
  CHECK(Describe(segments).find("[-woorda5-]{+gewijzigd+}") != std::string::npos);
  CHECK(Describe(segments).find("[-woorda2990-]{+ook+}") != std::string::npos);
}

TEST_CASE("a full rewrite of a large page is answered, removed and added whole where needed") {
  const std::string before = Lines(4000, "a");
  const std::string after = Lines(4000, "b");
  const auto segments = WordDiff(before, after);
  CheckReassembles(before, after, segments);
  // Text with no line breaks at all, every word different.
  std::string one_line_a;
  std::string one_line_b;
  for (int i = 0; i < 20000; ++i) {
    one_line_a += "x" + std::to_string(i) + " ";
    one_line_b += "y" + std::to_string(i) + " ";
  }
  CheckReassembles(one_line_a, one_line_b, WordDiff(one_line_a, one_line_b));
}

}  // namespace
}  // namespace kring
