// The one driver of the commands that write (issue 13): `accounts apply` holds stop signals
// from its start, as `acgprov apply` does, so a SIGTERM that comes before the run's handlers
// watch (while the report is read back and the inputs opened) stops the run as any other
// stop: exit 3, the report as it was. Before the driver, only apply held them; a SIGTERM then
// killed `accounts apply` outright (no summary, no exit code of its own).
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <csignal>

using namespace acgprov::test;
using namespace std::chrono_literals;

namespace {

// A journal --resume reads back: `rows` finished accounts of `input`.
std::string journal_of(const std::string& input, int rows) {
  std::string text;
  for (int i = 0; i < rows; ++i)
    text += R"({"file":")" + input + R"(","line":)" + std::to_string(i + 2) +
            R"(,"action":"upsert","accountName":"done-)" + std::to_string(i) +
            R"(","telephoneNumber":"","outcome":"synced","httpStatus":201,"serviceProvisioningStatus":"synced",)"
            R"("errors":[],"attempts":1,"elapsedMs":5,"requestId":null,"subdomainStatus":null})"
            "\n";
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(write_command_e2e)

BOOST_AUTO_TEST_CASE(sigterm_before_the_run_watches_stops_accounts_apply_as_it_stops_apply) {
  e2e_fixture f;
  // The input is a FIFO: the command opens it (and reads its header) after the lock and the
  // read-back of the report, before its session watches signals. The test's open of the write
  // end returns only once the command has opened it: the command is then in that stretch,
  // and stays in it until the test writes the input.
  const std::string in = f.dir.file("accounts.csv");
  BOOST_TEST_REQUIRE(::mkfifo(in.c_str(), 0600) == 0);
  const std::string report = f.dir.file("r.jsonl");
  const std::string journal = journal_of(in, 2000);
  write_file(report, journal);

  std::vector<std::string> argv{ACGPROV_CLI_PATH, "accounts", "apply", in, "--report", report, "--resume"};
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  child_process run(argv, f.env);
  const int w = ::open(in.c_str(), O_WRONLY);
  BOOST_TEST_REQUIRE(w >= 0);
  run.signal(SIGTERM);
  const std::string input = "name,azureOperatorCallProtection.enabled\ntodo-one,true\n";
  BOOST_TEST_REQUIRE(::write(w, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  ::close(w);
  auto r = run.wait(120s);

  BOOST_TEST(r.signal == 0, "killed by signal " << r.signal);
  BOOST_TEST(r.exit_code == 3, r.err);  // as apply: the run stopped (exit_aborted)
  BOOST_TEST(r.err.find("SIGTERM") != std::string::npos, r.err);
  BOOST_TEST(read_file(report) == journal);  // stopped before the report was opened: intact
  BOOST_TEST(f.api_writes() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
