#include "io/local_http_client.hpp"

#include "io/request_check.hpp"
#include "io/response_parser.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <charconv>
#include <optional>
#include <stdexcept>

namespace acgprov::io {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

namespace {

bool local_address(const net::ip::address& a) {
  if (a.is_loopback()) return true;
  // The instance metadata service's one address (link-local), and nothing else of 169.254/16.
  return a.is_v4() && a.to_v4() == net::ip::make_address_v4("169.254.169.254");
}

// The addresses to dial: "localhost" is loopback by definition (RFC 6761 §6.3), so no lookup.
std::vector<net::ip::address> addresses_of(const std::string& host) {
  if (host == "localhost") return {net::ip::make_address("127.0.0.1"), net::ip::make_address("::1")};
  return {net::ip::make_address(host)};
}

}  // namespace

std::string local_endpoint::url() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + h + (port == "80" ? "" : ":" + port) + path;
}

local_endpoint parse_local_endpoint(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("not a URL: " + std::string(url));
  const auto& u = *parsed;
  if (u.scheme() != "http" || u.has_userinfo() || u.has_fragment())
    throw std::invalid_argument("a managed identity endpoint must be a plain http:// URL without credentials: " +
                                std::string(url));
  local_endpoint ep;
  ep.host = u.host_address();
  error_code ec;
  auto address = net::ip::make_address(ep.host, ec);
  if (ep.host != "localhost" && (ec || !local_address(address)))
    throw std::invalid_argument(
        "plain HTTP is allowed only to this machine (localhost, 127.0.0.1, ::1) or to "
        "169.254.169.254, not " +
        std::string(url));
  ep.port = u.has_port() ? std::string(u.port()) : "80";
  unsigned short port = 0;
  if (std::from_chars(ep.port.data(), ep.port.data() + ep.port.size(), port).ec != std::errc() || port == 0)
    throw std::invalid_argument("bad port in " + std::string(url));
  ep.path = std::string(u.encoded_path());
  if (ep.path.empty()) ep.path = "/";
  return ep;
}

struct local_http_client::open_socket {
  beast::tcp_stream stream;
};

local_http_client::local_http_client(net::any_io_executor ex, local_endpoint ep, connection_timeouts timeouts)
    : executor_(std::move(ex)), endpoint_(std::move(ep)), timeouts_(timeouts) {}

local_http_client::~local_http_client() = default;

void local_http_client::abort_all() {
  aborted_ = true;
  error_code ignored;
  for (auto* s : busy_) s->stream.socket().close(ignored);
  for (auto* t : pauses_) static_cast<net::steady_timer*>(t)->cancel();
}

awaitable<bool> local_http_client::pause(std::chrono::milliseconds d) {
  if (aborted_) co_return false;
  net::steady_timer timer(executor_, d);
  pauses_.push_back(&timer);
  co_await timer.async_wait(as_result);
  std::erase(pauses_, static_cast<void*>(&timer));
  co_return !aborted_;
}

awaitable<boost::system::result<http_response>> local_http_client::send(http_request req) {
  if (auto refused = check_request(req)) co_return refused;
  if (aborted_) co_return error_code(net::error::operation_aborted);
  unsigned short port = 0;
  std::from_chars(endpoint_.port.data(), endpoint_.port.data() + endpoint_.port.size(), port);
  std::vector<tcp::endpoint> targets;
  for (const auto& a : addresses_of(endpoint_.host)) targets.emplace_back(a, port);

  open_socket s{beast::tcp_stream(executor_)};
  busy_.push_back(&s);
  struct leave {
    std::vector<open_socket*>& list;
    open_socket* s;
    ~leave() { std::erase(list, s); }
  } on_exit{busy_, &s};

  s.stream.expires_after(timeouts_.connect);
  auto [cec, connected] = co_await s.stream.async_connect(targets, as_result);
  if (!cec && aborted_) cec = net::error::operation_aborted;
  if (cec) co_return cec;

  http::request<http::string_body> msg;
  msg.method_string(req.method);
  msg.target(req.target);
  msg.version(11);
  msg.set(http::field::host, endpoint_.host.find(':') != std::string::npos
                                 ? "[" + endpoint_.host + "]:" + endpoint_.port
                                 : endpoint_.host + ":" + endpoint_.port);
  msg.set(http::field::user_agent, "acgprov/0.1");
  msg.set(http::field::connection, "close");
  for (const auto& [k, v] : req.headers) msg.set(k, v);
  msg.body() = req.body;
  msg.prepare_payload();

  s.stream.expires_after(timeouts_.request);
  auto [wec, written] = co_await http::async_write(s.stream, msg, as_result);
  if (wec) co_return wec;
  beast::flat_buffer buffer{max_unparsed_bytes};
  std::optional<response_parser> parser;
  error_code rec;
  for (int interim = 0; interim <= max_interim_responses; ++interim) {
    parser.emplace();
    limit_response_parser(*parser, 1024 * 1024);  // a token answer is a few kilobytes
    auto [ec, read] = co_await http::async_read(s.stream, buffer, *parser, as_result);
    rec = ec;
    if (rec || !is_interim(*parser)) break;
  }
  if (!rec) rec = final_status_error(*parser);
  error_code ignored;
  s.stream.socket().close(ignored);
  if (rec) co_return rec;
  co_return take_response(*parser);
}

}  // namespace acgprov::io
