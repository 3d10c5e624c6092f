#include "io/https_client.hpp"

#include "io/connection_reuse.hpp"
#include "io/request_check.hpp"
#include "io/transport_error.hpp"

namespace acgprov::io {

using boost::system::error_code;
using boost::system::result;

https_client::https_client(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls, endpoint ep,
                           client_config cfg)
    : executor_(std::move(ex)), tls_(std::move(tls)), endpoint_(std::move(ep)), config_(std::move(cfg)) {
  if (const proxy_server* via = config_.proxy.for_host(endpoint_.host)) via_ = *via;
}

https_client::~https_client() { close_idle(); }

void https_client::close_idle() {
  for (auto& c : idle_) c->close();
  idle_.clear();
}

void https_client::abort_all() {
  aborted_ = true;
  close_idle();
  // Closing the socket completes the pending connect, handshake, write or read with an error;
  // each send() then drops its connection (never pooled after an error).
  busy_.close_all();
  for (auto* t : pauses_) t->cancel();
}

awaitable<bool> https_client::pause(std::chrono::milliseconds d) {
  if (aborted_) co_return false;
  net::steady_timer timer(executor_, d);
  pauses_.push_back(&timer);
  co_await timer.async_wait(as_result);
  std::erase(pauses_, &timer);
  co_return !aborted_;
}

awaitable<result<std::unique_ptr<https_connection>>> https_client::open() {
  auto conn = std::make_unique<https_connection>(executor_, tls_, config_.lookup);
  error_code ec;
  {
    auto in_use = busy_.mark(conn.get());  // left however connect() ends, a throw included
    ec = co_await conn->connect(endpoint_, config_.timeouts, proxy());
  }
  if (classify(ec) == transport_failure::proxy) proxy_refusal_ = conn->proxy_answer();
  if (!ec && aborted_) ec = net::error::operation_aborted;
  if (ec) {
    conn->close();
    co_return ec;
  }
  ++counters_.connections_opened;
  co_return conn;
}

awaitable<result<http_response>> https_client::send(http_request req, std::uint32_t* resent) {
  // Checked before a connection is taken: such a request touches neither the pool nor the wire.
  if (auto refused = check_request(req)) co_return refused;
  // Two rounds at most: the second only when a pooled connection turned out stale.
  for (int round = 0; round < 2; ++round) {
    if (aborted_) co_return error_code(net::error::operation_aborted);
    std::unique_ptr<https_connection> conn;
    // Old connections are dropped, not reused: the next one is dialled (and its name looked
    // up) afresh, which is how a DNS failover reaches a client that keeps connections alive.
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(idle_, [&](const std::unique_ptr<https_connection>& c) {
      if (!too_old_to_reuse(c->opened_at, now, config_.max_connection_age)) return false;
      c->close();
      return true;
    });
    if (!idle_.empty()) {
      conn = std::move(idle_.back());  // LIFO: the most recently used is least likely stale
      idle_.pop_back();
      conn->reused = true;
    } else {
      auto opened = co_await open();
      if (!opened) co_return opened.error();
      conn = std::move(*opened);
    }

    // An exception inside the exchange unwinds past here: the guard takes the connection off
    // the busy list and `conn` is destroyed (its socket closed), so it is never pooled.
    exchange_result ex;
    {
      auto in_use = busy_.mark(conn.get());
      ex = co_await conn->exchange(endpoint_, req, config_.timeouts, config_.body_limit);
    }
    if (!ex.ec) {
      if (may_pool(ex.response.status, ex.reusable) && idle_.size() < config_.max_idle)
        idle_.push_back(std::move(conn));
      else conn->close();
      co_return std::move(ex.response);
    }
    conn->close();  // a failed, timed-out or cancelled connection is never pooled

    // A kept-alive connection that the server had already closed fails before the first
    // response byte (beast#2016): send once more on a fresh connection. Usually the server
    // never read the request; a server that reset the connection after reading it looks the
    // same, so the request may have arrived twice: `resent` tells the caller (who counts it
    // as an attempt), and writes carry Repeatability-Request-ID, so a second arrival is
    // answered from the server's record, not applied again. A fresh connection's failure is
    // reported.
    if (conn->reused && !ex.got_response_bytes && ex.ec != net::error::operation_aborted &&
        ex.ec.category() != request_error_category() && classify(ex.ec) != transport_failure::timeout) {
      ++counters_.stale_retries;
      if (resent) ++*resent;
      close_idle();  // its siblings are likely stale too
      continue;
    }
    co_return ex.ec;
  }
  co_return error_code(net::error::connection_reset);
}

std::string describe_proxy_refusal(const https_client& client, const error_code& ec) {
  const std::string proxy = client.proxy() ? client.proxy()->url() : std::string("the proxy");
  const std::string answer = client.proxy_refusal().empty() ? ec.message() : client.proxy_refusal();
  return "the proxy " + proxy + " refused the tunnel to " + client.target().host_header() + ": " + answer +
         " (check --proxy or HTTPS_PROXY, and the proxy's credentials and rules)";
}

}  // namespace acgprov::io
