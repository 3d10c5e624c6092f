#include "jobs/resources/account_apply.hpp"

#include "engine/request/api_body.hpp"
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/write/write_number.hpp"
#include "jobs/input/account_row.hpp"
#include "jobs/resources/account_read.hpp"

#include <boost/json/serialize.hpp>

namespace acgprov::jobs {

namespace {

using clock = std::chrono::steady_clock;

std::uint64_t ms_since(clock::time_point t) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t).count());
}

// Built as a named value: GCC 12 frees braced temporaries inside co_await twice.
io::http_request account_put(const engine::run_context& ctx, const resource_task& task, const std::string& if_match,
                             const std::string& if_none_match) {
  auto req =
      engine::put_request(engine::versioned(engine::account_path(task.key), ctx), boost::json::serialize(task.body));
  if (!if_match.empty()) req.headers.emplace_back("If-Match", if_match);
  if (!if_none_match.empty()) req.headers.emplace_back("If-None-Match", if_none_match);
  return req;
}

// The row's outcome from the account's state once the watch ended.
void settle_from(model::report_row& row, const account_read& read, bool written) {
  row.subdomain_status = subdomain_status_of(read.resource);
  if (read.state.status == "pending") {
    row.service_provisioning_status = "pending";
    model::apply(row, model::poll_expired("pending"));
    return;
  }
  engine::settle(row, read.state);
  if (!written && row.outcome == model::outcome::synced) row.outcome = model::outcome::unchanged;
}

// Watches a pending account until it settles; fills the row from what was seen last.
awaitable<void> watch(engine::run_context& ctx, const std::string& name, model::report_row& row, account_read& last,
                      bool written) {
  if (last.state.status == "pending") {
    const auto deadline = clock::now() + ctx.config.poll_timeout;
    account_read polled = co_await wait_until_settled(ctx, name, deadline);
    if (polled.status == 200) {
      last = std::move(polled);
    } else if (ctx.stopping || polled.status != 0) {
      // Written, then the watch could not finish: say why; a rerun checks it again.
      row.service_provisioning_status = "pending";
      row.subdomain_status = subdomain_status_of(last.resource);
      row.outcome = model::outcome::error;
      if (ctx.stopping) model::apply(row, model::interrupted("account", ctx.abort_reason));
      else if (polled.status == 404)
        row.errors = {{std::string(model::codes::not_found), "the account was accepted but no longer exists", "name"}};
      else row.errors = engine::parse_error_body(polled.status, polled.out.response->body);
      co_return;
    }
    // No answer at all before the deadline: what was seen last (pending) decides: timeout.
  }
  settle_from(row, last, written);
}

std::string quoted_etag(const std::string& etag) { return etag.empty() ? "(none)" : etag; }

}  // namespace

awaitable<model::report_row> account_writer::carry(engine::run_context& ctx, resource_task task,
                                                   model::report_row row) {
  const auto start = clock::now();
  std::string if_match, if_none_match;
  if (settings_.if_absent) {
    if_none_match = "*";
  } else if (!task.if_match.empty()) {
    if_match = task.if_match;
  } else {
    // Read first: the ETag to condition the write on, and whether a write is needed at all.
    account_read current = co_await get_account(ctx, task.key, engine::request_kind::read);
    row.attempts += current.out.attempts;
    if (current.status == 404) {
      if_none_match = "*";
    } else if (current.status == 200) {
      const bool same = account_settings(current.resource) == account_settings(task.body);
      if (same && current.state.status != "failed") {
        row.http_status = 200;
        co_await watch(ctx, task.key, row, current, false);
        row.elapsed_ms = ms_since(start);
        co_return row;
      }
      // No ETag in the answer: "*" still refuses to recreate an account deleted meanwhile.
      if_match = current.etag.empty() ? "*" : current.etag;
    } else {
      engine::fail_row(row, current.out);
      row.elapsed_ms = ms_since(start);
      co_return row;
    }
  }

  bool rewritten = false;
  // At most two writes: the first, and one retry with the new ETag under --on-conflict overwrite.
  for (;;) {
    auto req = account_put(ctx, task, if_match, if_none_match);
    account_read put;
    put.out = co_await engine::send_api_request(ctx, std::move(req), engine::request_kind::write);
    row.attempts += put.out.attempts;
    row.request_id = put.out.request_id;
    read_account_answer(put);
    if (put.status == 200 || put.status == 201) {
      row.http_status = put.status;
      row.errors.clear();
      co_await watch(ctx, task.key, row, put, true);
      break;
    }
    if (put.status != 412) {
      engine::fail_row(row, put.out);
      break;
    }
    engine::fail_row(row, put.out);  // conflict, with the API's error
    if (settings_.if_absent) {
      row.errors.push_back(
          {"AccountExists", "account " + task.key + " already exists; --if-absent creates only", "name"});
      break;
    }
    // Re-read: the report says what the account is now, and overwrite needs its new ETag.
    account_read now = co_await get_account(ctx, task.key, engine::request_kind::read);
    row.attempts += now.out.attempts;
    const std::string sent = if_match.empty() ? "If-None-Match: *" : "ETag " + quoted_etag(if_match);
    if (settings_.on_conflict == conflict_policy::overwrite && !rewritten && (now.status == 200 || now.status == 404)) {
      rewritten = true;
      if (now.status == 404) {
        if_match.clear();
        if_none_match = "*";
      } else {
        if_match = now.etag.empty() ? "*" : now.etag;
        if_none_match.clear();
      }
      continue;
    }
    std::string what;
    if (now.status == 200)
      what = "account " + task.key + " changed since " + sent + " was read; it now has ETag " + quoted_etag(now.etag);
    else if (now.status == 404) what = "account " + task.key + " no longer exists (the write expected " + sent + ")";
    else what = "account " + task.key + " did not match " + sent + "; re-reading it failed";
    if (settings_.on_conflict == conflict_policy::report) what += "; rerun, or use --on-conflict overwrite";
    row.errors.push_back({"ConcurrentChange", std::move(what), "etag"});
    break;
  }
  row.elapsed_ms = ms_since(start);
  co_return row;
}

}  // namespace acgprov::jobs
