// Connections follow a failover (issue 15): the API runs in two regions behind DNS, and a
// client should dial afresh after a failure. A connection that got a 5xx is closed, not kept
// alive for the next request; the emulator numbers the connection every request came on
// (/_sim/requests `connection`), so the test sees which requests shared one.
#include "io/https_client.hpp"
#include "io/tls_context.hpp"
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <map>

using namespace acgprov::test;
namespace json = boost::json;
namespace io = acgprov::io;

namespace {

// `count` GETs of /_sim/health, one after the other, on `client`; how many answered 200.
acgprov::awaitable<void> get_health(io::https_client* client, int count, int* ok) {
  for (int i = 0; i < count; ++i) {
    io::http_request req;
    req.method = "GET";
    req.target = "/_sim/health";
    auto res = co_await client->send(std::move(req));
    if (res && res->status == 200) ++*ok;
  }
}

// Connections `client_config` makes for three requests in a row.
std::uint64_t connections_for_three(const e2e_fixture& f, io::client_config cfg) {
  boost::asio::io_context ctx;
  io::https_client client(ctx.get_executor(), io::make_client_tls_context(f.sim->ready().ca_file),
                          io::parse_endpoint(f.sim->ready().endpoint), std::move(cfg));
  int ok = 0;
  boost::asio::co_spawn(ctx, get_health(&client, 3, &ok), boost::asio::detached);
  ctx.run();
  BOOST_TEST(ok == 3);
  return client.counters().connections_opened;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(failover_e2e)

BOOST_AUTO_TEST_CASE(a_connection_that_got_a_5xx_is_not_reused) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--fault-5xx", "0.3", "--fault-seed", "5"});
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < 16; ++i) csv += "fabrikam,+142555509" + std::to_string(20 + i) + ",azureOperatorCallProtection\n";
  // One request at a time, one number a request: every request may take the pooled connection.
  auto r = f.apply({f.write("numbers.csv", csv)}, f.dir.file("report.jsonl"),
                   {"--write-mode", "single", "--max-in-flight", "1", "--no-plan", "--no-preflight"});
  BOOST_TEST((r.exit_code == 0 || r.exit_code == 1), "exit " << r.exit_code << "\n" << r.err);

  const auto log = f.sim_get("/_sim/requests?since=0");
  const auto& requests = log.at("requests").as_array();
  std::map<std::uint64_t, std::uint64_t> failed_on;  // connection -> seq of its 5xx answer
  std::size_t server_errors = 0, reuses = 0, after_5xx = 0;
  std::map<std::uint64_t, int> uses;
  for (const auto& v : requests) {
    const auto& e = v.as_object();
    const auto connection = e.at("connection").to_number<std::uint64_t>();
    const auto status = e.at("status").to_number<int>();
    if (failed_on.count(connection)) {
      ++after_5xx;
      BOOST_TEST_MESSAGE("request " << json::serialize(e) << " came on a connection that had answered 5xx");
    }
    if (++uses[connection] > 1) ++reuses;
    if (status >= 500) {
      ++server_errors;
      failed_on[connection] = e.at("seq").to_number<std::uint64_t>();
    }
  }
  BOOST_TEST(server_errors > 0u);  // the faults happened
  BOOST_TEST(reuses > 0u);         // and connections were kept alive otherwise
  BOOST_TEST(after_5xx == 0u, after_5xx << " requests came on a connection after its 5xx");
}

BOOST_AUTO_TEST_CASE(a_connection_past_its_age_limit_is_not_reused) {
  e2e_fixture f;
  BOOST_TEST(connections_for_three(f, {}) == 1u);  // within 60 s: one kept-alive connection
  io::client_config aged;
  aged.max_connection_age = std::chrono::steady_clock::duration::zero();  // every connection is too old at once
  BOOST_TEST(connections_for_three(f, aged) == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
