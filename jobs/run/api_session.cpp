#include "jobs/run/api_session.hpp"

#include "auth/managed_identity_source.hpp"
#include "auth/workload_identity_source.hpp"
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

// The token source for the credential complete_connection_options chose. Every source that
// talks to the identity platform goes through an https_client (and so through a proxy when
// one is configured); only the managed identity endpoints, on this machine, do not.
std::unique_ptr<auth::token_source> token_source_for(net::any_io_executor ex, std::shared_ptr<net::ssl::context> tls,
                                                     const connection_options& c) {
  switch (c.chosen.kind) {
    case credential_kind::managed_identity:
      return std::make_unique<auth::managed_identity_source>(std::move(ex), c.managed_identity);
    case credential_kind::workload_identity:
      return std::make_unique<auth::workload_identity_source>(std::move(ex), std::move(tls), c.credentials,
                                                              c.federated_token_file, c.proxy);
    case credential_kind::certificate:
    case credential_kind::secret:
      break;
  }
  if (c.client_certificate)
    return std::make_unique<auth::client_assertion_source>(std::move(ex), std::move(tls), c.credentials,
                                                           c.client_certificate, c.proxy);
  return std::make_unique<auth::client_secret_source>(std::move(ex), std::move(tls), c.credentials, c.proxy);
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
           {.timeouts = conn.timeouts, .max_idle = conn.max_in_flight + 4, .proxy = conn.proxy}),
      // Throws std::invalid_argument for an authority that is not https.
      token_source_(token_source_for(io_.get_executor(), tls_, conn)),
      tokens_(*token_source_),
      limiter_(io_.get_executor(), conn.rate),
      ctx_(api_, tokens_, limiter_, engine_) {}

awaitable<bool> api_session::start() {
  auto token = co_await tokens_.get();
  if (token) co_return true;
  const auto& e = token.error();
  const char* why = e.proxy ? "" : e.tls ? "TLS failure: " : e.refused ? "credentials refused: " : "no access token: ";
  // No token because the identity platform could not be reached counts as an endpoint failure.
  ctx_.abort(why + e.message(), e.proxy     ? engine::abort_kind::proxy
                                : e.refused ? engine::abort_kind::credentials
                                            : engine::abort_kind::endpoint);
  co_return false;
}

void api_session::run(awaitable<void> work) {
  // A signal (or the deadline) stops the run: no new rows, sleeping workers wake, the rest is
  // reported skipped; see graceful_stop.hpp.
  // The hard stop cuts off everything that waits on the network: API requests (with their
  // name lookups and connects) and token requests (with their backoff).
  graceful_stop stop(io_, ctx_, stop_policy_, [this] {
    api_.abort_all();
    tokens_.abort();
  });
  std::exception_ptr failure;
  net::co_spawn(io_, std::move(work), [&](std::exception_ptr e) {
    failure = e;
    stop.cancel();
  });
  io_.run();
  io_.restart();
  // A graceful stop whose requests all ended within the grace period: the run still stopped
  // early, and the job reports the rows it did not take.
  if (ctx_.draining && !ctx_.stopping) ctx_.abort(ctx_.drain_reason, ctx_.drain_cause);
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      ctx_.abort(std::string("internal error: ") + e.what());
    }
  }
}

}  // namespace acgprov::jobs
