// Repeatable writes that cannot fail a row (issue 11, case 2): Repeatability-First-Sent is
// stamped as each attempt goes on the wire, on the server's clock, so that retries that
// outlast the server's window, and a host clock far from the server's, never end a row
// `conflict` (the 412 `Repeatability-Result: rejected` the server answers then applied nothing).
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string zoom_rows(int first, int count) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count; ++i) csv += "fabrikam,+1425557" + std::to_string(first + i) + ",zoomPhoneCloudPeering\n";
  return csv;
}

// Every row synced and held by the emulator; no row `conflict`.
void expect_all_synced(e2e_fixture& f, const std::string& report, std::size_t rows) {
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == rows);
  std::size_t conflicts = 0;
  for (auto& [n, row] : by) {
    if (str(row, "outcome") == "conflict") ++conflicts;
    BOOST_TEST(str(row, "outcome") == "synced", n << ": " << json::serialize(row));
  }
  BOOST_TEST(conflicts == 0u);
  auto state = f.sim_numbers();
  for (auto& [n, row] : by) {
    BOOST_TEST_CONTEXT(n) {
      BOOST_TEST_REQUIRE(state.count(n) == 1u);
      BOOST_TEST(str(state[n], "serviceProvisioningStatus") == "synced");
      BOOST_TEST(str(state[n], "accountName") == "fabrikam");
    }
  }
}

// The JSON log lines (stderr is not a terminal here) with this event.
std::vector<json::object> log_events(const std::string& err, const std::string& event) {
  std::vector<json::object> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    boost::system::error_code ec;
    auto v = json::parse(line, ec);
    if (!ec && v.is_object() && str(v.as_object(), "event") == event) out.push_back(v.as_object());
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repeatability_e2e)

BOOST_AUTO_TEST_CASE(retries_that_outlast_the_window_never_end_conflict) {
  // A 3 s window; the emulator allows 20 requests a second (burst 5) while 64 requests are in
  // flight: they queue in the client's rate limiter and are throttled (429) on the wire, so a
  // row's attempts span well over 3 s. Some 5xx make a retry keep its id (it may have been
  // applied), so that the window passes under a kept id too.
  e2e_fixture f({"--rate-limit", "1200", "--burst", "5", "--repeatability-window", "3", "--sync-delay-ms", "50",
                 "--fault-5xx", "0.05", "--fault-seed", "11"});
  auto in = f.write("n.csv", zoom_rows(1000, 300));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply(
      {in}, report,
      {"--write-mode", "single", "--rate", "40", "--burst", "40", "--max-in-flight", "64", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 300);
  auto s = json::parse(read_file(summary)).as_object();
  BOOST_TEST(s.at("throttled").to_number<std::int64_t>() > 0);  // it was throttled, and every row still landed
}

BOOST_AUTO_TEST_CASE(a_server_clock_fifteen_minutes_off_is_followed_and_named) {
  // The server's clock runs 15 minutes ahead of this host's: a First-Sent on the host's clock
  // is outside any window the server keeps.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--clock-offset", "900"});
  auto in = f.write("n.csv", zoom_rows(2000, 120));
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 120);
  // One warning for the run, naming the skew.
  auto warnings = log_events(r.err, "clock_skew");
  BOOST_TEST_REQUIRE(warnings.size() == 1u, r.err);
  auto skew = warnings[0].at("skewSeconds").to_number<std::int64_t>();
  BOOST_TEST((skew >= 895 && skew <= 905), skew);
  BOOST_TEST(str(warnings[0], "message").find("ahead") != std::string::npos, str(warnings[0], "message"));
}

BOOST_AUTO_TEST_CASE(a_write_refused_for_its_stamp_is_sent_again_and_applied_once) {
  // The server's clock runs 15 minutes behind, set at run time, and the first API request is the
  // batch write itself (--no-plan --no-preflight): sent before any Date was seen, it meets a
  // 412 `rejected`, learns the server's clock from that answer's Date, and is applied on the
  // next attempt. The emulator refused one stamp, not more.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  https_test_client sim(f.sim->ready());
  auto in = f.write("n.csv", zoom_rows(3000, 20));
  auto report = f.dir.file("r.jsonl");
  auto set =
      sim.request("POST", "/_sim/config", {{"Content-Type", "application/json"}}, R"({"clockOffsetSeconds": -900})");
  BOOST_TEST_REQUIRE(set.status == 200, set.body);
  auto r = f.apply({in}, report, {"--no-plan", "--no-preflight"});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 20);
  BOOST_TEST(f.sim_stats().at("repeatabilityRejected").to_number<std::int64_t>() == 1);
  BOOST_TEST(f.api_calls("Accounts_CreateOrUpdateNumbers") == 2u);  // refused once, then applied
  BOOST_TEST(log_events(r.err, "clock_skew").size() == 1u, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
