// Refusals of the whole run stop the run (issue 11, case 7): a token without the role writes
// need, an --endpoint whose base path is not the API's (the gateway's HTML 404), a token that
// was revoked while its refresh is refused, a token the API refuses however fresh, an
// api-version the server does not serve. Each ends with exit 3 and a message naming the cause;
// the rows end `error` (sent) or `skipped` (not sent), never `rejected`, `invalid` or
// `conflict`, so that --resume finishes them once the cause is fixed.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

// `count` rows over both seeded accounts (each number valid for its account).
std::string rows(int first, int count) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count; ++i) {
    const bool contoso = i % 2 == 0;
    csv += std::string(contoso ? "contoso" : "fabrikam") + ",+1425558" + std::to_string(first + i) +
           (contoso ? ",teamsDirectRouting\n" : ",zoomPhoneCloudPeering\n");
  }
  return csv;
}

json::object client_with_roles(json::array roles) {
  return json::object{{"clients", json::array{json::object{{"tenant", "sim-tenant"},
                                                           {"clientId", "sim-client"},
                                                           {"secret", "sim-secret"},
                                                           {"roles", std::move(roles)}}}}};
}

http_reply sim_post(e2e_fixture& f, const std::string& path, const std::string& body) {
  https_test_client sim(f.sim->ready());
  return sim.request("POST", path, {{"Content-Type", "application/json"}}, body);
}

// Every input row has one report row, each `error` or `skipped` with the run's reason; at
// least one was sent when `some_sent`. Nothing is held by the emulator.
void expect_resumable(e2e_fixture& f, const std::string& report, std::size_t count, bool some_sent) {
  auto report_rows = read_report(report);
  auto by = rows_by_number(report_rows);
  BOOST_TEST(report_rows.size() == count);
  BOOST_TEST(by.size() == count);
  std::size_t errors = 0;
  for (auto& [n, row] : by) {
    const auto outcome = str(row, "outcome");
    BOOST_TEST((outcome == "error" || outcome == "skipped"), n << ": " << json::serialize(row));
    if (outcome == "error") ++errors;
  }
  if (some_sent) BOOST_TEST(errors > 0u);
  BOOST_TEST(f.sim_numbers().size() == 0u);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_level_e2e)

BOOST_AUTO_TEST_CASE(a_token_without_the_write_role_stops_the_run_and_resume_finishes_it) {
  // The token reads (the preflight passes) but may not write: every write is 403.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"},
                client_with_roles(json::array{"ProvisioningAPI.Read", "ProvisioningAPI.Delete"}));
  auto in = f.write("n.csv", rows(1000, 550));
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("403") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("role") != std::string::npos, r.err);
  expect_resumable(f, report, 550, true);
  // Each batch was sent at most once (those already in flight when the first 403 came), and none
  // was split.
  BOOST_TEST(f.api_calls("Accounts_CreateOrUpdateNumbers") <= 6u);

  // The role is granted: the next token carries it, and --resume finishes every row.
  auto granted =
      sim_post(f, "/_sim/identity", R"({"clients":[{"clientId":"sim-client","roles":["ProvisioningAPI.Admin"]}]})");
  BOOST_TEST_REQUIRE(granted.status == 200, granted.body);
  auto again = f.apply({in}, report, {"--resume"});
  BOOST_TEST(again.exit_code == 0, again.err);
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == 550u);
  for (auto& [n, row] : by) BOOST_TEST(str(row, "outcome") == "synced", n << ": " << json::serialize(row));
  BOOST_TEST(f.sim_numbers().size() == 550u);
}

BOOST_AUTO_TEST_CASE(an_endpoint_with_a_wrong_base_path_is_not_the_api) {
  // The gateway answers paths outside the API with an HTML 404: that is no verdict on the
  // accounts, and no row becomes `invalid` / AccountNotFound.
  e2e_fixture f;
  auto in = f.write("n.csv", rows(2000, 40));
  auto report = f.dir.file("r.jsonl");
  std::vector<std::string> args{"apply", in};
  auto conn = f.connection_args();
  conn[1] += "/provisioning";  // --endpoint https://127.0.0.1:PORT/provisioning
  args.insert(args.end(), conn.begin(), conn.end());
  args.insert(args.end(), {"--report", report, "--rate", "1000", "--burst", "50"});
  auto r = f.run(args);
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("does not answer like the Provisioning API") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("base path") != std::string::npos, r.err);
  expect_resumable(f, report, 40, false);
  // The gateway answered, and nothing reached the API.
  BOOST_TEST(f.api_calls("Gateway") >= 1u);
  BOOST_TEST(f.api_requests() == f.api_calls("Gateway"));
}

BOOST_AUTO_TEST_CASE(a_revoked_token_whose_refresh_is_refused_stops_the_run) {
  // Right after the run's first token is issued, every token is revoked and the secret rotated:
  // the first write meets 401, the refresh is refused (invalid_client).
  e2e_fixture f;
  auto armed = sim_post(f, "/_sim/identity",
                        R"({"revokeTokens":true,"clients":[{"clientId":"sim-client","secret":"rotated-secret"}],)"
                        R"("afterTokensIssued":1})");
  BOOST_TEST_REQUIRE(armed.status == 200, armed.body);
  auto in = f.write("n.csv", rows(3000, 300));
  auto report = f.dir.file("r.jsonl");
  // --no-plan --no-preflight: the first API request is a write.
  auto r = f.apply({in}, report, {"--no-plan", "--no-preflight"});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("credentials refused") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("rotated-secret") == std::string::npos);  // no secret in any message
  BOOST_TEST(r.err.find("sim-secret") == std::string::npos);
  expect_resumable(f, report, 300, true);
  auto stats = f.sim_stats();
  BOOST_TEST(stats.at("tokenErrors").to_number<int>() >= 1);
}

BOOST_AUTO_TEST_CASE(a_token_refused_however_fresh_stops_the_run) {
  // Every token the identity platform issues is already expired when the API sees it, while
  // it says 3599 s: the refresh after the first 401 brings no better one.
  json::object cfg{{"clients", json::array{json::object{{"tenant", "sim-tenant"},
                                                        {"clientId", "sim-client"},
                                                        {"secret", "sim-secret"},
                                                        {"roles", json::array{"ProvisioningAPI.Admin"}},
                                                        {"tokenLifetime", -60},
                                                        {"reportedExpiresIn", 3599}}}}};
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, cfg);
  auto in = f.write("n.csv", rows(4000, 250));
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--no-plan", "--no-preflight"});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("freshly issued token") != std::string::npos, r.err);
  expect_resumable(f, report, 250, true);
}

BOOST_AUTO_TEST_CASE(an_api_version_the_server_refuses_stops_the_run) {
  e2e_fixture f;
  auto in = f.write("n.csv", rows(5000, 250));
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--api-version", "2023-10-01"});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("api-version") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("UnsupportedApiVersion") != std::string::npos, r.err);
  expect_resumable(f, report, 250, false);
  // Refused once or a few times (workers in flight), never bisected batch by batch.
  BOOST_TEST(f.api_requests() < 10u);
}

BOOST_AUTO_TEST_SUITE_END()
