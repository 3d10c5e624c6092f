// acgprov apply under a hostile API (issue 3): throttling by 429 and by stalled connections,
// injected 5xx and connection resets, and tokens that expire during the run; scripted answers
// (issue 12) for the exact 401 / 5xx sequences a soak meets only by chance.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string zoom_csv(int first, int count) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count; ++i) csv += "fabrikam,+1425556" + std::to_string(first + i) + ",zoomPhoneCloudPeering\n";
  return csv;
}

json::object summary_of(const std::string& path) { return json::parse(read_file(path)).as_object(); }

std::int64_t num(const json::object& o, const char* key) { return o.at(key).to_number<std::int64_t>(); }

void expect_synced_and_held(e2e_fixture& f, const std::string& report, std::size_t rows) {
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == rows);
  for (auto& [n, row] : by) BOOST_TEST(str(row, "outcome") == "synced", n << ": " << json::serialize(row));
  auto state = f.sim_numbers();
  for (auto& [n, row] : by) BOOST_TEST(state.count(n) == 1u, n << " missing on the emulator");
}

// The next answers to the run's batch writes, in order (docs/sim.md §10, script-answers).
void script_batch_answers(e2e_fixture& f, json::array answers) {
  f.sim_post("/_sim/script-answers",
             json::object{{"operation", "Accounts_CreateOrUpdateNumbers"}, {"answers", std::move(answers)}});
}

std::int64_t scripted_answers_given(e2e_fixture& f) {
  return f.sim_get("/_sim/script-answers").as_object().at("given").to_number<std::int64_t>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resilience_e2e)

BOOST_AUTO_TEST_CASE(throttling_by_429_is_absorbed) {
  // The emulator allows 10 requests a second with a burst of 2; the client asks for 100.
  e2e_fixture f({"--rate-limit", "600", "--burst", "2", "--sync-delay-ms", "50"});
  auto in = f.write("n.csv", zoom_csv(1000, 12));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--rate", "100", "--burst", "10", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_synced_and_held(f, report, 12);
  auto s = summary_of(summary);
  BOOST_TEST(num(s, "throttled") > 0);  // it was throttled, and every row still landed
  BOOST_TEST(f.sim_stats().at("throttled").to_number<std::int64_t>() == num(s, "throttled"));
}

BOOST_AUTO_TEST_CASE(throttling_by_stalled_connections_is_absorbed) {
  // The overview's wording: past the limit, connections just stop answering.
  e2e_fixture f({"--rate-limit", "600", "--burst", "2", "--throttle-mode", "stall", "--stall-timeout", "5",
                 "--sync-delay-ms", "50"});
  auto in = f.write("n.csv", zoom_csv(2000, 8));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply(
      {in}, report,
      {"--write-mode", "single", "--rate", "100", "--burst", "10", "--request-timeout", "0.5", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_synced_and_held(f, report, 8);
  BOOST_TEST(num(summary_of(summary), "transportErrors") > 0);  // the stalls were seen as timeouts
}

BOOST_AUTO_TEST_CASE(injected_5xx_and_resets_are_retried) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--fault-5xx", "0.2", "--fault-reset", "0.1",
                 "--fault-seed", "11"});
  for (const char* mode : {"batch", "single"}) {
    BOOST_TEST_CONTEXT("write mode " << mode) {
      const int first = std::string(mode) == "batch" ? 3000 : 4000;
      auto in = f.write(std::string("n-") + mode + ".csv", zoom_csv(first, 40));
      auto report = f.dir.file(std::string("r-") + mode + ".jsonl");
      auto summary = f.dir.file(std::string("s-") + mode + ".json");
      auto r = f.apply({in}, report, {"--write-mode", mode, "--summary", summary});
      BOOST_TEST(r.exit_code == 0, r.err);
      expect_synced_and_held(f, report, 40);
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
  auto in = f.write("n.csv", zoom_csv(5000, 6));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_synced_and_held(f, report, 6);
  auto s = summary_of(summary);
  BOOST_TEST(num(s, "tokenRefreshes") > 0);
  BOOST_TEST(num(s, "tokensFetched") >= 2);
}

BOOST_AUTO_TEST_CASE(a_401_after_a_503_earns_a_new_token) {
  // One batch meets 401 (refresh), 503 (retry), 401: time passed since the refresh, so the
  // token may simply have expired on the way, and a new one is fetched (fix d9edc1c; the soak
  // met this only by chance). A single batch: each answer goes to the same request.
  e2e_fixture f;
  auto in = f.write("n.csv", zoom_csv(7000, 3));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  script_batch_answers(f, json::array{json::object{{"status", 401}}, json::object{{"status", 503}, {"retryAfter", 0}},
                                      json::object{{"status", 401}}});
  auto r = f.apply({in}, report, {"--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(scripted_answers_given(f) == 3);
  expect_synced_and_held(f, report, 3);
  auto s = summary_of(summary);
  BOOST_TEST(num(s, "tokenRefreshes") == 2);
  BOOST_TEST(f.api_calls("Accounts_CreateOrUpdateNumbers") == 4u);  // 401, 503, 401, then served
}

BOOST_AUTO_TEST_CASE(a_401_right_after_a_fresh_token_stops_the_run_as_credentials) {
  // 401, a refresh, 401 again at once: a token issued a moment ago is refused, no request of
  // this run will pass. Exit 3, credentials; every row has a row, and --resume finishes them.
  e2e_fixture f;
  auto in = f.write("n.csv", zoom_csv(7100, 3));
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  script_batch_answers(f, json::array{json::object{{"status", 401}}, json::object{{"status", 401}}});
  auto r = f.apply({in}, report, {"--summary", summary});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("refuses a freshly issued token") != std::string::npos, r.err);
  BOOST_TEST(scripted_answers_given(f) == 2);
  auto s = summary_of(summary);
  BOOST_TEST(str(s, "abortKind") == "credentials", json::serialize(s));
  BOOST_TEST(num(s, "tokenRefreshes") == 1);
  BOOST_TEST(f.api_calls("Accounts_CreateOrUpdateNumbers") == 2u);  // no third attempt
  BOOST_TEST(f.sim_numbers().empty());
  auto rows = read_report(report);
  BOOST_TEST(rows.size() == 3u);
  for (auto& row : rows)
    BOOST_TEST((str(row, "outcome") == "error" || str(row, "outcome") == "skipped"), json::serialize(row));

  // The credentials are fine again (the script is used up): the journal resumes every row.
  auto again = f.apply({in}, report, {"--resume"});
  BOOST_TEST(again.exit_code == 0, again.err);
  expect_synced_and_held(f, report, 3);
}

BOOST_AUTO_TEST_SUITE_END()
