#pragma once
// What a command needs to talk to the API for one run: one io_context on one thread, the TLS
// context, the API client with its connection pool, the token cache, the rate limiter and
// the engine's run context. SIGINT / SIGTERM stop the run (ctx.abort) while it is running.
#include "auth/client_secret_source.hpp"
#include "auth/token_cache.hpp"
#include "engine/request/rate_limiter.hpp"
#include "engine/run_context.hpp"
#include "io/https_client.hpp"
#include "jobs/cli/connection_options.hpp"
#include "jobs/run/graceful_stop.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>

namespace acgprov::jobs {

class api_session {
public:
  // Throws usage_error for an endpoint that is not https or an unreadable --ca-file, and
  // std::invalid_argument for an authority that is not https.
  api_session(const connection_options& conn, engine::engine_config engine);

  engine::run_context& ctx() { return ctx_; }
  const engine::engine_config& config() const { return engine_; }
  net::io_context& io() { return io_; }
  std::uint64_t connections_opened() const { return api_.counters().connections_opened; }
  std::uint64_t tokens_fetched() const { return tokens_.tokens_fetched(); }

  // How SIGINT / SIGTERM and a deadline stop run(): by default a signal aborts at once (no
  // grace period); `acgprov apply` passes --grace and --deadline.
  void set_stop_policy(stop_policy p) { stop_policy_ = std::move(p); }

  // Runs `work` on this thread until it and everything it started are done. An exception
  // escaping `work` aborts the run with "internal error: ..." (ctx().stopping is then set).
  void run(awaitable<void> work);

  // Gets a first token; on failure aborts the run ("credentials refused: ..." when the
  // identity platform said no) and returns false. Call before the first write.
  awaitable<bool> start();

private:
  net::io_context io_{1};
  std::shared_ptr<net::ssl::context> tls_;
  engine::engine_config engine_;
  io::https_client api_;
  std::unique_ptr<auth::token_source> token_source_;  // secret or certificate, as configured
  auth::token_cache tokens_;
  engine::rate_limiter limiter_;
  engine::run_context ctx_;
  stop_policy stop_policy_;
};

}  // namespace acgprov::jobs
