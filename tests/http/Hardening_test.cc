// Abusive clients (slow, oversized, malformed requests) against the real server with one I/O
// thread, which a well-behaved client shares with them: it must still be answered meanwhile.
#include <csignal>
#include <future>

#include "RawSocket.h"
#include "TestServer.h"
#include "core/Resources.h"

namespace kring::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// One I/O thread, short timeouts so that the tests do not wait long.
TestServer HardenedServer() {
  std::signal(SIGPIPE, SIG_IGN);  // as main() does: a closed connection must not end the test
  return TestServer(false, {}, [](AppOptions& options) {
    options.threads = 1;
    options.header_timeout = milliseconds(1000);
    options.body_timeout = milliseconds(2000);
  });
}

// A well-behaved client's GET / is answered 200 within 2 s (a liveness bound, not a benchmark).
void ExpectServed(const TestServer& server) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(5, 0);
  const auto start = steady_clock::now();
  auto res = client.Get("/");
  const auto took = steady_clock::now() - start;
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(took < milliseconds(2000));
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

TEST_CASE("a header sent byte by byte is cut off by the header timeout; others are served") {
  TestServer server = HardenedServer();
  RawSocket slow(server.port());
  const std::string header =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');  // never ends
  auto trickle = std::async(std::launch::async, [&] {
    const auto start = steady_clock::now();
    for (char c : header) {
      if (!slow.Send(std::string(1, c))) break;
      std::this_thread::sleep_for(milliseconds(25));
    }
    return steady_clock::now() - start;
  });
  std::this_thread::sleep_for(milliseconds(200));
  ExpectServed(server);
  const std::string answer = slow.ReadUntilClosed(milliseconds(5000));
  CHECK(slow.closed());
  CHECK((answer.empty() || StartsWith(answer, "HTTP/1.1 408")));
  CHECK(trickle.get() < milliseconds(4000));  // the server ended it before the header did
}

TEST_CASE("a 1 MiB header is answered 431 and the connection closed; others are served") {
  TestServer server = HardenedServer();
  RawSocket junk(server.port());
  auto flood = std::async(std::launch::async, [&] {
    return junk.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " +
                     std::string(1024 * 1024, 'j'));
  });
  ExpectServed(server);
  flood.get();
  const std::string answer = junk.ReadUntilClosed(milliseconds(5000));
  CHECK(junk.closed());
  CHECK(StartsWith(answer, "HTTP/1.1 431"));
  ExpectServed(server);
}

TEST_CASE("a header just over the limit is answered 431; one under it is served") {
  TestServer server = HardenedServer();
  {
    RawSocket big(server.port());
    REQUIRE(big.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(17 * 1024, 'b') +
                     "\r\n\r\n"));
    const std::string answer = big.ReadUntilClosed(milliseconds(5000));
    CHECK(StartsWith(answer, "HTTP/1.1 431"));
    CHECK(Contains(answer, "Content-Security-Policy"));
    CHECK(big.closed());
  }
  auto res = server.Get("/", {{"X-Fine", std::string(12 * 1024, 'f')}});
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("a header that arrives in pieces is parsed once it ends") {
  TestServer server = HardenedServer();
  RawSocket split(server.port());
  REQUIRE(split.Send("GET /healthz HTTP/1.1\r\nHo"));
  std::this_thread::sleep_for(milliseconds(100));
  REQUIRE(split.Send("st: 127.0.0.1\r\nConnection: close\r\n"));
  std::this_thread::sleep_for(milliseconds(100));
  REQUIRE(split.Send("\r\n"));
  CHECK(StartsWith(split.ReadUntilClosed(milliseconds(5000)), "HTTP/1.1 200"));
}

TEST_CASE("a body shorter than announced is cut off by the body timeout; others are served") {
  TestServer server = HardenedServer();
  RawSocket stall(server.port());
  REQUIRE(
      stall.Send("POST /new HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\n"
                 "Content-Length: 100000\r\n\r\ntitle=half"));
  ExpectServed(server);
  const auto start = steady_clock::now();
  const std::string answer = stall.ReadUntilClosed(milliseconds(6000));
  CHECK(stall.closed());
  CHECK((answer.empty() || StartsWith(answer, "HTTP/1.1 408")));
  CHECK(steady_clock::now() - start < milliseconds(4000));
  ExpectServed(server);
}

TEST_CASE("Expect: 100-continue is answered before the body is sent") {
  TestServer server = HardenedServer();
  const std::string body = R"({"title":"Verder","body":"Na honderd."})";
  RawSocket client(server.port());
  REQUIRE(
      client.Send("PUT /api/v1/pages/verder HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Authorization: Bearer " +
                  server.admin_token() +
                  "\r\n"
                  "Content-Type: application/json\r\nConnection: close\r\n"
                  "Expect: 100-continue\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n"));
  // Without the interim answer nothing arrives until the read gives up.
  const std::string interim = client.ReadUntilClosed(milliseconds(500));
  CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
  REQUIRE(client.Send(body));
  const std::string answer = client.ReadUntilClosed(milliseconds(3000));
  CHECK(StartsWith(answer, "HTTP/1.1 201"));
  CHECK(GetJson(server, "/api/v1/pages/verder")["title"] == "Verder");
}

TEST_CASE("a body over its route's limit is answered 413 before it is read, and closed") {
  TestServer server = HardenedServer();
  struct Case {
    std::string request_line;
    std::string content_type;
    bool json;
  };
  const std::vector<Case> cases = {
      {"POST /p/anything/edit HTTP/1.1", "application/x-www-form-urlencoded", false},
      {"PUT /api/v1/pages/anything HTTP/1.1", "application/json", true},
      {"POST /search HTTP/1.1", "text/plain", false},  // no such route: the default limit
  };
  for (const Case& c : cases) {
    CAPTURE(c.request_line);
    RawSocket big(server.port());
    const size_t announced = 64 * 1024 * 1024;  // over every route's limit, the upload's too
    REQUIRE(big.Send(c.request_line + "\r\nHost: 127.0.0.1\r\nContent-Type: " + c.content_type +
                     "\r\nContent-Length: " + std::to_string(announced) + "\r\n\r\n"));
    auto sending = std::async(std::launch::async, [&] {
      // The client goes on sending: the server drops it and still answers.
      for (int i = 0; i < 64 && big.Send(std::string(64 * 1024, 'x')); ++i) {
      }
    });
    const std::string answer = big.ReadUntilClosed(milliseconds(5000));
    sending.get();
    CHECK(StartsWith(answer, "HTTP/1.1 413"));
    CHECK(Contains(answer, c.json ? "{\"error\"" : "<html"));
    CHECK(big.closed());
  }
  ExpectServed(server);
}

TEST_CASE("a body under the upload limit but over a form's limit is refused only on the form") {
  TestServer server = HardenedServer();
  const std::string two_mib(2 * 1024 * 1024, 'a');
  auto form =
      server.Client()->Post("/p/big/edit", "body=" + two_mib, "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 413);
  server.SavePage("big", {{"title", "Big"}, {"body", "A page for files."}});
  httplib::MultipartFormDataItems parts = {{"file", two_mib, "big.txt", "text/plain"}};
  auto upload = server.Client()->Post("/api/v1/pages/big/files", parts);
  REQUIRE(upload);
  CHECK(upload->status == 201);
}

TEST_CASE("a malformed request line is answered 400 and closed") {
  TestServer server = HardenedServer();
  RawSocket bad(server.port());
  REQUIRE(bad.Send("BREW /pot HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  const std::string answer = bad.ReadUntilClosed(milliseconds(5000));
  CHECK(StartsWith(answer, "HTTP/1.1 400"));
  CHECK(bad.closed());
  ExpectServed(server);
}

// The CSP forbids inline script, event-handler attributes and inline styles: none may appear
// in the templates or the static files they load.
TEST_CASE("templates hold no inline script, event attribute or style attribute") {
  const std::vector<std::string> files = ListResources("templates/");
  REQUIRE(!files.empty());
  for (const std::string& file : files) {
    CAPTURE(file);
    const std::string text = LoadResource(file).value_or("");
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (file.ends_with(".js")) {  // script-src 'self' without 'unsafe-eval'
      CHECK_MESSAGE(!Contains(text, "eval("), "eval in " << file);
      CHECK_MESSAGE(!Contains(text, "new Function"), "new Function in " << file);
      continue;
    }
    if (!file.ends_with(".mustache") && !file.ends_with(".html")) continue;
    for (size_t at = lower.find("<script"); at != std::string::npos;
         at = lower.find("<script", at + 1)) {
      const std::string tag = lower.substr(at, lower.find('>', at) - at);
      CHECK_MESSAGE(Contains(tag, " src="), "inline <script> in " << file);
    }
    CHECK_MESSAGE(!Contains(lower, " style="), "style attribute in " << file);
    for (size_t at = lower.find(" on"); at != std::string::npos; at = lower.find(" on", at + 1)) {
      size_t end = at + 3;
      while (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))) ++end;
      const bool attribute = end > at + 3 && end < lower.size() && lower[end] == '=';
      CHECK_MESSAGE(!attribute, "event attribute in " << file << ": " << lower.substr(at, 20));
    }
  }
}

}  // namespace
}  // namespace kring::testing
