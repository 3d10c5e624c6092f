// Header injection (issue 11, case 6) at the HTTPS layer: what check_request refuses before a
// request reaches the wire, and the pool's busy list after an exception inside a step.
#include "io/request_check.hpp"
#include "io/busy_list.hpp"
#include "io/https_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace acgprov;

namespace {

io::http_request put_with(std::string name, std::string value) {
  io::http_request req;
  req.method = "PUT";
  req.target = "/accounts/contoso?api-version=2024-02-29-preview";
  req.headers = {{"Authorization", "Bearer abc"}, {std::move(name), std::move(value)}};
  return req;
}

awaitable<void> send_one(io::https_client& client, io::http_request req, boost::system::error_code* out) {
  auto r = co_await client.send(std::move(req));
  *out = r ? boost::system::error_code() : r.error();
}

struct fake_connection {
  int closed = 0;
  void close() { ++closed; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(request_check)

BOOST_AUTO_TEST_CASE(an_ordinary_request_passes) {
  BOOST_TEST(!io::check_request(put_with("If-Match", "W/\"0x8D\"")));
  BOOST_TEST(!io::check_request(put_with("If-Match", std::string(io::max_request_line_bytes, 'e'))));
}

BOOST_AUTO_TEST_CASE(cr_lf_or_nul_in_a_header_value_is_refused) {
  const std::string smuggled = "\"e1\"\r\n\r\nDELETE /accounts/victim HTTP/1.1\r\nHost: x";
  for (std::string value : {smuggled, std::string("\"a\"\rX"), std::string("\"a\"\nX"), std::string("\"a\"\0X", 5)}) {
    auto ec = io::check_request(put_with("If-Match", value));
    BOOST_TEST((ec == io::request_error::bad_header_value), ec.message());
    BOOST_TEST(ec.message().find("not sent") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(bad_names_methods_targets_and_lengths_are_refused) {
  BOOST_TEST((io::check_request(put_with("If-Match\r\nX-Evil", "1")) == io::request_error::bad_header_name));
  BOOST_TEST((io::check_request(put_with("", "1")) == io::request_error::bad_header_name));
  BOOST_TEST((io::check_request(put_with("If-Match", std::string(70'000, 'e'))) == io::request_error::too_long));
  auto req = put_with("If-Match", "\"1\"");
  req.method = "PUT /x HTTP/1.1\r\n";
  BOOST_TEST((io::check_request(req) == io::request_error::bad_method));
  req = put_with("If-Match", "\"1\"");
  req.target = "/accounts/a HTTP/1.1\r\nHost: x\r\n\r\nDELETE /accounts/victim";
  BOOST_TEST((io::check_request(req) == io::request_error::bad_target));
  req.target = "/a b";
  BOOST_TEST((io::check_request(req) == io::request_error::bad_target));
}

BOOST_AUTO_TEST_CASE(the_client_refuses_such_a_request_without_touching_the_pool_or_the_wire) {
  net::io_context io;
  auto tls = std::make_shared<net::ssl::context>(net::ssl::context::tls_client);
  // Nothing listens on port 1: had the client tried to send, the error would be "refused".
  io::https_client client(io.get_executor(), tls, io::parse_endpoint("https://127.0.0.1:1"));
  boost::system::error_code ec;
  auto req = put_with("If-Match", "\"e1\"\r\n\r\nDELETE /accounts/victim HTTP/1.1");
  net::co_spawn(io, send_one(client, std::move(req), &ec), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();
  BOOST_TEST((ec == io::request_error::bad_header_value), ec.message());
  BOOST_TEST(client.counters().connections_opened == 0u);
}

BOOST_AUTO_TEST_CASE(an_exception_inside_a_step_leaves_no_busy_entry) {
  io::busy_list<fake_connection> busy;
  fake_connection kept, thrown;
  auto still_busy = busy.mark(&kept);
  try {
    auto in_use = busy.mark(&thrown);
    BOOST_TEST(busy.size() == 2u);
    throw std::length_error("field size exceeds limit");  // what Beast threw for a 70,000-byte value
  } catch (const std::length_error&) {}
  BOOST_TEST(busy.size() == 1u);
  // A hard stop afterwards closes only what is still in use: no freed connection is touched.
  busy.close_all();
  BOOST_TEST(kept.closed == 1);
  BOOST_TEST(thrown.closed == 0);
}

BOOST_AUTO_TEST_SUITE_END()
