// CSV input: RFC 4180 quirks, header rules, line numbers, size guard.
#include "io/csv_reader.hpp"
#include "io/record_reader.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

using namespace acgprov;
using acgprov::test::contains;
using io_test::field;
using io_test::read_all;
using io_test::temp_dir;

namespace {
std::string exception_text(const std::string& path) {
  try {
    io::csv_reader r(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no exception>";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(csv_reader_tests)

BOOST_AUTO_TEST_CASE(reads_rows_with_physical_lines_and_header_order) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "telephoneNumber,accountName,services\n"
                         "+14255550100,contoso,teamsDirectRouting\n"
                         "+14255550101,fabrikam,\n");
  auto reader = io::open_reader(p, io::input_format::csv);
  auto rows = read_all(*reader);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].file == p);
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(rows[1].line == 3u);
  BOOST_TEST(rows[0].error.empty());
  BOOST_TEST_REQUIRE(rows[0].fields.size() == 3u);
  BOOST_TEST(rows[0].fields[0].first == "telephoneNumber");
  BOOST_TEST(rows[0].fields[1].first == "accountName");
  BOOST_TEST(rows[0].fields[2].second == "teamsDirectRouting");
  BOOST_TEST(field(rows[1], "services") == "");
  BOOST_TEST(rows[1].object.empty());
}

BOOST_AUTO_TEST_CASE(bom_and_crlf) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "\xEF\xBB\xBF"
                         "accountName,telephoneNumber\r\n"
                         "contoso,+14255550100\r\n"
                         "fabrikam,+14255550101\r\n");
  io::csv_reader reader(p);
  BOOST_TEST(reader.columns().at(0) == "accountName");  // not "\xEF\xBB\xBF" "accountName"
  auto rows = read_all(reader);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(field(rows[0], "telephoneNumber") == "+14255550100");  // no trailing \r
  BOOST_TEST(field(rows[1], "accountName") == "fabrikam");
  BOOST_TEST(rows[1].line == 3u);
}

BOOST_AUTO_TEST_CASE(header_is_case_insensitive_and_trimmed) {
  temp_dir d;
  const auto p = d.write("n.csv", " AccountName ,TELEPHONENUMBER,Services\nc,+1425,dr\n");
  io::csv_reader reader(p);
  BOOST_TEST(reader.columns() == (std::vector<std::string>{"accountName", "telephoneNumber", "services"}),
             boost::test_tools::per_element());
  auto rows = read_all(reader);
  BOOST_TEST(field(rows.at(0), "telephoneNumber") == "+1425");
}

BOOST_AUTO_TEST_CASE(quoted_fields_commas_doubled_quotes_and_newlines) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "accountName,telephoneNumber,usage\n"             // 1
                         "\"con,toso\",+14255550100,\"say \"\"hi\"\"\"\n"  // 2
                         "contoso,+14255550101,\"multi\n"                  // 3
                         "line\r\n"                                        // 4
                         "value\"\n"                                       // 5
                         "contoso,\"+14255550102\",\"\"\n"                 // 6
                         "  \"padded\"  ,x,y\n");                          // 7
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 4u);
  BOOST_TEST(field(rows[0], "accountName") == "con,toso");
  BOOST_TEST(field(rows[0], "usage") == "say \"hi\"");
  BOOST_TEST(rows[1].line == 3u);
  BOOST_TEST(field(rows[1], "usage") == "multi\nline\r\nvalue");
  BOOST_TEST(rows[2].line == 6u);
  BOOST_TEST(field(rows[2], "telephoneNumber") == "+14255550102");
  BOOST_TEST(field(rows[2], "usage") == "");
  BOOST_TEST(rows[3].line == 7u);
  BOOST_TEST(rows[3].error.empty());
  BOOST_TEST(field(rows[3], "accountName") == "padded");
}

BOOST_AUTO_TEST_CASE(blank_lines_are_not_rows_but_count_as_lines) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "\n"                             // 1
                         "accountName,telephoneNumber\n"  // 2 header
                         "\n"                             // 3
                         "a,+14255550100\n"               // 4
                         "   \n"                          // 5
                         ",\n"                            // 6 spreadsheet empty row
                         "\r\n"                           // 7
                         "b,+14255550101\n"               // 8
                         "\"\",\"\"\n"                    // 9 quoted empties: a row
                         "\n\n");
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].line == 4u);
  BOOST_TEST(rows[1].line == 8u);
  BOOST_TEST(rows[2].line == 9u);
  BOOST_TEST(field(rows[2], "accountName") == "");
}

BOOST_AUTO_TEST_CASE(last_row_without_line_break) {
  temp_dir d;
  const auto p = d.write("n.csv", "accountName,telephoneNumber\na,+1\nb,+2");
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(field(rows[1], "telephoneNumber") == "+2");
}

BOOST_AUTO_TEST_CASE(wrong_column_count_is_one_bad_record) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "accountName,telephoneNumber\n"
                         "a,+1,extra\n"
                         "only\n"
                         "b,+2\n");
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(rows[0].error == "expected 2 fields as in the header, found 3");
  BOOST_TEST(rows[0].fields.empty());
  BOOST_TEST(rows[1].error == "expected 2 fields as in the header, found 1");
  BOOST_TEST(rows[2].error.empty());
  BOOST_TEST(field(rows[2], "accountName") == "b");
}

BOOST_AUTO_TEST_CASE(unclosed_quote_is_one_bad_record_then_end) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "accountName,telephoneNumber\n"
                         "a,+1\n"
                         "b,\"+2\n"  // line 3: never closes
                         "c,+3\n"
                         "d,+4\n");
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].error.empty());
  BOOST_TEST(rows[1].line == 3u);
  BOOST_TEST(contains(rows[1].error, "unterminated quoted field"));
  BOOST_TEST(contains(rows[1].error, "line 3"));
}

BOOST_AUTO_TEST_CASE(stray_and_misplaced_quotes_resync_at_next_line) {
  temp_dir d;
  const auto p = d.write("n.csv",
                         "accountName,telephoneNumber\n"
                         "ab\"c,+1\n"   // 2: quote inside an unquoted field
                         "\"a\"x,+2\n"  // 3: text after the closing quote
                         "d,+4\n");
  auto rows = read_all(*io::open_reader(p, io::input_format::csv));
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(contains(rows[0].error, "stray quote"));
  BOOST_TEST(rows[1].line == 3u);
  BOOST_TEST(contains(rows[1].error, "after the closing quote"));
  BOOST_TEST(rows[2].line == 4u);
  BOOST_TEST(field(rows[2], "accountName") == "d");
}

BOOST_AUTO_TEST_CASE(huge_record_is_refused_and_skipped) {
  temp_dir d;
  const std::string big(2 * 1024 * 1024, 'x');
  const auto p = d.write("n.csv",
                         "accountName,telephoneNumber\n"
                         "a," +
                             big +
                             "\n"  // 2
                             "\"q\n" +
                             big +
                             "\n,,,\n\",+1\n"  // 3-6: quoted, with newlines
                             "b,+2\n");        // 7
  auto reader = io::open_reader(p, io::input_format::csv);
  auto rows = read_all(*reader);
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(rows[0].error == "record longer than 1 MiB");
  BOOST_TEST(rows[1].line == 3u);
  BOOST_TEST(rows[1].error == "record longer than 1 MiB");
  BOOST_TEST(rows[2].line == 7u);
  BOOST_TEST(rows[2].error.empty());
  BOOST_TEST(field(rows[2], "accountName") == "b");
}

BOOST_AUTO_TEST_CASE(many_commas_do_not_grow_memory_past_the_limit) {
  temp_dir d;
  const auto p = d.write("n.csv", "accountName,telephoneNumber\n" + std::string(3000, ',') + "x\nb,+2\n");
  io::csv_reader reader(p, 1024);
  auto rows = read_all(reader);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].error == "record longer than 1 KiB");
  BOOST_TEST(rows[1].line == 3u);
}

BOOST_AUTO_TEST_CASE(unknown_column_fails_at_open_listing_the_known_ones) {
  temp_dir d;
  const auto msg = exception_text(d.write("n.csv", "accountName,telephoneNumber,acountName,foo\n"));
  BOOST_TEST(contains(msg, "n.csv:1"));
  BOOST_TEST(contains(msg, "unknown columns \"acountName\", \"foo\""));
  BOOST_TEST(contains(msg, "known columns: action, accountName, telephoneNumber, services"));
  BOOST_TEST(contains(msg, "customSipHeader"));
}

BOOST_AUTO_TEST_CASE(unusable_headers_fail_at_open) {
  temp_dir d;
  BOOST_TEST(contains(exception_text(d.write("a.csv", "accountName,services\n")),
                      "missing required column \"telephoneNumber\""));
  BOOST_TEST(
      contains(exception_text(d.write("b.csv", "telephoneNumber\n")), "missing required column \"accountName\""));
  BOOST_TEST(contains(exception_text(d.write("c.csv", "accountName,telephoneNumber,AccountName\n")),
                      "\"accountName\" appears twice"));
  BOOST_TEST(contains(exception_text(d.write("d.csv", "accountName,,telephoneNumber\n")), "column 2 has no name"));
  BOOST_TEST(contains(exception_text(d.write("e.csv", "")), "no header row"));
  BOOST_TEST(contains(exception_text(d.write("f.csv", "\xEF\xBB\xBF\n\n")), "no header row"));
  BOOST_TEST(
      contains(exception_text(d.write("g.csv", "\"accountName,telephoneNumber\n")), "unterminated quoted field"));
  BOOST_TEST(contains(exception_text(d.path("missing.csv")), "missing.csv: cannot open"));
  BOOST_TEST(contains(exception_text(d.path("")), "Is a directory"));
}

BOOST_AUTO_TEST_CASE(dash_reads_stdin) {
  // Put a pipe in place of fd 0 for the duration of the test.
  int fds[2];
  BOOST_TEST_REQUIRE(::pipe(fds) == 0);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(fds[0], STDIN_FILENO);
  ::close(fds[0]);
  const std::string text = "accountName,telephoneNumber\ncontoso,+14255550100\n";
  BOOST_TEST(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fds[1]);
  std::vector<io::input_record> rows;
  try {
    rows = read_all(*io::open_reader("-", io::input_format::csv));
  } catch (...) {
    ::dup2(saved, STDIN_FILENO);
    throw;
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].file == "-");
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(field(rows[0], "telephoneNumber") == "+14255550100");
}

BOOST_AUTO_TEST_CASE(format_from_path_and_word) {
  BOOST_TEST((io::format_from_path("a/b.CSV") == io::input_format::csv));
  BOOST_TEST((io::format_from_path("x.json") == io::input_format::json));
  BOOST_TEST((io::format_from_path("x.jsonl") == io::input_format::ndjson));
  BOOST_TEST((io::format_from_path("x.ndjson") == io::input_format::ndjson));
  BOOST_TEST(!io::format_from_path("-").has_value());
  BOOST_TEST(!io::format_from_path("x.txt").has_value());
  BOOST_TEST(!io::format_from_path("dir.csv/file").has_value());
  BOOST_TEST((io::parse_input_format("JSONL") == io::input_format::ndjson));
  BOOST_TEST(!io::parse_input_format("xml").has_value());
  BOOST_TEST(io::to_string(io::input_format::ndjson) == "ndjson");
}

BOOST_AUTO_TEST_SUITE_END()
