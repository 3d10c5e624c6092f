// Name lookups a hard stop can cut off (issue 12, case 6). The lookup is injected: a DNS
// server that never answers cannot be had on a loopback-only machine, and this way the test
// decides exactly when the lookup hangs and when it would have come back.
#include "io/name_resolver.hpp"
#include "io/https_client.hpp"
#include "io/tls_context.hpp"
#include "io/transport_error.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

using namespace acgprov;
using namespace std::chrono_literals;
using boost::system::error_code;

namespace {

// A lookup that blocks like a DNS server that does not answer, until the test lets it go
// (so that its thread ends). `on_start` runs on the lookup's thread as it begins.
struct hung_dns {
  std::mutex mutex;
  std::condition_variable cv;
  bool released = false;
  std::atomic<int> started{0};
  std::function<void()> on_start;

  void release() {
    std::lock_guard lock(mutex);
    released = true;
    cv.notify_all();
  }
};

io::lookup_function hung(std::shared_ptr<hung_dns> dns) {
  return [dns](const std::string&) {
    ++dns->started;
    if (dns->on_start) dns->on_start();
    std::unique_lock lock(dns->mutex);
    dns->cv.wait(lock, [&] { return dns->released; });
    // Had it come back, it would have said 127.0.0.1; nobody may use that answer any more.
    return io::lookup_answer{{}, {net::ip::make_address("127.0.0.1")}};
  };
}

awaitable<void> send_one(io::https_client* client, std::optional<error_code>* out) {
  io::http_request req;
  req.method = "GET";
  req.target = "/";
  auto r = co_await client->send(std::move(req));
  *out = r ? error_code{} : r.error();
}

awaitable<void> resolve_into(io::name_resolver* r, std::string host, std::optional<io::lookup_answer>* out) {
  auto a = co_await r->resolve(std::move(host), std::chrono::steady_clock::now() + 30s);
  *out = std::move(a);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(name_resolver_tests)

BOOST_AUTO_TEST_CASE(abort_all_cuts_off_a_hung_name_lookup) {
  auto dns = std::make_shared<hung_dns>();
  std::optional<error_code> got;
  {
    net::io_context io;
    io::https_client* client_ptr = nullptr;
    // The hard stop comes while the lookup hangs: posted by the lookup's thread itself.
    dns->on_start = [&io, &client_ptr] { net::post(io, [&client_ptr] { client_ptr->abort_all(); }); };
    io::client_config cfg;
    cfg.lookup = hung(dns);
    io::https_client client(io.get_executor(), io::make_client_tls_context(""),
                            io::parse_endpoint("https://api.hung.test"), cfg);
    client_ptr = &client;
    net::co_spawn(io, send_one(&client, &got), net::detached);
    // Returns once the send has ended, as nothing else is left to run; bounded in any case.
    io.run_for(30s);
    BOOST_TEST(dns->started == 1);
    BOOST_TEST_REQUIRE(got.has_value());  // a lookup that cannot be cut off is still waiting
    BOOST_TEST((*got == net::error::operation_aborted), got->message());
  }
  // The lookup comes back after its io_context is gone: its answer is dropped, nothing posted.
  dns->release();
}

BOOST_AUTO_TEST_CASE(the_connect_timeout_bounds_a_hung_name_lookup) {
  auto dns = std::make_shared<hung_dns>();
  std::optional<error_code> got;
  {
    net::io_context io;
    io::client_config cfg;
    cfg.lookup = hung(dns);
    cfg.timeouts.connect = 200ms;
    io::https_client client(io.get_executor(), io::make_client_tls_context(""),
                            io::parse_endpoint("https://api.hung.test"), cfg);
    net::co_spawn(io, send_one(&client, &got), net::detached);
    io.run_for(30s);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST((io::classify(*got) == io::transport_failure::timeout), got->message());
  }
  dns->release();
}

BOOST_AUTO_TEST_CASE(a_lookup_answers_and_an_ip_literal_needs_none) {
  net::io_context io;
  std::atomic<int> lookups{0};
  io::name_resolver r(io.get_executor(), [&lookups](const std::string& host) {
    ++lookups;
    return host == "api.example.test" ? io::lookup_answer{{}, {net::ip::make_address("192.0.2.7")}}
                                      : io::lookup_answer{net::error::host_not_found, {}};
  });
  std::optional<io::lookup_answer> named, literal, unknown;
  net::co_spawn(io, resolve_into(&r, "api.example.test", &named), net::detached);
  io.run_for(30s);
  io.restart();
  net::co_spawn(io, resolve_into(&r, "::1", &literal), net::detached);
  io.run_for(30s);
  io.restart();
  net::co_spawn(io, resolve_into(&r, "nowhere.test", &unknown), net::detached);
  io.run_for(30s);
  BOOST_TEST_REQUIRE(named.has_value());
  BOOST_TEST(!named->ec);
  BOOST_TEST_REQUIRE(named->addresses.size() == 1u);
  BOOST_TEST(named->addresses[0].to_string() == "192.0.2.7");
  BOOST_TEST_REQUIRE(literal.has_value());
  BOOST_TEST(literal->addresses.at(0).to_string() == "::1");
  BOOST_TEST_REQUIRE(unknown.has_value());
  BOOST_TEST((unknown->ec == net::error::host_not_found));
  BOOST_TEST(lookups == 2);  // none for the literal
}

BOOST_AUTO_TEST_SUITE_END()
