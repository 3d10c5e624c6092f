// A hard stop means stop (issue 12, case 6): the second SIGTERM, or the end of --grace, cuts
// off everything that waits on the network - here a token refresh the emulator holds without
// answering - and the process exits within 2 seconds with every row in the report. (A name
// lookup that hangs is covered by tests/unit/io/name_resolver_test.cpp with an injected
// resolver: a DNS server that does not answer cannot be had on a loopback-only machine.)
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>

using namespace acgprov::test;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr int row_count = 20;

std::string numbers_csv() {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < row_count; ++i) csv += "contoso,+1425700" + std::to_string(1000 + i) + ",teamsDirectRouting\n";
  return csv;
}

// Every row's sync stays pending (until a release that never comes), and the first token
// lives 4 s: the refresh at 3 s comes while the rows are watched, and it is held.
json::object held_syncs() {
  return json::object{{"syncRules", json::array{json::object{{"outcome", "synced"}, {"hold", true}}}}};
}

std::vector<std::string> hard_stop_argv(const e2e_fixture& f, const std::string& in, const std::string& report,
                                        const std::vector<std::string>& extra) {
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", in};
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  argv.insert(argv.end(), {"--report", report, "--poll-interval", "0.1", "--no-progress"});
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

bool token_request_held(const e2e_fixture& f) {
  return f.sim_get("/_sim/token-hold").as_object().at("held").to_number<std::uint64_t>() >= 1;
}

void check_every_row_reported(const std::string& report) {
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == static_cast<std::size_t>(row_count));
  for (const auto& [number, row] : by) {
    const auto outcome = str(row, "outcome");
    // Written and still pending: `error` (resume checks it again); not reached: `skipped`.
    BOOST_TEST((outcome == "error" || outcome == "skipped"), number << ": " << json::serialize(row));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hard_stop_e2e)

BOOST_AUTO_TEST_CASE(a_second_signal_cuts_off_a_held_token_request) {
  e2e_fixture f({"--rate-limit", "0", "--token-lifetime", "4"}, held_syncs());
  f.sim_post("/_sim/token-hold", json::object{{"after", 1}});  // the first token only
  auto in = f.write("n.csv", numbers_csv());
  auto report = f.dir.file("r.jsonl");
  child_process run(hard_stop_argv(f, in, report, {"--grace", "600"}), f.env);

  BOOST_TEST_REQUIRE(wait_until([&] { return token_request_held(f); }));
  run.signal(SIGTERM);
  // The first signal must be taken before the second is sent, or the two would merge into one.
  BOOST_TEST_REQUIRE(
      wait_until([&] { return run.stderr_so_far().find("interrupted by SIGTERM") != std::string::npos; }));
  run.signal(SIGTERM);
  const auto sent = std::chrono::steady_clock::now();
  auto r = run.wait(2s);
  const auto took = std::chrono::steady_clock::now() - sent;
  BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << " after "
                                       << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                                       << " ms: " << r.err);
  BOOST_TEST(r.err.find("again: stopping at once") != std::string::npos, r.err);
  check_every_row_reported(report);
}

BOOST_AUTO_TEST_CASE(the_end_of_the_grace_cuts_off_a_held_token_request) {
  e2e_fixture f({"--rate-limit", "0", "--token-lifetime", "4"}, held_syncs());
  f.sim_post("/_sim/token-hold", json::object{{"after", 1}});
  auto in = f.write("n.csv", numbers_csv());
  auto report = f.dir.file("r.jsonl");
  child_process run(hard_stop_argv(f, in, report, {"--grace", "0.5"}), f.env);

  BOOST_TEST_REQUIRE(wait_until([&] { return token_request_held(f); }));
  run.signal(SIGTERM);
  // The grace began before its log line was written: it ends at most 0.5 s after we see it.
  BOOST_TEST_REQUIRE(
      wait_until([&] { return run.stderr_so_far().find("interrupted by SIGTERM") != std::string::npos; }));
  auto r = run.wait(2500ms);
  BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.err.find("grace period") != std::string::npos, r.err);
  check_every_row_reported(report);
}

BOOST_AUTO_TEST_SUITE_END()
