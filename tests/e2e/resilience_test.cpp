// acgprov apply under a hostile API (issue 3): throttling by 429 and by stalled connections,
// injected 5xx and connection resets, and tokens that expire during the run.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string zoom_rows(int first, int count) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count; ++i) csv += "fabrikam,+1425556" + std::to_string(first + i) + ",zoomPhoneCloudPeering\n";
  return csv;
}

json::object summary_of(const std::string& path) { return json::parse(read_file(path)).as_object(); }

std::int64_t num(const json::object& o, const char* key) { return o.at(key).to_number<std::int64_t>(); }

void expect_all_synced(e2e_fixture& f, const std::string& report, std::size_t rows) {
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == rows);
  for (auto& [n, row] : by) BOOST_TEST(str(row, "outcome") == "synced", n << ": " << json::serialize(row));
  auto state = f.sim_numbers();
  for (auto& [n, row] : by) BOOST_TEST(state.count(n) == 1u, n << " missing on the emulator");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resilience_e2e)

BOOST_AUTO_TEST_CASE(throttling_by_429_is_absorbed) {
  // The emulator allows 10 requests a second with a burst of 2; the client asks for 100.
  e2e_fixture f({"--rate-limit", "600", "--burst", "2", "--sync-delay-ms", "50"});
  auto in = f.write("n.csv", zoom_rows(1000, 12));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--rate", "100", "--burst", "10", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 12);
  auto s = summary_of(summary);
  BOOST_TEST(num(s, "throttled") > 0);  // it was throttled, and every row still landed
  BOOST_TEST(f.sim_stats().at("throttled").to_number<std::int64_t>() == num(s, "throttled"));
}

BOOST_AUTO_TEST_CASE(throttling_by_stalled_connections_is_absorbed) {
  // The overview's wording: past the limit, connections just stop answering.
  e2e_fixture f({"--rate-limit", "600", "--burst", "2", "--throttle-mode", "stall", "--stall-timeout", "5",
                 "--sync-delay-ms", "50"});
  auto in = f.write("n.csv", zoom_rows(2000, 8));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply(
      {in}, report,
      {"--write-mode", "single", "--rate", "100", "--burst", "10", "--request-timeout", "0.5", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 8);
  BOOST_TEST(num(summary_of(summary), "transportErrors") > 0);  // the stalls were seen as timeouts
}

BOOST_AUTO_TEST_CASE(injected_5xx_and_resets_are_retried) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--fault-5xx", "0.2", "--fault-reset", "0.1",
                 "--fault-seed", "11"});
  for (const char* mode : {"batch", "single"}) {
    BOOST_TEST_CONTEXT("write mode " << mode) {
      const int first = std::string(mode) == "batch" ? 3000 : 4000;
      auto in = f.write(std::string("n-") + mode + ".csv", zoom_rows(first, 40));
      auto report = f.dir.file(std::string("r-") + mode + ".jsonl");
      auto summary = f.dir.file(std::string("s-") + mode + ".json");
      auto r = f.apply({in}, report, {"--write-mode", mode, "--summary", summary});
      BOOST_TEST(r.exit_code == 0, r.err);
      expect_all_synced(f, report, 40);
      auto s = summary_of(summary);
      BOOST_TEST(num(s, "retries") > 0);
      BOOST_TEST(num(s, "serverErrors") + num(s, "transportErrors") > 0);
    }
  }
  auto faults = f.sim_stats().at("faults").as_object();
  BOOST_TEST(faults.size() >= 2u);  // both kinds were really injected
}

BOOST_AUTO_TEST_CASE(tokens_expiring_during_the_run_are_refreshed) {
  // The emulator's tokens die after 1 s while it tells the client they last an hour, so the
  // API's 401 is the only sign: the engine must fetch a new token and try again.
  json::object cfg{{"clients", json::array{json::object{{"tenant", "sim-tenant"},
                                                        {"clientId", "sim-client"},
                                                        {"secret", "sim-secret"},
                                                        {"roles", json::array{"ProvisioningAPI.Admin"}},
                                                        {"tokenLifetime", 1},
                                                        {"reportedExpiresIn", 3599}}}}};
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "1500"}, cfg);
  auto in = f.write("n.csv", zoom_rows(5000, 6));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report, 6);
  auto s = summary_of(summary);
  BOOST_TEST(num(s, "tokenRefreshes") > 0);
  BOOST_TEST(num(s, "tokensFetched") >= 2);
}

BOOST_AUTO_TEST_SUITE_END()
