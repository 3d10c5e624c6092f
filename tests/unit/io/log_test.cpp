// The log's line formats: JSON Lines that parse one by one, and the terminal's text.
#include "io/log.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <vector>

using namespace acgprov;
namespace iolog = acgprov::io::log;

BOOST_AUTO_TEST_SUITE(log_tests)

BOOST_AUTO_TEST_CASE(json_line) {
  const std::string id = "9f1c";
  std::vector<iolog::field> fields{{"requestId", id},
                                   {"status", 503},
                                   {"attempt", 2u},
                                   {"elapsedMs", std::uint64_t{1234}},
                                   {"rate", 1.5},
                                   {"torn", true},
                                   {"note", "line\nbreak \"quoted\""}};
  auto line = iolog::format_json(std::chrono::system_clock::from_time_t(1738288800) + std::chrono::milliseconds(7),
                                 iolog::level::warning, "request_failed", "PUT /accounts/x failed", fields);
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(line.find('\n') == line.size() - 1);  // one line, whatever the values hold
  auto doc = boost::json::parse(line).as_object();
  BOOST_TEST(doc.at("time").as_string() == "2025-01-31T02:00:00.007Z");
  BOOST_TEST(doc.at("level").as_string() == "warning");
  BOOST_TEST(doc.at("event").as_string() == "request_failed");
  BOOST_TEST(doc.at("message").as_string() == "PUT /accounts/x failed");
  BOOST_TEST(doc.at("requestId").as_string() == "9f1c");
  BOOST_TEST(doc.at("status").as_int64() == 503);
  BOOST_TEST(doc.at("attempt").to_number<int>() == 2);
  BOOST_TEST(doc.at("elapsedMs").to_number<int>() == 1234);
  BOOST_TEST(doc.at("rate").as_double() == 1.5);
  BOOST_TEST(doc.at("torn").as_bool());
  BOOST_TEST(doc.at("note").as_string() == "line\nbreak \"quoted\"");
}

BOOST_AUTO_TEST_CASE(text_line) {
  std::vector<iolog::field> fields{{"status", 503}, {"path", "/accounts/x"}, {"error", ""}, {"note", "two words"}};
  BOOST_TEST(iolog::format_text(iolog::level::warning, "request failed", fields) ==
             "acgprov: warning: request failed (status=503 path=/accounts/x error=\"\" note=\"two words\")\n");
  BOOST_TEST(iolog::format_text(iolog::level::info, "10 rows: synced 10", {}) == "acgprov: 10 rows: synced 10\n");
}

// A server's string on a terminal: its escape sequences, carriage returns and line breaks are
// shown, never acted on (a message cannot recolour the terminal or forge a second log line).
BOOST_AUTO_TEST_CASE(text_line_escapes_control_characters) {
  const std::string from_server = "Bad\x1b[2J\x1b[31mrequest\r\nacgprov: forged line\x07\xc2\x9b";
  std::vector<iolog::field> fields{{"error", from_server}, {"code", "A\x1b]0;title\x07"}};
  const auto line = iolog::format_text(iolog::level::error, "HTTP 400: " + from_server, fields);
  BOOST_TEST(line.find('\n') == line.size() - 1, line);
  for (char c : line.substr(0, line.size() - 1)) BOOST_TEST((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f), line);
  BOOST_TEST(line.find("\xc2\x9b") == std::string::npos, line);
  BOOST_TEST(line.find("Bad\\x1b[2J\\x1b[31mrequest\\x0d\\x0aacgprov: forged line\\x07\\u009b") != std::string::npos,
             line);
}

BOOST_AUTO_TEST_CASE(levels_and_formats) {
  iolog::format f = iolog::format::text;
  BOOST_TEST(iolog::parse_format("json", f));
  BOOST_TEST((f == iolog::format::json));
  BOOST_TEST(!iolog::parse_format("xml", f));
  iolog::configure(iolog::format::json, false);
  BOOST_TEST(!iolog::enabled(iolog::level::debug));
  BOOST_TEST(iolog::enabled(iolog::level::warning));
  iolog::configure(iolog::format::json, true);
  BOOST_TEST(iolog::enabled(iolog::level::debug));

  // Written lines, with a status line drawn in between, still parse one by one.
  std::FILE* out = std::tmpfile();
  BOOST_TEST_REQUIRE(out);
  iolog::set_output(out);
  iolog::info("a", "first", {{"n", 1}});
  iolog::write(iolog::level::debug, "b", "second");
  iolog::set_output(nullptr);
  iolog::configure(iolog::format::text, false);
  std::rewind(out);
  char buf[4096];
  int lines = 0;
  while (std::fgets(buf, sizeof buf, out)) {
    ++lines;
    BOOST_TEST(boost::json::parse(buf).is_object());
  }
  std::fclose(out);
  BOOST_TEST(lines == 2);
}

BOOST_AUTO_TEST_SUITE_END()
