// The report as a journal that can be trusted night after night (issue 12, cases 1 to 5):
// opened last, never replaced by a dry run, always UTF-8, resumed by content, compacted.
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/text.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string number_at(int i) {
  char number[32];
  std::snprintf(number, sizeof number, "+1425700%04d", i);
  return number;
}

// n rows over both seeded accounts.
std::string numbers_csv(int n) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < n; ++i)
    csv += i % 2 ? "fabrikam," + number_at(i) + ",zoomPhoneCloudPeering\n"
                 : "contoso," + number_at(i) + ",teamsDirectRouting\n";
  return csv;
}

// A report row an earlier run (of an older version: no record columns) wrote.
std::string old_row(const std::string& file, int line, const std::string& number, const std::string& outcome) {
  json::object r{{"file", file},
                 {"line", line},
                 {"action", "upsert"},
                 {"accountName", "contoso"},
                 {"telephoneNumber", number},
                 {"outcome", outcome},
                 {"httpStatus", nullptr},
                 {"serviceProvisioningStatus", nullptr},
                 {"errors", json::array{}},
                 {"attempts", 0},
                 {"elapsedMs", 0},
                 {"requestId", nullptr},
                 {"subdomainStatus", nullptr}};
  return json::serialize(r) + "\n";
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string services_of(const json::object& number) {
  std::set<std::string> out;
  for (const auto& [k, v] : number.at("serviceDetails").as_object())
    if (v.is_object() && v.as_object().if_contains("enabled") && v.as_object().at("enabled").as_bool()) out.insert(k);
  std::string s;
  for (const auto& k : out) s += k + ";";
  return s;
}

const char* const accounts_header =
    "name,correlationId,teamsTenantId,teamsOperatorConnect.enabled,teamsOperatorConnect.syncEnabled,"
    "teamsDirectRouting.enabled,teamsDirectRouting.syncEnabled,teamsDirectRouting.subdomain,"
    "teamsDirectRouting.region1Token,teamsDirectRouting.region2Token,azureOperatorCallProtection.enabled\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(journal_e2e)

// Case 1 (second half): every check that can fail comes before the report is touched.
BOOST_AUTO_TEST_CASE(a_refused_run_leaves_the_report_byte_for_byte) {
  e2e_fixture f;
  auto in = f.write("numbers.csv", numbers_csv(4));
  auto report = f.dir.file("report.jsonl");
  auto first = f.apply({in}, report);
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  const std::string last_night = read_file(report);
  BOOST_TEST_REQUIRE(count_lines(last_night) == 4u);

  for (bool resume : {false, true}) {
    BOOST_TEST_CONTEXT("resume " << resume) {
      std::vector<std::string> extra;
      if (resume) extra.push_back("--resume");
      // A misspelled input.
      auto typo = f.apply({f.dir.file("numbrs.csv")}, report, extra);
      BOOST_TEST(typo.exit_code == 2, typo.err);
      BOOST_TEST(read_file(report) == last_night);
      // A CA file that does not exist.
      auto ca = extra;
      ca.insert(ca.end(), {"--ca-file", f.dir.file("missing-ca.pem")});
      auto no_ca = f.apply({in}, report, ca);
      BOOST_TEST(no_ca.exit_code == 2, no_ca.err);
      BOOST_TEST(read_file(report) == last_night);
    }
  }
  // Credentials the identity platform refuses: the run stops before its report is opened.
  f.env["ACGPROV_CLIENT_SECRET"] = "not-the-secret";
  auto refused = f.apply({in}, report);
  BOOST_TEST(refused.exit_code == 3, refused.err);
  BOOST_TEST(contains(refused.err, "credentials refused"), refused.err);
  BOOST_TEST(read_file(report) == last_night);
  f.env["ACGPROV_CLIENT_SECRET"] = "sim-secret";

  // accounts apply: the same.
  auto accounts_report = f.dir.file("accounts.jsonl");
  write_file(accounts_report, last_night);
  auto typo = f.command({"accounts", "apply", f.dir.file("acounts.csv"), "--report", accounts_report});
  BOOST_TEST(typo.exit_code == 2, typo.err);
  BOOST_TEST(read_file(accounts_report) == last_night);
}

// Case 1: a dry run never replaces a real run's report, and `planned` never finishes a row.
BOOST_AUTO_TEST_CASE(a_dry_run_never_touches_a_journal) {
  e2e_fixture f;
  constexpr int n = 6;
  auto in = f.write("numbers.csv", numbers_csv(n));
  auto report = f.dir.file("report.jsonl");
  // Last night's journal: the first two rows synced, the rest left for --resume.
  std::string journal;
  for (int i = 0; i < n; ++i) journal += old_row(in, i + 2, number_at(i), i < 2 ? "synced" : "skipped");
  write_file(report, journal);

  auto dry = f.apply({in}, report, {"--dry-run"});
  BOOST_TEST(dry.exit_code == 2, dry.err);
  BOOST_TEST(contains(dry.err, "--dry-run"), dry.err);
  BOOST_TEST(read_file(report) == journal);
  BOOST_TEST(f.api_requests() == 0u);

  // A dry run's own report may be replaced by another dry run...
  auto plan = f.dir.file("plan.jsonl");
  auto first = f.apply({in}, plan, {"--dry-run"});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  auto again = f.apply({in}, plan, {"--dry-run"});
  BOOST_TEST(again.exit_code == 0, again.err);
  // ...and a resume over it sends every row: `planned` is not a finished outcome.
  auto resumed = f.apply({in}, plan, {"--resume"});
  BOOST_TEST(resumed.exit_code == 0, resumed.err);
  BOOST_TEST(f.sim_numbers().size() == static_cast<std::size_t>(n));
}

// Case 2: a server's page in ISO-8859-1 never makes the report unreadable.
BOOST_AUTO_TEST_CASE(a_non_utf8_error_page_keeps_the_journal_readable) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--fault-5xx", "1", "--fault-latin1-pages"});
  constexpr int n = 2;
  auto in = f.write("numbers.csv", numbers_csv(n));
  auto report = f.dir.file("report.jsonl");
  auto summary = f.dir.file("summary.json");
  auto first = f.apply({in}, report, {"--no-plan", "--no-preflight", "--summary", summary});
  BOOST_TEST(first.exit_code != 0, first.err);
  // Every line parses (Boost.JSON refuses text that is not UTF-8), and so does the summary.
  const std::string text = read_file(report);
  BOOST_TEST_REQUIRE(count_lines(text) == static_cast<std::size_t>(n));
  BOOST_CHECK_NO_THROW(read_report(report));
  BOOST_CHECK_NO_THROW(json::parse(read_file(summary)));
  BOOST_TEST((contains(text, "Passerelle d\\ufffdfaillante") || contains(text,
                                                                         "Passerelle d\xEF\xBF\xBD"
                                                                         "faillante")),
             text);
  // The log (JSON Lines: stderr is not a terminal) parses line by line too.
  std::istringstream log(first.err);
  for (std::string line; std::getline(log, line);)
    if (!line.empty() && line[0] == '{') BOOST_CHECK_NO_THROW(json::parse(line));

  // The server is fixed: the resume reads the journal and finishes.
  https_test_client control(f.sim->ready());
  auto fixed =
      control.request("POST", "/_sim/config", {{"Content-Type", "application/json"}}, R"({"faults": {"5xx": 0}})");
  BOOST_TEST_REQUIRE(fixed.status == 200, fixed.body);
  auto second = f.apply({in}, report, {"--resume"});
  BOOST_TEST(second.exit_code == 0, second.err);
  BOOST_TEST(f.sim_numbers().size() == static_cast<std::size_t>(n));
}

// Case 2: a journal an older version poisoned resumes; a line that is not a row is named.
BOOST_AUTO_TEST_CASE(a_bad_journal_line_is_named_with_how_to_repair_it) {
  e2e_fixture f;
  auto in = f.write("numbers.csv", numbers_csv(2));
  auto report = f.dir.file("report.jsonl");
  std::string poisoned = old_row(in, 2, number_at(0), "synced");
  poisoned += R"({"file":")" + in + R"(","line":3,"action":"upsert","accountName":"fabrikam","telephoneNumber":")" +
              number_at(1) +
              R"(","outcome":"error","httpStatus":502,"serviceProvisioningStatus":null,"errors":[{"code":"HTTP 502",)"
              R"("message":"Passerelle d)"
              "\xE9"
              R"(faillante","target":""}],"attempts":6,"elapsedMs":9,)"
              R"("requestId":null,"subdomainStatus":null})"
              "\n";
  write_file(report, poisoned);
  auto r = f.apply({in}, report, {"--resume"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_CHECK_NO_THROW(read_report(report));
  BOOST_TEST(f.sim_numbers().size() == 1u);  // line 2 was finished

  write_file(report, old_row(in, 2, number_at(0), "synced") + "this is not a row\n");
  auto bad = f.apply({in}, report, {"--resume"});
  BOOST_TEST(bad.exit_code == 2, bad.err);
  BOOST_TEST(contains(bad.err, report + ":2"), bad.err);
  BOOST_TEST(contains(bad.err, "To repair"), bad.err);
}

// Case 3: a fixed row is sent on resume; an edited finished row is sent again; records of a
// minified array are told apart.
BOOST_AUTO_TEST_CASE(resume_goes_by_content) {
  e2e_fixture f;
  auto report = f.dir.file("report.jsonl");
  auto csv = f.write("numbers.csv",
                     "accountName,telephoneNumber,services\n"
                     "contoso," +
                         number_at(0) +
                         ",teamsDirectRouting\n"
                         "contoso,+1425BAD,teamsDirectRouting\n"
                         "fabrikam," +
                         number_at(2) + ",zoomPhoneCloudPeering\n");
  auto first = f.apply({csv}, report);
  BOOST_TEST_REQUIRE(first.exit_code == 1, first.err);  // line 3 invalid
  // Line 3 fixed in place, line 4 given another service.
  write_file(csv,
             "accountName,telephoneNumber,services\n"
             "contoso," +
                 number_at(0) +
                 ",teamsDirectRouting\n"
                 "contoso," +
                 number_at(1) +
                 ",teamsDirectRouting\n"
                 "fabrikam," +
                 number_at(2) + ",azureOperatorCallProtection\n");
  const auto writes_before = f.api_writes();
  auto second = f.apply({csv}, report, {"--resume"});
  BOOST_TEST(second.exit_code == 0, second.err);
  BOOST_TEST(contains(second.err, "changed since the report's row"), second.err);
  auto state = f.sim_numbers();
  BOOST_TEST(state.count(number_at(1)) == 1u);
  BOOST_TEST_REQUIRE(state.count(number_at(2)) == 1u);
  BOOST_TEST(services_of(state[number_at(2)]) == "azureOperatorCallProtection;");
  BOOST_TEST(f.api_writes() > writes_before);

  // A minified JSON array: three records on line 1, the second invalid, then fixed.
  auto report2 = f.dir.file("report2.jsonl");
  auto array = [&](const std::string& second_number) {
    return "[{\"accountName\":\"contoso\",\"telephoneNumber\":\"" + number_at(10) +
           "\",\"serviceDetails\":{\"teamsDirectRouting\":{\"enabled\":true}}},{\"accountName\":\"contoso\","
           "\"telephoneNumber\":\"" +
           second_number +
           "\",\"serviceDetails\":{\"teamsDirectRouting\":{\"enabled\":true}}},{\"accountName\":\"contoso\","
           "\"telephoneNumber\":\"" +
           number_at(12) + "\",\"serviceDetails\":{\"teamsDirectRouting\":{\"enabled\":true}}}]";
  };
  auto js = f.write("numbers.json", array("+1425NOPE"));
  auto third = f.apply({js}, report2);
  BOOST_TEST_REQUIRE(third.exit_code == 1, third.err);
  write_file(js, array(number_at(11)));
  auto fourth = f.apply({js}, report2, {"--resume"});
  BOOST_TEST(fourth.exit_code == 0, fourth.err);
  state = f.sim_numbers();
  BOOST_TEST(state.count(number_at(10)) == 1u);
  BOOST_TEST(state.count(number_at(11)) == 1u);
  BOOST_TEST(state.count(number_at(12)) == 1u);
  std::set<std::int64_t> records;
  for (const auto& row : read_report(report2)) records.insert(row.at("record").as_int64());
  BOOST_TEST((records == std::set<std::int64_t>{1, 2, 3}));
}

// Case 4: accounts apply resumes by content: an inserted row is sent, a duplicate of a
// finished row is refused as in a fresh run.
BOOST_AUTO_TEST_CASE(accounts_resume_by_content_and_keep_their_duplicate_check) {
  e2e_fixture f;
  auto in = f.write("accounts.csv", std::string(accounts_header) +
                                        "alpha-one,,,,,,,,,,true\n"
                                        "beta-two,,,,,,,,,,true\n");
  auto report = f.dir.file("accounts.jsonl");
  auto first = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  const auto writes_before = f.api_writes();
  // A row inserted between the finished ones, and a duplicate of a finished (unchanged) row.
  write_file(in, std::string(accounts_header) +
                     "alpha-one,,,,,,,,,,true\n"
                     "gamma-new,,,,,,,,,,true\n"
                     "beta-two,,,,,,,,,,true\n"
                     "alpha-one,corr-dup,,,,,,,,,true\n");
  auto second = f.command({"accounts", "apply", in, "--report", report, "--resume", "--poll-interval", "0.05"});
  BOOST_TEST(second.exit_code == 1, second.err);  // the duplicate is invalid
  BOOST_TEST(f.sim_has_account("gamma-new"));
  std::map<std::int64_t, json::object> last;  // the last row of each line
  for (const auto& row : read_report(report)) last[row.at("line").as_int64()] = row;
  BOOST_TEST_REQUIRE(last.size() == 4u);
  BOOST_TEST(str(last[2], "accountName") == "alpha-one");  // unchanged: not sent again
  BOOST_TEST(str(last[3], "accountName") == "gamma-new");
  BOOST_TEST(str(last[3], "outcome") == "synced");
  BOOST_TEST((str(last[4], "outcome") == "synced" || str(last[4], "outcome") == "unchanged"));
  BOOST_TEST(str(last[5], "outcome") == "invalid");
  BOOST_TEST_REQUIRE(!last[5].at("errors").as_array().empty());
  BOOST_TEST(str(last[5].at("errors").as_array()[0].as_object(), "code") == "DuplicateAccount");
  BOOST_TEST(f.api_writes() > writes_before);
}

// Case 5: resuming compacts the journal to the last row of each input row.
BOOST_AUTO_TEST_CASE(resume_compacts_the_journal) {
  e2e_fixture f;
  constexpr int n = 8;
  auto in = f.write("numbers.csv", numbers_csv(n));
  auto report = f.dir.file("report.jsonl");
  // Forty nights that each stopped early: rows 2-3 finished the first night, the rest skipped
  // night after night.
  std::string journal = old_row(in, 2, number_at(0), "synced") + old_row(in, 3, number_at(1), "synced");
  for (int night = 0; night < 40; ++night)
    for (int i = 2; i < n; ++i) journal += old_row(in, i + 2, number_at(i), "skipped");
  write_file(report, journal);
  BOOST_TEST_REQUIRE(count_lines(journal) == 2u + 40u * (n - 2));

  auto first = f.apply({in}, report, {"--resume"});
  BOOST_TEST(first.exit_code == 0, first.err);
  // The compacted journal (one row per input row), then this run's rows.
  BOOST_TEST(count_lines(read_file(report)) == static_cast<std::size_t>(n + (n - 2)));
  BOOST_TEST(!std::filesystem::exists(report + ".compact"));
  BOOST_TEST(f.sim_numbers().size() == static_cast<std::size_t>(n - 2));

  // The next night has nothing to do: one row per input row, each the final one.
  auto second = f.apply({in}, report, {"--resume"});
  BOOST_TEST(second.exit_code == 0, second.err);
  auto rows = read_report(report);
  BOOST_TEST(rows.size() == static_cast<std::size_t>(n));
  std::set<std::int64_t> lines;
  for (const auto& r : rows) {
    lines.insert(r.at("line").as_int64());
    BOOST_TEST(str(r, "outcome") == "synced", json::serialize(r));
  }
  BOOST_TEST(lines.size() == static_cast<std::size_t>(n));
}

BOOST_AUTO_TEST_SUITE_END()
