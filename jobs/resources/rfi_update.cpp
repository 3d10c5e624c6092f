#include "jobs/resources/rfi_update.hpp"

#include "engine/request/api_body.hpp"
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/write/write_number.hpp"

#include <boost/json/serialize.hpp>

namespace acgprov::jobs {

namespace {

using clock = std::chrono::steady_clock;

std::uint64_t ms_since(clock::time_point t) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t).count());
}

std::string rfi_target(const engine::run_context& ctx, const std::string& tenant_id) {
  return engine::versioned(engine::rfi_path(tenant_id), ctx);
}

// api-contract §3.3: the RFI PATCH is a JSON merge patch (RFC 7396).
io::http_request merge_patch(const engine::run_context& ctx, const resource_task& task) {
  return engine::patch_request(rfi_target(ctx, task.key), boost::json::serialize(task.body),
                               "application/merge-patch+json");
}

}  // namespace

awaitable<model::report_row> rfi_writer::carry(engine::run_context& ctx, resource_task task, model::report_row row) {
  const auto start = clock::now();
  auto req = merge_patch(ctx, task);
  auto out = co_await engine::send_api_request(ctx, std::move(req), engine::request_kind::write);
  row.attempts = out.attempts;
  row.request_id = out.request_id;
  const int status = out.response ? out.response->status : 0;
  if (status != 200 && status != 201) {
    engine::fail_row(row, out);
    row.elapsed_ms = ms_since(start);
    co_return row;
  }
  row.http_status = status;
  // An answer that cannot be read proves nothing about the sync: watched like a pending one.
  auto state = engine::parse_provisioning_state(out.response->body);
  if (state && engine::settle(row, *state)) {
    row.elapsed_ms = ms_since(start);
    co_return row;
  }
  if (!state) model::apply(row, model::accepted_unread());

  // Pending: the update is being pushed to Teams. GET until it ends, with growing intervals.
  const auto deadline = clock::now() + ctx.config.poll_timeout;
  auto interval = std::chrono::duration_cast<clock::duration>(ctx.config.poll_interval);
  const auto max_interval =
      std::max(interval, std::chrono::duration_cast<clock::duration>(ctx.config.max_poll_interval));
  // Bounded by the deadline: every pass sleeps at least poll_interval, or ends.
  for (;;) {
    const auto now = clock::now();
    if (now >= deadline) {
      model::apply(row, model::poll_expired(row.service_provisioning_status));
      break;
    }
    bool slept = co_await ctx.sleep(std::min(interval, deadline - now));
    if (!slept) {
      model::apply(row, model::interrupted("RFI", ctx.abort_reason));
      break;
    }
    auto poll = co_await engine::send_api_request(ctx, engine::get_request(rfi_target(ctx, task.key)),
                                                  engine::request_kind::poll);
    if (poll.response && poll.response->status == 200) {
      auto polled = engine::parse_provisioning_state(poll.response->body);
      if (polled && engine::settle(row, *polled)) break;
    } else if (poll.response && poll.response->status < 500 && poll.response->status != 429) {
      row.outcome = model::outcome::error;
      row.errors = engine::parse_error_body(poll.response->status, poll.response->body);
      break;
    }
    interval = std::min(max_interval, interval * 3 / 2);
  }
  row.elapsed_ms = ms_since(start);
  co_return row;
}

}  // namespace acgprov::jobs
