// One full round trip with curl, a client we did not write: token -> PUT account -> PUT
// number -> pending -> synced -> DELETE, TLS verified with --cacert.
#include "tests/sim/sim_fixture.hpp"
#include "tests/support/skip.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

bool have_curl() { return std::system("curl --version >/dev/null 2>&1") == 0; }

struct curl_result {
  int status = 0;
  std::string body;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs curl (bounded by --max-time) and splits the body from the status it appends.
curl_result curl(const std::string& args) {
  std::string cmd = "curl -sS --max-time 10 -w '\\n%{http_code}' " + args + " 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  BOOST_TEST_REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  ::pclose(p);
  curl_result r;
  auto nl = out.rfind('\n');
  BOOST_TEST_REQUIRE(nl != std::string::npos, "curl printed: " << out);
  r.status = std::atoi(out.c_str() + nl + 1);
  r.body = out.substr(0, nl);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(curl_round_trip)

BOOST_AUTO_TEST_CASE(token_account_number_pending_synced_delete) {
  if (!have_curl()) {
    report_skip("curl_round_trip/token_account_number_pending_synced_delete", "curl is not installed");
    return;
  }
  sim_process sim(fast_flags({"--sync-delay-ms", "300"}));
  const auto& ready = sim.ready();
  std::string ca = "--cacert " + shell_quote(ready.ca_file) + " ";

  auto token = curl(ca + "-X POST " + shell_quote(ready.token_url) +
                    " -d grant_type=client_credentials -d client_id=sim-client"
                    " -d client_secret=sim-secret --data-urlencode " +
                    shell_quote(std::string("scope=") + api_scope));
  BOOST_TEST_REQUIRE(token.status == 200, token.body);
  std::string bearer(parse_json(token.body).as_object().at("access_token").as_string());
  std::string auth = "-H " + shell_quote("Authorization: Bearer " + bearer) + " -H 'Content-Type: application/json' ";
  std::string base = ready.endpoint;

  auto account = curl(ca + auth + "-X PUT " + shell_quote(base + "/accounts/contoso?api-version=2024-02-29") + " -d " +
                      shell_quote(oc_account("contoso")));
  BOOST_TEST_REQUIRE(account.status == 201, account.body);

  // curl sends the '+' literally in the path; the emulator must not read it as a space.
  std::string number_url = base + "/accounts/contoso/numbers/+15105850321?api-version=2024-02-29";
  auto number = curl(ca + auth + "-X PUT " + shell_quote(number_url) + " -d " +
                     shell_quote(oc_number("contoso", "+15105850321")));
  BOOST_TEST_REQUIRE(number.status == 201, number.body);
  BOOST_TEST(parse_json(number.body).as_object().at("serviceProvisioningStatus").as_string() == "pending");

  std::string status = "pending";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);  // a bound, not an expectation
  while (status == "pending" && std::chrono::steady_clock::now() < deadline) {
    auto get = curl(ca + auth + shell_quote(number_url));
    BOOST_TEST_REQUIRE(get.status == 200, get.body);
    status = std::string(parse_json(get.body).as_object().at("serviceProvisioningStatus").as_string());
    if (status == "pending") std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_TEST(status == "synced");

  // A 100-number batch with Expect: 100-continue (curl adds it by itself for large bodies and
  // then waits up to a second for the interim answer): the emulator must send 100 Continue.
  std::string batch = R"({"numbers":[)";
  for (int i = 0; i < 100; ++i) batch += (i ? "," : "") + oc_number("contoso", "+1555" + std::to_string(2000000 + i));
  batch += "]}";
  temp_file batch_file(batch);
  auto posted = curl(ca + auth + "-v -H 'Expect: 100-continue' -X POST " +
                     shell_quote(base + "/accounts/contoso:createOrUpdateNumbers?api-version=2024-02-29") +
                     " --data-binary @" + shell_quote(batch_file.path()));
  BOOST_TEST(posted.status == 200);
  BOOST_TEST(posted.body.find("< HTTP/1.1 100 Continue") != std::string::npos, "no 100 Continue in: " << posted.body);

  auto del = curl(ca + auth + "-X DELETE " + shell_quote(number_url));
  BOOST_TEST(del.status == 204);
  BOOST_TEST(curl(ca + auth + shell_quote(number_url)).status == 404);
  // Without the CA curl refuses the self-signed certificate.
  BOOST_TEST(curl(shell_quote(base + "/_sim/health")).status == 0);
}

BOOST_AUTO_TEST_SUITE_END()
