// Crash safety (issue 7): `acgprov apply` killed with SIGKILL at ten random moments of one
// job (from start-up to the sync watch), each time followed by `--resume`; after the last
// run the report and the emulator agree for every row: each input row has exactly one final
// row (its last; only skipped / error / timeout rows before it), that row is synced or
// unchanged, and the emulator holds the number in its account, synced.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>

using namespace acgprov::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

// Waits (bounded) until `path` holds `rows` complete lines or the child exited: the kill
// moment is a point in the run's progress, not a guess at its timing.
void wait_for_report_lines(const std::string& path, std::size_t rows, pid_t child) {
  const auto until = std::chrono::steady_clock::now() + 120s;
  while (std::chrono::steady_clock::now() < until && lines_in(path) < rows) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == child)
      return;
    std::this_thread::sleep_for(5ms);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash_e2e)

BOOST_AUTO_TEST_CASE(sigkill_at_ten_random_moments_then_resume_agrees_with_the_emulator) {
  unsigned seed = 7031;
  if (const char* s = std::getenv("ACGPROV_TEST_SEED")) seed = static_cast<unsigned>(std::strtoul(s, nullptr, 10));
  std::mt19937 rng(seed);

  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "200"});
  constexpr int n = 1000;
  // Half with a backend sync (written pending, then watched), half without.
  std::string csv = "accountName,telephoneNumber,services\n";
  std::map<std::string, std::string> account_of;
  for (int i = 0; i < n; ++i) {
    std::string number = "+1425" + std::to_string(6'100'000 + i);
    std::string account = i % 2 ? "fabrikam" : "contoso";
    csv += account + "," + number + "," + (i % 2 ? "azureOperatorCallProtection" : "teamsDirectRouting") + "\n";
    account_of[number] = account;
  }
  auto in = f.write("numbers.csv", csv);
  auto report = f.dir.file("report.jsonl");
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", in};
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  argv.insert(argv.end(), {"--report", report, "--resume", "--write-mode", "single", "--rate", "150", "--burst", "10",
                           "--max-in-flight", "8", "--poll-interval", "0.1"});

  for (int kill = 0; kill < 10; ++kill) {
    const std::size_t before = lines_in(report);
    // From at once (start-up, reading the report back) to well into the rest of the job.
    const std::size_t after = std::uniform_int_distribution<std::size_t>(0, 120)(rng);
    BOOST_TEST_MESSAGE("seed " << seed << ", kill " << kill + 1 << ": after " << after << " more report rows");
    child_process run(argv, f.env);
    wait_for_report_lines(report, before + after, run.pid());
    run.signal(SIGKILL);
    auto r = run.wait(30s);
    // A run may have finished first (it then exits 0 by itself): that is fine too.
    BOOST_TEST((r.signal == SIGKILL || r.exit_code == 0), "exit " << r.exit_code << " signal " << r.signal << "\n"
                                                                  << r.err);
  }

  auto last = f.run([&] {
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    return args;
  }());
  BOOST_TEST(last.exit_code == 0, last.err);

  // Every input row: exactly one final row, the last, synced or unchanged; only rows that
  // were never finished come before it.
  std::map<std::int64_t, std::vector<json::object>> by_line;
  for (const auto& row : read_report(report)) {
    BOOST_TEST(str(row, "file") == in);
    by_line[row.at("line").as_int64()].push_back(row);
  }
  BOOST_TEST(by_line.size() == static_cast<std::size_t>(n));
  auto state = f.sim_numbers();
  BOOST_TEST(state.size() == static_cast<std::size_t>(n));
  for (const auto& [line, rows] : by_line) {
    const auto& final_row = rows.back();
    const auto outcome = str(final_row, "outcome");
    BOOST_TEST((outcome == "synced" || outcome == "unchanged"), "line " << line << " ended " << outcome);
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
      const auto earlier = str(rows[i], "outcome");
      BOOST_TEST((earlier == "skipped" || earlier == "error" || earlier == "timeout"),
                 "line " << line << " finished twice: " << earlier << " then " << outcome);
    }
    // The report and the emulator agree.
    const auto number = str(final_row, "telephoneNumber");
    auto it = state.find(number);
    BOOST_TEST_REQUIRE((it != state.end()), "line " << line << ": " << number << " is not in the emulator");
    BOOST_TEST(str(it->second, "accountName") == account_of[number]);
    BOOST_TEST(str(it->second, "accountName") == str(final_row, "accountName"));
    BOOST_TEST(str(it->second, "serviceProvisioningStatus") == "synced");
  }
}

BOOST_AUTO_TEST_SUITE_END()
