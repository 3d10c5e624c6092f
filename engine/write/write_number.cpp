#include "engine/write/write_number.hpp"

#include "engine/request/api_body.hpp"
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "io/transport_error.hpp"
#include "model/verdict.hpp"

#include <boost/json/serialize.hpp>

namespace acgprov::engine {

namespace {

using clock = std::chrono::steady_clock;

std::uint64_t ms_since(clock::time_point t) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t).count());
}

}  // namespace

model::write_evidence evidence_of(const api_outcome& out) {
  model::write_evidence e;
  e.attempts = out.attempts;
  e.run_level = out.run_level;
  e.aborted = out.aborted;
  e.failure = out.failure;
  if (out.response) {
    e.http_status = out.response->status;
    e.errors = parse_error_body(out.response->status, out.response->body);
  } else {
    e.timed_out = io::classify(out.transport_error) == io::transport_failure::timeout;
    if (e.failure.empty()) e.failure = out.transport_error.message();
  }
  return e;
}

void fail_row(model::report_row& row, const api_outcome& out) {
  if (out.response) row.http_status = out.response->status;
  model::apply(row, model::refused(evidence_of(out)));
}

bool settle(model::report_row& row, const provisioning_state& st) {
  auto v = model::sync_seen(st.status, st.errors);
  model::apply(row, v);
  return v.final();
}

model::report_row row_for(const number_task& task) {
  model::report_row row;
  row.file = task.file;
  row.line = task.line;
  row.action = task.action == number_action::remove ? "delete" : "upsert";
  row.account_name = task.account;
  row.telephone_number = task.number;
  row.record = task.record;
  row.record_digest = task.record_digest;
  return row;
}

awaitable<write_result> write_number(run_context& ctx, number_task task) {
  const auto start = clock::now();
  write_result res{row_for(task)};
  model::report_row& row = res.row;

  auto target = versioned(number_path(task.account, task.number), ctx);
  io::http_request req;
  if (task.action == number_action::remove) {
    req = delete_request(std::move(target));
  } else {
    req = put_request(std::move(target), boost::json::serialize(task.resource));
    if (ctx.config.if_absent) req.headers.emplace_back("If-None-Match", "*");
  }

  auto out = co_await send_api_request(ctx, std::move(req), request_kind::write);
  row.attempts = out.attempts;
  row.request_id = out.request_id;

  const int status = out.response ? out.response->status : 0;
  if (!out.run_level && task.action == number_action::remove && (status / 100 == 2 || status == 404)) {
    row.http_status = status;
    model::apply(
        row, model::delete_answered(
                 status, status == 404 ? parse_error_body(status, out.response->body) : std::vector<model::api_error>{},
                 task.number));
  } else if (task.action == number_action::upsert && (status == 200 || status == 201)) {
    row.http_status = status;
    // An answer that cannot be read proves nothing about the sync: watch the row.
    auto st = parse_provisioning_state(out.response->body);
    auto v = st ? model::sync_seen(st->status, st->errors) : model::accepted_unread();
    model::apply(row, v);
    res.pending = !v.final();
  } else {
    fail_row(row, out);
  }
  row.elapsed_ms = ms_since(start);
  co_return res;
}

}  // namespace acgprov::engine
