// The emulator as a process and an HTTPS server: ready line, TLS, keep-alive, concurrency,
// signals, --help, plain HTTP, unknown routes and oversized bodies.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

// Runs a command and returns its stdout (bounded by the command itself).
std::string run_command(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = ::pclose(p);
  if (status) *status = st;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(transport)

BOOST_AUTO_TEST_CASE(ready_line_is_one_json_object_with_the_documented_fields) {
  sim_process sim(fast_flags());
  const auto& r = sim.ready();
  std::string port = std::to_string(r.port);
  BOOST_TEST(r.raw_line == R"({"endpoint":"https://127.0.0.1:)" + port + R"(","tokenUrl":"https://127.0.0.1:)" + port +
                               R"(/sim-tenant/oauth2/v2.0/token","caFile":")" + r.ca_file + R"(","port":)" + port +
                               R"(,"authority":"https://127.0.0.1:)" + port + R"(","tenant":"sim-tenant"})");
  BOOST_TEST(r.ca_file == sim.work_dir() + "/ca.pem");
  BOOST_TEST(std::filesystem::exists(r.ca_file));
  BOOST_TEST(r.port != 0);
}

BOOST_AUTO_TEST_CASE(tls_is_verified_and_connections_are_kept_alive) {
  sim_env env;
  for (int i = 0; i < 5; ++i) {
    auto r = env.api("GET", "/accounts");
    BOOST_TEST(r.status == 200);
  }
  BOOST_TEST(env.client.connections_opened() == 1u);  // token + 5 calls on one connection

  // A client that trusts another CA must fail the handshake.
  temp_file other_ca(R"(-----BEGIN CERTIFICATE-----
MIIBfjCCASOgAwIBAgIUQ7d0Hr0i6FbT1S8Wgkq2yFhzM0QwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJb3RoZXItY2EwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAw
MDAwWjAUMRIwEAYDVQQDDAlvdGhlci1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABCq6N4l2a3a9a3a3o3a9a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3
a3a3a3a3a3a3a3a3a3a3a3a3a3ajUzBRMB0GA1UdDgQWBBQAAAAAAAAAAAAAAAAA
AAAAAAAAADAfBgNVHSMEGDAWgBQAAAAAAAAAAAAAAAAAAAAAAAAAADAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDAAAAAAAAAAAAAAAAAAAAAAAAA
AAAAAAAAAAAAAAAAAAIhAMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
-----END CERTIFICATE-----
)",
                     ".pem");
  https_client_options o;
  o.port = env.sim.ready().port;
  o.ca_file = env.sim.ready().ca_file;
  o.verify_name = "not-the-host.example";  // the certificate names localhost and 127.0.0.1 only
  https_test_client wrong_name(o);
  auto r = wrong_name.request("GET", "/_sim/health");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(static_cast<bool>(r.error));

  o.verify_name = "localhost";  // the SAN DNS:localhost also verifies
  https_test_client by_name(o);
  BOOST_TEST(by_name.request("GET", "/_sim/health").status == 200);
}

BOOST_AUTO_TEST_CASE(many_concurrent_connections_are_served_and_counted) {
  sim_env env;
  std::vector<std::unique_ptr<https_test_client>> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(std::make_unique<https_test_client>(env.sim.ready()));
    auto r = clients.back()->request("GET", versioned("/accounts"), {{"Authorization", "Bearer " + env.token}});
    BOOST_TEST(r.status == 200);
  }
  auto stats = env.stats();
  BOOST_TEST(stats.at("peakConnections").to_number<int>() >= 21);
  BOOST_TEST(stats.at("currentConnections").to_number<int>() >= 21);
  clients.clear();
}

BOOST_AUTO_TEST_CASE(sigterm_stops_the_emulator_with_status_zero) {
  sim_process sim(fast_flags());
  int status = sim.stop();
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_CASE(help_documents_every_flag) {
  int status = -1;
  std::string help = run_command(std::string(ACGPROV_SIM_PATH) + " --help", &status);
  BOOST_TEST(status == 0);
  for (const char* flag : {"--port",
                           "--bind",
                           "--config",
                           "--rate-limit",
                           "--burst",
                           "--throttle-mode",
                           "--sync-delay-ms",
                           "--fault-5xx",
                           "--fault-reset",
                           "--fault-stall",
                           "--fault-latency-ms",
                           "--fault-sync-never",
                           "--fault-seed",
                           "--fault-token",
                           "--token-lifetime",
                           "--ca-out",
                           "--cert",
                           "--key",
                           "--plain-http",
                           "--batch-atomic",
                           "--repeatability-window",
                           "--idle-timeout",
                           "--stall-timeout",
                           "--log-level",
                           "--tenant",
                           "--client",
                           "--help",
                           "--version"})
    BOOST_TEST(help.find(flag) != std::string::npos, "--help lacks " << flag);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_with_status_two_and_print_nothing_on_stdout) {
  int status = -1;
  std::string out = run_command(std::string(ACGPROV_SIM_PATH) + " --rate-limit fast 2>/dev/null", &status);
  BOOST_TEST(out.empty());
  BOOST_TEST(WEXITSTATUS(status) == 2);
  out = run_command(std::string(ACGPROV_SIM_PATH) + " --no-such-flag 2>/dev/null", &status);
  BOOST_TEST(WEXITSTATUS(status) == 2);
}

BOOST_AUTO_TEST_CASE(plain_http_only_behind_its_flag) {
  sim_process sim(fast_flags({"--plain-http"}));
  BOOST_TEST(sim.ready().endpoint.rfind("http://127.0.0.1:", 0) == 0);
  https_test_client client(sim.ready());
  auto r = client.request("GET", "/_sim/health");
  BOOST_TEST(r.status == 200);
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_404_and_wrong_methods_405) {
  sim_env env;
  // Outside the API's collections the gateway answers (an HTML page, run_time_identity_tests);
  // inside, an unknown path is the API's own 404.
  auto r = env.api("GET", "/accounts/contoso/nothing/here");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.header("x-ms-error-code") == "NotFound");
  r = env.api("POST", "/accounts/contoso", "{}");
  BOOST_TEST(r.status == 405);
  BOOST_TEST(r.header("x-ms-error-code") == "MethodNotAllowed");
  r = env.api("POST", "/accounts/contoso:noSuchAction", "{}");
  BOOST_TEST(r.status == 404);
}

BOOST_AUTO_TEST_CASE(oversized_bodies_are_refused_with_413) {
  sim_env env;
  std::string body(5 * 1024 * 1024, ' ');
  auto r = env.api("PUT", "/accounts/big", body);
  BOOST_TEST(r.status == 413);
  BOOST_TEST(r.header("x-ms-error-code") == "PayloadTooLarge");
}

BOOST_AUTO_TEST_SUITE_END()
