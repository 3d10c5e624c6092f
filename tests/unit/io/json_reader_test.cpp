// JSON array and NDJSON input: streaming element extents, starting lines, bad elements,
// broken structure.
#include "io/json_reader.hpp"
#include "io/ndjson_reader.hpp"
#include "io/record_reader.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov;
using acgprov::test::contains;
using io_test::read_all;
using io_test::temp_dir;

namespace {
std::string open_error(const std::string& path) {
  try {
    io::json_reader r(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no exception>";
}

std::vector<io::input_record> json_records(const temp_dir& d, const std::string& text,
                                           std::size_t max_bytes = io::max_record_bytes) {
  io::json_reader reader(d.write("in.json", text), max_bytes);
  return read_all(reader);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(json_reader_tests)

BOOST_AUTO_TEST_CASE(array_elements_with_their_starting_lines) {
  temp_dir d;
  auto rows = json_records(d,
                           "[\n"                                          // 1
                           "  {\"telephoneNumber\": \"+14255550100\",\n"  // 2
                           "   \"accountName\": \"contoso\"},\n"          // 3
                           "\n"                                           // 4
                           "  {\"telephoneNumber\": \"+14255550101\", \"n\": {\"a\": [1, {\"b\": \"]}\\\"[{\"}]}}"
                           ", {\"x\": 1}\n"  // 5: two elements
                           "]\n");
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(rows[0].error.empty());
  BOOST_TEST(rows[0].object.at("accountName").as_string() == "contoso");
  BOOST_TEST(rows[0].fields.empty());
  BOOST_TEST(rows[1].line == 5u);
  BOOST_TEST(rows[1].object.at("n").at("a").at(1).at("b").as_string() == "]}\"[{");
  BOOST_TEST(rows[2].line == 5u);
  BOOST_TEST(rows[2].object.at("x").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(value_wrapper_with_other_members) {
  temp_dir d;
  auto rows = json_records(d,
                           "\xEF\xBB\xBF{\"@count\": {\"deep\": [1,2,\"]\"]},\n"
                           " \"value\": [\n"
                           "   {\"a\": 1},\n"
                           "   {\"a\": 2}\n"
                           " ],\n"
                           " \"nextLink\": \"https://x/y?page=2\"}\n");
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].line == 3u);
  BOOST_TEST(rows[1].line == 4u);
  BOOST_TEST(rows[1].object.at("a").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(empty_array_and_empty_value) {
  temp_dir d;
  BOOST_TEST(json_records(d, "[]").empty());
  BOOST_TEST(json_records(d, " [ \n ] \n").empty());
  BOOST_TEST(json_records(d, "{\"value\":[]}").empty());
}

BOOST_AUTO_TEST_CASE(bad_element_is_one_bad_record_and_reading_goes_on) {
  temp_dir d;
  auto rows = json_records(d,
                           "[\n"
                           "{\"a\": 1,\n"
                           " \"b\": tru},\n"   // 2-3: bad literal
                           "{\"a\": 1,},\n"    // 4: trailing comma inside
                           "42,\n"             // 5: not an object
                           "[{\"a\":1}],\n"    // 6: an array
                           "{\"ok\": true}\n"  // 7
                           "]");
  BOOST_TEST_REQUIRE(rows.size() == 5u);
  BOOST_TEST(rows[0].line == 2u);
  BOOST_TEST(contains(rows[0].error, "invalid JSON at line 3"));
  BOOST_TEST(rows[1].line == 4u);
  BOOST_TEST(contains(rows[1].error, "invalid JSON at line 4"));
  BOOST_TEST(rows[2].error == "array element is not a JSON object (found a number)");
  BOOST_TEST(rows[3].error == "array element is not a JSON object (found an array)");
  BOOST_TEST(rows[4].line == 7u);
  BOOST_TEST(rows[4].error.empty());
}

BOOST_AUTO_TEST_CASE(broken_array_ends_with_one_record_naming_the_place) {
  temp_dir d;
  {
    auto rows = json_records(d, "[\n{\"a\":1}\n{\"a\":2}\n]");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[0].error.empty());
    BOOST_TEST(rows[1].line == 3u);
    BOOST_TEST(contains(rows[1].error, "expected ',' or ']' after an array element, found '{'"));
    BOOST_TEST(contains(rows[1].error, "the rest of the file is not read"));
  }
  {
    auto rows = json_records(d, "[{\"a\":1},\n]");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1].line == 2u);
    BOOST_TEST(contains(rows[1].error, "trailing comma"));
  }
  {
    auto rows = json_records(d, "[{\"a\":1},\n{\"a\":");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1].line == 2u);
    BOOST_TEST(contains(rows[1].error, "not closed before the end of the file"));
  }
  {
    auto rows = json_records(d, "[{\"a\":1}");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(contains(rows[1].error, "the array is not closed"));
  }
  {
    auto rows = json_records(d, "[{\"a\":[1}]}]");
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(contains(rows[0].error, "mismatched '}'"));
  }
  {
    auto rows = json_records(d, "[{\"a\":1}]\n[{\"b\":2}]");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1].line == 2u);
    BOOST_TEST(contains(rows[1].error, "after the end of the array"));
  }
  {
    auto rows = json_records(d, "{\"value\":[{\"a\":1}] \"x\":1}");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(contains(rows[1].error, "expected ',' or '}' after the \"value\" array"));
  }
  {
    auto rows = json_records(d, "[" + std::string(100, '[') + std::string(100, ']') + "]");
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(contains(rows[0].error, "nested deeper than 64 levels"));
  }
}

BOOST_AUTO_TEST_CASE(many_elements_across_buffer_boundaries) {
  temp_dir d;
  std::string text = "{\"value\":[\n";  // line 1
  const int n = 5000;                   // ~400 KiB: several 64 KiB reads
  for (int i = 0; i < n; ++i)
    text += std::string(i ? ",\n" : "") + "{\"telephoneNumber\":\"+1425" + std::to_string(5550000 + i) +
            "\",\n \"pad\":\"" + std::string(60, 'p') + "\"}";
  text += "\n]}\n";
  auto rows = json_records(d, text);
  BOOST_TEST_REQUIRE(rows.size() == static_cast<std::size_t>(n));
  bool all_good = true;
  for (int i = 0; i < n; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    all_good = all_good && r.error.empty() && r.line == static_cast<std::uint64_t>(2 + 2 * i) &&
               r.object.at("telephoneNumber").as_string() == "+1425" + std::to_string(5550000 + i);
  }
  BOOST_TEST(all_good);
}

BOOST_AUTO_TEST_CASE(long_element_is_refused_and_skipped) {
  temp_dir d;
  const std::string big(2000, 'x');
  auto rows = json_records(d, "[{\"a\":\"" + big + "\"},\n{\"b\":[\"" + big + "\", {}]},\n{\"c\":1}]", 1024);
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].error == "array element longer than 1 KiB");
  BOOST_TEST(rows[1].error == "array element longer than 1 KiB");
  BOOST_TEST(rows[1].line == 2u);
  BOOST_TEST(rows[2].error.empty());
  BOOST_TEST(rows[2].line == 3u);
}

BOOST_AUTO_TEST_CASE(unusable_top_level_fails_at_open) {
  temp_dir d;
  BOOST_TEST(contains(open_error(d.write("a.json", "")), "found the end of the file"));
  BOOST_TEST(contains(open_error(d.write("b.json", "\n\n\"x\"")), "b.json:3: expected a JSON array"));
  BOOST_TEST(contains(open_error(d.write("c.json", "{}")), "has no \"value\" array"));
  BOOST_TEST(contains(open_error(d.write("d.json", "{\"nextLink\":\"x\"}")), "has no \"value\" array"));
  BOOST_TEST(contains(open_error(d.write("e.json", "{\"value\": 3}")), "\"value\" is not an array"));
  BOOST_TEST(contains(open_error(d.write("f.json", "{\"value\" [")), "expected ':'"));
  BOOST_TEST(contains(open_error(d.path("nope.json")), "nope.json: cannot open"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ndjson_reader_tests)

BOOST_AUTO_TEST_CASE(one_object_per_line_blank_lines_skipped) {
  temp_dir d;
  const auto p = d.write("in.ndjson",
                         "\xEF\xBB\xBF{\"a\":1}\r\n"  // 1
                         "\n"                         // 2
                         "   \t\n"                    // 3
                         "{\"a\":2}\n"                // 4
                         "{\"a\":3}");                // 5: no final newline
  auto rows = read_all(*io::open_reader(p, io::input_format::ndjson));
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].line == 1u);
  BOOST_TEST(rows[0].object.at("a").as_int64() == 1);
  BOOST_TEST(rows[1].line == 4u);
  BOOST_TEST(rows[2].line == 5u);
  BOOST_TEST(rows[2].file == p);
}

BOOST_AUTO_TEST_CASE(each_bad_line_is_one_bad_record) {
  temp_dir d;
  const auto p = d.write("in.jsonl",
                         "{\"a\":1,}\n"        // 1 trailing comma
                         "[1]\n"               // 2 not an object
                         "{\"a\":1} {}\n"      // 3 two values
                         "// comment\n"        // 4 comments are not JSON
                         "{\"ok\":1}\n"        // 5
                         "{\"a\":\"\xFF\"}\n"  // 6 invalid UTF-8
                             + std::string("{\"b\":\"") + std::string(3000, 'y') +
                             "\"}\n"           // 7 too long
                             "{\"ok\":2}\n");  // 8
  io::ndjson_reader reader(p, 1024);
  auto rows = read_all(reader);
  BOOST_TEST_REQUIRE(rows.size() == 8u);
  BOOST_TEST(contains(rows[0].error, "invalid JSON at line 1, column"));
  BOOST_TEST(rows[1].error == "line is not a JSON object (found an array)");
  BOOST_TEST(contains(rows[2].error, "invalid JSON at line 3"));
  BOOST_TEST(contains(rows[3].error, "invalid JSON at line 4, column 1"));
  BOOST_TEST(rows[4].error.empty());
  BOOST_TEST(contains(rows[5].error, "invalid JSON at line 6"));
  BOOST_TEST(rows[6].error == "line longer than 1 KiB");
  BOOST_TEST(rows[7].line == 8u);
  BOOST_TEST(rows[7].object.at("ok").as_int64() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
