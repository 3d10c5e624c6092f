#include "jobs/api_session.hpp"

#include "io/tls_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>

namespace acgprov::jobs {

namespace {

std::shared_ptr<net::ssl::context> tls_for(const connection_options& c) {
  try {
    return io::make_client_tls_context(c.ca_file);
  } catch (const std::exception& e) {
    throw usage_error(e.what());
  }
}

io::endpoint endpoint_for(const std::string& url, const char* what) {
  try {
    return io::parse_endpoint(url);
  } catch (const std::exception& e) {
    throw usage_error(std::string(what) + ": " + e.what());
  }
}

engine::engine_config with_connection(engine::engine_config e, const connection_options& c) {
  e.api_version = c.api_version;
  e.max_in_flight = c.max_in_flight;
  return e;
}

}  // namespace

api_session::api_session(const connection_options& conn, engine::engine_config engine)
    : tls_(tls_for(conn)),
      engine_(with_connection(std::move(engine), conn)),
      api_(io_.get_executor(), tls_, endpoint_for(conn.endpoint, "--endpoint"),
           {.timeouts = conn.timeouts, .max_idle = conn.max_in_flight + 4}),
      // Throws std::invalid_argument for an authority that is not https.
      token_source_(io_.get_executor(), tls_, conn.credentials),
      tokens_(token_source_),
      limiter_(io_.get_executor(), conn.rate),
      ctx_(api_, tokens_, limiter_, engine_) {}

awaitable<bool> api_session::start() {
  auto token = co_await tokens_.get();
  if (token) co_return true;
  ctx_.abort((token.error().refused ? "credentials refused: " : "no access token: ") + token.error().message());
  co_return false;
}

void api_session::run(awaitable<void> work) {
  // A signal stops the run: no new rows, sleeping workers wake, the rest is reported skipped.
  net::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (!ec) ctx_.abort(std::string("interrupted by ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
  });
  std::exception_ptr failure;
  net::co_spawn(io_, std::move(work), [&](std::exception_ptr e) {
    failure = e;
    signals.cancel();
  });
  io_.run();
  io_.restart();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      ctx_.abort(std::string("internal error: ") + e.what());
    }
  }
}

}  // namespace acgprov::jobs
