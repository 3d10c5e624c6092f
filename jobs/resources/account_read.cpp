#include "jobs/resources/account_read.hpp"

#include "engine/request/api_paths.hpp"

#include <boost/json/parse.hpp>

namespace acgprov::jobs {

void read_account_answer(account_read& read) {
  read.status = read.out.response ? read.out.response->status : 0;
  if (read.status != 200 && read.status != 201) return;
  read.etag = std::string(read.out.response->header("ETag"));
  boost::system::error_code ec;
  auto doc = boost::json::parse(read.out.response->body, ec);
  if (!ec && doc.is_object()) read.resource = std::move(doc.as_object());
  if (auto st = engine::parse_provisioning_state(read.out.response->body)) read.state = std::move(*st);
}

awaitable<account_read> get_account(engine::run_context& ctx, std::string name, engine::request_kind kind) {
  account_read read;
  read.out = co_await engine::send_api_request(
      ctx, engine::get_request(engine::versioned(engine::account_path(name), ctx)), kind);
  read_account_answer(read);
  co_return read;
}

awaitable<account_read> wait_until_settled(engine::run_context& ctx, std::string name,
                                           std::chrono::steady_clock::time_point deadline) {
  using clock = std::chrono::steady_clock;
  auto interval = std::chrono::duration_cast<clock::duration>(ctx.config.poll_interval);
  const auto max_interval =
      std::max(interval, std::chrono::duration_cast<clock::duration>(ctx.config.max_poll_interval));
  account_read read;
  // Bounded by the deadline: every pass sleeps at least poll_interval, or ends.
  for (;;) {
    const auto now = clock::now();
    if (now >= deadline) co_return read;
    bool slept = co_await ctx.sleep(std::min(interval, deadline - now));
    if (!slept) co_return read;
    read = co_await get_account(ctx, name, engine::request_kind::poll);
    if (read.status == 200 && read.state.status != "pending") co_return read;
    if (read.status != 200 && read.status != 0 && read.status < 500) co_return read;
    interval = std::min(max_interval, interval * 3 / 2);
  }
}

}  // namespace acgprov::jobs
