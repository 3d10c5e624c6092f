#include "engine/process_row.hpp"

#include "engine/api_body.hpp"
#include "engine/api_request.hpp"
#include "io/endpoint.hpp"
#include "io/transport_error.hpp"

#include <boost/json/serialize.hpp>

namespace acgprov::engine {

namespace {

using clock = std::chrono::steady_clock;

std::uint64_t ms_since(clock::time_point t) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t).count());
}

}  // namespace

void fail_row(model::report_row& row, const api_outcome& out) {
  if (out.run_level) {
    // The answer is about the run (credentials, role, endpoint), not this row: --resume retries it.
    if (out.response) row.http_status = out.response->status;
    row.outcome = out.attempts == 0 ? model::outcome::skipped : model::outcome::error;
    row.errors = {{"RunStopped", out.failure, ""}};
    return;
  }
  if (out.aborted && out.attempts == 0) {
    row.outcome = model::outcome::skipped;
    row.errors = {{"NotAttempted", out.failure, ""}};
    return;
  }
  if (!out.response) {
    row.outcome = model::outcome::error;
    auto kind = io::classify(out.transport_error);
    std::string code = kind == io::transport_failure::timeout ? "Timeout" : "TransportError";
    row.errors = {{code, out.failure.empty() ? out.transport_error.message() : out.failure, ""}};
    return;
  }
  const auto& res = *out.response;
  row.http_status = res.status;
  row.errors = parse_error_body(res.status, res.body);
  if (res.status == 412) row.outcome = model::outcome::conflict;
  else if (res.status >= 400 && res.status < 500 && res.status != 429 && res.status != 408)
    row.outcome = model::outcome::rejected;
  else
    row.outcome = model::outcome::error;  // 5xx or throttling, retries exhausted
}

bool settle(model::report_row& row, const provisioning_state& st) {
  row.service_provisioning_status = st.status;
  if (st.status == "pending") return false;
  if (st.status == "failed") {
    row.outcome = model::outcome::failed;
    row.errors = st.errors;
  } else {
    // synced, or no sync applies to this number (no status at all).
    row.outcome = model::outcome::synced;
  }
  return true;
}

std::string number_path(const run_context& ctx, const std::string& account, const std::string& number) {
  return "/accounts/" + io::encode_path_segment(account) + "/numbers/" + io::encode_path_segment(number) +
         "?api-version=" + io::encode_query_value(ctx.config.api_version);
}

model::report_row row_for(const number_task& task) {
  model::report_row row;
  row.file = task.file;
  row.line = task.line;
  row.action = task.action == number_action::remove ? "delete" : "upsert";
  row.account_name = task.account;
  row.telephone_number = task.number;
  return row;
}

awaitable<write_result> write_number(run_context& ctx, number_task task) {
  const auto start = clock::now();
  write_result res{row_for(task)};
  model::report_row& row = res.row;

  io::http_request req{.target = number_path(ctx, task.account, task.number)};
  if (task.action == number_action::remove) {
    req.method = "DELETE";
  } else {
    req.method = "PUT";
    req.body = boost::json::serialize(task.resource);
    if (ctx.config.if_absent) req.headers.emplace_back("If-None-Match", "*");
  }

  auto out = co_await send_api_request(ctx, std::move(req), request_kind::write);
  row.attempts = out.attempts;
  row.request_id = out.request_id;

  const int status = out.response ? out.response->status : 0;
  if (task.action == number_action::remove && (status == 200 || status == 204 || status == 404)) {
    // Already absent counts as deleted: the goal state holds.
    row.http_status = status;
    row.outcome = model::outcome::deleted;
  } else if (task.action == number_action::upsert && (status == 200 || status == 201)) {
    row.http_status = status;
    auto st = parse_provisioning_state(out.response->body);
    // Accepted with no state to watch counts as synced: no sync applies.
    if (!st) row.outcome = model::outcome::synced;
    else res.pending = !settle(row, *st);
  } else {
    fail_row(row, out);
  }
  row.elapsed_ms = ms_since(start);
  co_return res;
}

}  // namespace acgprov::engine
