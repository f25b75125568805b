// The multipart/form-data parser: table-driven cases and a fixed-length fuzz loop.
#include "http/Multipart.h"

#include <doctest/doctest.h>

#include <random>

using kring::http::MultipartBoundary;
using kring::http::ParseMultipart;

using namespace std::string_literals;

namespace {
const std::string kBody =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
    "Verslag\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"slides \\\"v2\\\".pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\n"
    "%PDF-1.4\r\n--X not the boundary\r\n\x00\xff"
    "\r\n--XyZ--\r\n"s;
}  // namespace

TEST_CASE("the boundary comes from a multipart/form-data Content-Type only") {
  CHECK(MultipartBoundary("multipart/form-data; boundary=XyZ") == "XyZ");
  CHECK(MultipartBoundary("Multipart/Form-Data; boundary=\"a b\"") == "a b");
  CHECK_FALSE(MultipartBoundary("application/json").has_value());
  CHECK_FALSE(MultipartBoundary("multipart/form-data").has_value());
  CHECK_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST_CASE("parts keep their names, file names, types and exact bytes") {
  const std::string body(kBody.data(), kBody.size());
  auto parts = ParseMultipart(body, "XyZ");
  REQUIRE(parts.has_value());
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].name == "title");
  CHECK((*parts)[0].filename.empty());
  CHECK((*parts)[0].data == "Verslag");
  CHECK((*parts)[1].name == "file");
  CHECK((*parts)[1].filename == "slides \"v2\".pdf");
  CHECK((*parts)[1].content_type == "application/pdf");
  CHECK((*parts)[1].data == std::string_view("%PDF-1.4\r\n--X not the boundary\r\n\x00\xff", 34));
}

TEST_CASE("a ';' inside a quoted parameter value starts no parameter (found by fuzzing)") {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"a; filename=b.pdf\"\r\n\r\nx\r\n"
      "--XyZ\r\nContent-Disposition: form-data; x=\";\"; name=\"file\"; filename=\"c;d.pdf\""
      "\r\n\r\ny\r\n--XyZ--";
  auto parts = ParseMultipart(body, "XyZ");
  REQUIRE(parts.has_value());
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].name == "a; filename=b.pdf");
  CHECK((*parts)[0].filename.empty());
  CHECK((*parts)[1].name == "file");
  CHECK((*parts)[1].filename == "c;d.pdf");
}

TEST_CASE("malformed bodies are refused, not misread") {
  const char* cases[] = {
      "",
      "--XyZ",
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing boundary",
      "--XyZ\r\nno header separator",
      "--XyZ\r\nNoColonHere\r\n\r\nx\r\n--XyZ--",
      "--XyZjunk",
  };
  for (const char* body : cases) {
    CAPTURE(body);
    CHECK_FALSE(ParseMultipart(body, "XyZ").has_value());
  }
  std::string many;
  for (int i = 0; i < 150; ++i)
    many += "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
  many += "--XyZ--";
  CHECK_FALSE(ParseMultipart(many, "XyZ").has_value());
}

TEST_CASE("fuzz: 20,000 mutated bodies never crash and parts stay inside the body") {
  std::mt19937 random(20261129);
  const std::string seed(kBody.data(), kBody.size());
  for (int i = 0; i < 20000; ++i) {
    std::string body = seed;
    const int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % (body.size() + 1);
      switch (random() % 4) {
        case 0:
          if (at < body.size()) body[at] = static_cast<char>(random());
          break;
        case 1:
          body.insert(at, 1, "\r\n-\"=;X"[random() % 7]);
          break;
        case 2:
          if (at < body.size()) body.erase(at, 1 + random() % 16);
          break;
        case 3:
          body.resize(at);
          break;
      }
    }
    auto parts = ParseMultipart(body, "XyZ");
    if (!parts) continue;
    for (const auto& part : *parts) {
      CHECK(part.data.data() >= body.data());
      CHECK(part.data.data() + part.data.size() <= body.data() + body.size());
    }
  }
}
