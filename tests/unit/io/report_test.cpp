// The report: outcome words, both encodings, append for resume, reading back with a torn tail.
#include "io/report_format.hpp"
#include "io/report_reader.hpp"
#include "io/report_writer.hpp"
#include "io/utf8.hpp"
#include "model/report_row.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace acgprov;
using acgprov::test::contains;
using io_test::temp_dir;

namespace {

model::report_row sample_row() {
  model::report_row r;
  r.file = "in,put \"x\".csv";
  r.line = 12;
  r.action = "upsert";
  r.account_name = "contoso";
  r.telephone_number = "+14255550100";
  r.outcome = model::outcome::failed;
  r.http_status = 200;
  r.service_provisioning_status = "failed";
  r.errors = {{"InvalidRequest", "Invalid/missing required configuration attributes: Usage,\n\"quoted\"", "oc"},
              {"Other", "second", ""}};
  r.attempts = 3;
  r.elapsed_ms = 4567;
  r.request_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  return r;
}

model::report_row invalid_row(std::uint64_t line) {
  model::report_row r;
  r.file = "in.csv";
  r.line = line;
  r.action = "upsert";
  r.account_name = "contoso";
  r.telephone_number = "12345";
  r.outcome = model::outcome::invalid;
  r.errors = {{"InvalidField", "telephoneNumber \"12345\" is not E.164 (+ then 2-15 digits)", "telephoneNumber"}};
  return r;
}

void check_equal(const model::report_row& a, const model::report_row& b) {
  BOOST_TEST(a.file == b.file);
  BOOST_TEST(a.line == b.line);
  BOOST_TEST(a.action == b.action);
  BOOST_TEST(a.account_name == b.account_name);
  BOOST_TEST(a.telephone_number == b.telephone_number);
  BOOST_TEST((a.outcome == b.outcome));
  BOOST_TEST(a.http_status == b.http_status);
  BOOST_TEST(a.service_provisioning_status == b.service_provisioning_status);
  BOOST_TEST_REQUIRE(a.errors.size() == b.errors.size());
  for (std::size_t i = 0; i < a.errors.size(); ++i) {
    BOOST_TEST(a.errors[i].code == b.errors[i].code);
    BOOST_TEST(a.errors[i].message == b.errors[i].message);
    BOOST_TEST(a.errors[i].target == b.errors[i].target);
  }
  BOOST_TEST(a.attempts == b.attempts);
  BOOST_TEST(a.elapsed_ms == b.elapsed_ms);
  BOOST_TEST(a.request_id == b.request_id);
  BOOST_TEST(a.record == b.record);
  BOOST_TEST(a.record_digest == b.record_digest);
}

std::vector<model::report_row> read_report(const std::string& path, bool* torn = nullptr,
                                           std::uint64_t* valid = nullptr) {
  io::report_reader reader(path);
  std::vector<model::report_row> rows;
  while (auto r = reader.next()) rows.push_back(std::move(*r));
  if (torn) *torn = reader.torn();
  if (valid) *valid = reader.valid_bytes();
  return rows;
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no exception>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_tests)

BOOST_AUTO_TEST_CASE(outcome_words_round_trip) {
  const std::vector<std::pair<model::outcome, std::string>> all{
      {model::outcome::synced, "synced"},      {model::outcome::failed, "failed"},
      {model::outcome::deleted, "deleted"},    {model::outcome::invalid, "invalid"},
      {model::outcome::rejected, "rejected"},  {model::outcome::conflict, "conflict"},
      {model::outcome::timeout, "timeout"},    {model::outcome::error, "error"},
      {model::outcome::skipped, "skipped"},    {model::outcome::planned, "planned"},
      {model::outcome::unchanged, "unchanged"}};
  for (const auto& [o, word] : all) {
    BOOST_TEST(model::to_string(o) == word);
    BOOST_TEST((model::parse_outcome(word) == o));
  }
  BOOST_TEST(!model::parse_outcome("Synced").has_value());
  BOOST_TEST(!model::parse_outcome("").has_value());
}

BOOST_AUTO_TEST_CASE(format_by_extension) {
  BOOST_TEST((io::report_format_from_path("r.jsonl") == io::report_format::jsonl));
  BOOST_TEST((io::report_format_from_path("r.NDJSON") == io::report_format::jsonl));
  BOOST_TEST((io::report_format_from_path("dir/r.csv") == io::report_format::csv));
  BOOST_TEST(!io::report_format_from_path("r.json").has_value());
  temp_dir d;
  BOOST_TEST(contains(error_of([&] { io::report_writer w(d.path("r.txt")); }),
                      "a report must end in .jsonl (JSON Lines), .ndjson or .csv"));
  BOOST_TEST(contains(error_of([&] { io::report_writer w(d.path("no/such/dir/r.csv")); }),
                      "cannot open for writing: No such file or directory"));
}

BOOST_AUTO_TEST_CASE(jsonl_line_exact) {
  temp_dir d;
  const auto p = d.path("r.jsonl");
  {
    io::report_writer w(p);
    w.write(sample_row());
    w.write(invalid_row(5));
    BOOST_TEST(w.rows_written() == 2u);
    // Each row is in the file as soon as write() returns: no user-space buffer.
    const auto so_far = temp_dir::read(p);
    BOOST_TEST(std::count(so_far.begin(), so_far.end(), '\n') == 2);
  }
  const auto text = temp_dir::read(p);
  const auto first = text.substr(0, text.find('\n'));
  BOOST_TEST(first ==
             R"({"file":"in,put \"x\".csv","line":12,"action":"upsert","accountName":"contoso",)"
             R"("telephoneNumber":"+14255550100","outcome":"failed","httpStatus":200,)"
             R"("serviceProvisioningStatus":"failed","errors":[{"code":"InvalidRequest",)"
             R"("message":"Invalid/missing required configuration attributes: Usage,\n\"quoted\"","target":"oc"},)"
             R"({"code":"Other","message":"second","target":""}],"attempts":3,"elapsedMs":4567,)"
             R"("requestId":"0f8fad5b-d9cb-469f-a165-70867728950e","subdomainStatus":null,"record":null,)"
             R"("recordDigest":null})");
  const auto second = boost::json::parse(text.substr(text.find('\n') + 1)).as_object();
  BOOST_TEST(second.at("httpStatus").is_null());
  BOOST_TEST(second.at("serviceProvisioningStatus").is_null());
  BOOST_TEST(second.at("requestId").is_null());
  BOOST_TEST(second.at("outcome").as_string() == "invalid");
  BOOST_TEST(second.at("attempts").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(csv_header_quoting_and_errors_cell) {
  temp_dir d;
  const auto p = d.path("r.csv");
  {
    io::report_writer w(p);
    w.write(sample_row());
    w.write(invalid_row(5));
  }
  const auto text = temp_dir::read(p);
  BOOST_TEST(text ==
             "file,line,action,accountName,telephoneNumber,outcome,httpStatus,"
             "serviceProvisioningStatus,errors,attempts,elapsedMs,requestId,subdomainStatus,record,recordDigest\n"
             R"("in,put ""x"".csv",12,upsert,contoso,+14255550100,failed,200,failed,)"
             R"("[{""code"":""InvalidRequest"",""message"":""Invalid/missing required configuration )"
             R"(attributes: Usage,\n\""quoted\"""",""target"":""oc""},{""code"":""Other"",""message"":)"
             R"(""second"",""target"":""""}]",3,4567,0f8fad5b-d9cb-469f-a165-70867728950e,,,)"
             "\n"
             R"(in.csv,5,upsert,contoso,12345,invalid,,,"[{""code"":""InvalidField"",""message"":)"
             R"x(""telephoneNumber \""12345\"" is not E.164 (+ then 2-15 digits)"",""target"":)x"
             R"(""telephoneNumber""}]",0,0,,,,)"
             "\n");
  BOOST_TEST(io::csv_cell("plain") == "plain");
  BOOST_TEST(io::csv_cell("a\rb") == "\"a\rb\"");
}

BOOST_AUTO_TEST_CASE(round_trip_both_formats) {
  temp_dir d;
  for (const std::string name : {"r.jsonl", "r.csv"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto p = d.path(name);
      model::report_row empty;  // every field at its default
      empty.outcome = model::outcome::skipped;
      {
        io::report_writer w(p);
        w.write(sample_row());
        w.write(invalid_row(5));
        w.write(empty);
        w.sync();
      }
      bool torn = true;
      std::uint64_t valid = 0;
      const auto rows = read_report(p, &torn, &valid);
      BOOST_TEST(!torn);
      BOOST_TEST(valid == std::filesystem::file_size(p));
      BOOST_TEST_REQUIRE(rows.size() == 3u);
      check_equal(rows[0], sample_row());
      check_equal(rows[1], invalid_row(5));
      check_equal(rows[2], empty);
    }
  }
}

BOOST_AUTO_TEST_CASE(append_keeps_rows_and_writes_the_csv_header_once) {
  temp_dir d;
  const auto p = d.path("r.csv");
  { io::report_writer w(p, {.append = true}); }  // new file: header only
  BOOST_TEST(temp_dir::read(p) == io::csv_header_line());
  {
    io::report_writer w(p, {.append = true});
    w.write(invalid_row(2));
  }
  {
    io::report_writer w(p, {.append = true});
    w.write(invalid_row(3));
  }
  const auto text = temp_dir::read(p);
  BOOST_TEST(text.find("file,line") == 0u);
  BOOST_TEST(text.find("file,line", 1) == std::string::npos);
  const auto rows = read_report(p);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[1].line == 3u);
  // Without append the file starts again.
  { io::report_writer w(p); }
  BOOST_TEST(read_report(p).empty());
}

BOOST_AUTO_TEST_CASE(append_refuses_a_partial_line_or_a_foreign_header) {
  temp_dir d;
  const auto torn = d.write("t.jsonl", "{\"file\":\"a\"");
  BOOST_TEST(contains(error_of([&] { io::report_writer w(torn, {.append = true}); }), "ends in a partial line"));
  const auto foreign = d.write("f.csv", "accountName,telephoneNumber\n");
  BOOST_TEST(contains(error_of([&] { io::report_writer w(foreign, {.append = true}); }), "not the report header"));
}

BOOST_AUTO_TEST_CASE(torn_jsonl_tail_is_skipped_then_truncated_before_append) {
  temp_dir d;
  const auto p = d.path("r.jsonl");
  {
    io::report_writer w(p);
    w.write(invalid_row(2));
    w.write(invalid_row(3));
  }
  const auto whole = std::filesystem::file_size(p);
  // A crash in the middle of the third row.
  const auto third = io::to_jsonl_line(invalid_row(4));
  {
    std::ofstream out(p, std::ios::binary | std::ios::app);
    out << third.substr(0, third.size() / 2);
  }
  bool torn = false;
  std::uint64_t valid = 0;
  auto rows = read_report(p, &torn, &valid);
  BOOST_TEST(rows.size() == 2u);
  BOOST_TEST(torn);
  BOOST_TEST(valid == whole);
  {
    io::report_writer w(p, {.append = true, .truncate_to = valid});
    w.write(invalid_row(4));
  }
  rows = read_report(p, &torn, &valid);
  BOOST_TEST(!torn);
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[2].line == 4u);
  BOOST_TEST(valid == std::filesystem::file_size(p));
}

BOOST_AUTO_TEST_CASE(a_complete_json_line_without_its_newline_is_torn) {
  temp_dir d;
  auto line = io::to_jsonl_line(invalid_row(2));
  line.pop_back();
  const auto p = d.write("r.jsonl", line);
  bool torn = false;
  std::uint64_t valid = 1;
  BOOST_TEST(read_report(p, &torn, &valid).empty());
  BOOST_TEST(torn);
  BOOST_TEST(valid == 0u);
}

BOOST_AUTO_TEST_CASE(torn_csv_tail_inside_a_quoted_cell) {
  temp_dir d;
  const auto p = d.path("r.csv");
  {
    io::report_writer w(p);
    w.write(invalid_row(2));
  }
  const auto whole = std::filesystem::file_size(p);
  const auto row = io::to_csv_line(sample_row());
  {
    std::ofstream out(p, std::ios::binary | std::ios::app);
    out << row.substr(0, row.find("Usage"));  // stops inside the quoted errors cell
  }
  bool torn = false;
  std::uint64_t valid = 0;
  auto rows = read_report(p, &torn, &valid);
  BOOST_TEST(rows.size() == 1u);
  BOOST_TEST(torn);
  BOOST_TEST(valid == whole);
  // A torn header alone: no rows, nothing valid; the writer starts the file again.
  const auto h = d.write("h.csv", "file,line,act");
  rows = read_report(h, &torn, &valid);
  BOOST_TEST(rows.empty());
  BOOST_TEST(torn);
  BOOST_TEST(valid == 0u);
  {
    io::report_writer w(h, {.append = true, .truncate_to = valid});
    w.write(invalid_row(9));
  }
  BOOST_TEST(read_report(h).at(0).line == 9u);
}

BOOST_AUTO_TEST_CASE(bad_lines_in_the_middle_are_errors) {
  temp_dir d;
  const auto good = io::to_jsonl_line(invalid_row(2));
  const auto p = d.write("r.jsonl", good + "garbage\n" + good);
  BOOST_TEST(contains(error_of([&] { read_report(p); }), "r.jsonl:2: not a report row: invalid JSON"));
  const auto q = d.write("q.jsonl", good + R"({"file":"a","outcome":"great"})"
                                           "\n");
  BOOST_TEST(contains(error_of([&] { read_report(q); }), "q.jsonl:2: not a report row: outcome \"great\""));
  const auto c = d.write("c.csv", "file,line,outcome\n");
  BOOST_TEST(contains(error_of([&] { read_report(c); }), "the header has no \"action\" column"));
  const auto e = d.write("e.csv", io::csv_header_line() + "a,notanumber,upsert,c,+1,synced,,,,0,0,,,,\n");
  BOOST_TEST(contains(error_of([&] { read_report(e); }), "e.csv:2: not a report row: line is not a number"));
}

BOOST_AUTO_TEST_CASE(write_error_throws) {
  temp_dir d;
  if (!std::filesystem::exists("/dev/full")) return;
  const auto p = d.path("full.jsonl");
  std::filesystem::create_symlink("/dev/full", p);
  io::report_writer w(p);
  BOOST_TEST(contains(error_of([&] { w.write(invalid_row(2)); }), "write failed: No space left on device"));
}

// Issue 12: the record columns round-trip; a report without them (an older version) reads.
BOOST_AUTO_TEST_CASE(record_columns_round_trip_and_older_reports_still_read) {
  temp_dir d;
  for (const char* name : {"r.jsonl", "r.csv"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto p = d.path(name);
      auto row = sample_row();
      row.record = 3;
      row.record_digest = 0x0123456789abcdefull;
      {
        io::report_writer w(p);
        w.write(row);
      }
      BOOST_TEST(contains(temp_dir::read(p), "0123456789abcdef"));
      auto back = read_report(p);
      BOOST_TEST_REQUIRE(back.size() == 1u);
      check_equal(back[0], row);
    }
  }
  const auto old_csv = d.write("old.csv",
                               "file,line,action,accountName,telephoneNumber,outcome,httpStatus,"
                               "serviceProvisioningStatus,errors,attempts,elapsedMs,requestId,subdomainStatus\n"
                               "in.csv,2,upsert,contoso,+14255550100,synced,200,synced,,1,5,,\n");
  io::report_reader reader(old_csv);
  auto r = reader.next();
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->record == 0u);
  BOOST_TEST(r->record_digest == 0u);
  BOOST_TEST(!reader.has_every_column());
  BOOST_TEST(contains(error_of([&] {
                        io::row_from_json(
                            boost::json::parse(R"({"outcome":"synced","recordDigest":"xyz"})").as_object());
                      }),
                      "recordDigest"));
}

// Issue 12: whatever bytes a server sent, the report is UTF-8, and reads back.
BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_replaced) {
  temp_dir d;
  for (const char* name : {"u.jsonl", "u.csv"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto p = d.path(name);
      auto row = sample_row();
      row.errors = {{"HTTP 502",
                     "<title>Passerelle d\xE9"
                     "faillante</title> \xC3",
                     "\xFF"}};
      row.account_name = "caf\xC3\xA9";  // valid UTF-8 is kept as is
      {
        io::report_writer w(p);
        w.write(row);
      }
      const auto text = temp_dir::read(p);
      BOOST_TEST(io::is_valid_utf8(text));
      auto back = read_report(p);
      BOOST_TEST_REQUIRE(back.size() == 1u);
      BOOST_TEST(back[0].errors[0].message ==
                 "<title>Passerelle d\xEF\xBF\xBD"
                 "faillante</title> \xEF\xBF\xBD");
      BOOST_TEST(back[0].errors[0].target == "\xEF\xBF\xBD");
      BOOST_TEST(back[0].account_name == "caf\xC3\xA9");
    }
  }
}

BOOST_AUTO_TEST_CASE(utf8_rules) {
  BOOST_TEST(io::is_valid_utf8("plain"));
  BOOST_TEST(io::is_valid_utf8("\xE2\x82\xAC \xF0\x9F\x98\x80"));
  BOOST_TEST(!io::is_valid_utf8("\xC0\xAF"));          // overlong
  BOOST_TEST(!io::is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  BOOST_TEST(!io::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  BOOST_TEST(!io::is_valid_utf8("\xE2\x82"));          // cut short
  BOOST_TEST(io::valid_utf8("a\xE9z") == "a\xEF\xBF\xBDz");
  // Cutting never splits a character.
  const std::string euro = "ab\xE2\x82\xAC";
  BOOST_TEST(io::utf8_prefix(euro, 5) == "ab\xE2\x82\xAC");
  BOOST_TEST(io::utf8_prefix(euro, 4) == "ab");
  BOOST_TEST(io::utf8_prefix(euro, 3) == "ab");
  BOOST_TEST(io::utf8_prefix(euro, 2) == "ab");
  BOOST_TEST(io::utf8_prefix(euro, 1) == "a");
}

// A line that is not a row names the file and line and says how to repair it; a JSON line
// an older version wrote with bytes that are not UTF-8 reads, with U+FFFD.
BOOST_AUTO_TEST_CASE(bad_lines_say_how_to_repair_and_latin1_lines_read) {
  temp_dir d;
  const auto bad = d.write("bad.jsonl", "{\"outcome\":\"synced\"}\nnot a row\n");
  const auto why = error_of([&] { read_report(bad); });
  BOOST_TEST(contains(why, bad + ":2: not a report row"), why);
  BOOST_TEST(contains(why, "To repair"), why);
  const auto old =
      d.write("old.jsonl", "{\"outcome\":\"error\",\"errors\":[{\"code\":\"x\",\"message\":\"d\xE9\"}]}\n");
  io::report_reader reader(old);
  auto r = reader.next();
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->errors[0].message == "d\xEF\xBF\xBD");
  BOOST_TEST(reader.repaired_lines() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
