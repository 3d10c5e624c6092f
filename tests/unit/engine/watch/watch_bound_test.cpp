// The memory bound (engine_config::max_pending) holds for rows the plan found still pending
// from an earlier run (watch_only; issue 12, case 6): they used to go straight into the sync
// watch, past the bound. No server: the API client is aborted before the run, so every poll
// fails at once and each row leaves the watch at its (zero) --poll-timeout.
#include "auth/token_cache.hpp"
#include "engine/pipeline.hpp"
#include "engine/request/rate_limiter.hpp"
#include "engine/run_context.hpp"
#include "io/https_client.hpp"
#include "io/tls_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace acgprov;
using namespace std::chrono_literals;

namespace {

struct fixed_token : auth::token_source {
  awaitable<auth::token_result<auth::access_token>> fetch() override { co_return auth::access_token{"token", 3600s}; }
};

struct counting_sink : engine::report_sink {
  void write(const model::report_row&) override { ++written; }
  std::size_t written = 0;
};

// Rows the plan would hand out as watch_only, counting how many are in the watch (handed out,
// not yet reported) each time the pipeline asks for another.
struct watched_rows : engine::task_source {
  watched_rows(std::size_t n, const counting_sink& s) : total(n), sink(s) {}
  awaitable<std::optional<engine::number_task>> next() override {
    if (handed == total) co_return std::nullopt;
    most_in_watch = std::max(most_in_watch, handed - sink.written);
    engine::number_task t;
    t.file = "in.csv";
    t.line = ++handed + 1;
    t.account = "contoso";
    t.number = "+1425555" + std::to_string(1000 + handed);
    t.watch_only = true;
    co_return t;
  }
  std::size_t total;
  const counting_sink& sink;
  std::size_t handed = 0;
  std::size_t most_in_watch = 0;
};

void run_with(engine::write_mode mode) {
  net::io_context io{1};
  io::https_client api(io.get_executor(), io::make_client_tls_context(""), io::parse_endpoint("https://127.0.0.1:9"));
  api.abort_all();  // every request fails at once: no socket is ever opened
  fixed_token source;
  auth::token_cache tokens(source);
  engine::rate_limiter limiter(io.get_executor(), {.rate = 1e6, .burst = 1e6});
  engine::engine_config cfg;
  cfg.mode = mode;
  cfg.max_pending = 5;
  cfg.max_in_flight = 2;
  cfg.poll_interval = 0ms;
  cfg.poll_timeout = 0ms;
  cfg.retry.max_attempts = 1;
  engine::run_context ctx(api, tokens, limiter, cfg);
  counting_sink sink;
  watched_rows rows(40, sink);
  net::co_spawn(io, engine::run_pipeline(ctx, rows, sink), net::detached);
  io.run_for(60s);
  BOOST_TEST(rows.handed == 40u);
  BOOST_TEST(sink.written == 40u);  // each row reported once (`timeout`)
  BOOST_TEST(rows.most_in_watch <= cfg.max_pending, rows.most_in_watch << " rows in the watch");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(watch_bound_tests)

BOOST_AUTO_TEST_CASE(watch_only_rows_respect_max_pending_in_batch_mode) { run_with(engine::write_mode::batch); }

BOOST_AUTO_TEST_CASE(watch_only_rows_respect_max_pending_in_single_mode) { run_with(engine::write_mode::single); }

BOOST_AUTO_TEST_SUITE_END()
