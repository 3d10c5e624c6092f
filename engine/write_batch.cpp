#include "engine/write_batch.hpp"

#include "engine/api_body.hpp"
#include "engine/api_request.hpp"
#include "engine/batch_split.hpp"
#include "engine/process_row.hpp"
#include "io/endpoint.hpp"

#include <boost/json.hpp>

#include <unordered_map>

namespace acgprov::engine {

namespace {

using clock = std::chrono::steady_clock;

std::string batch_path(const run_context& ctx, const std::string& account, number_action action) {
  // The action is part of the last path segment: /accounts/contoso:deleteNumbers.
  return "/accounts/" + io::encode_path_segment(account) +
         (action == number_action::remove ? ":deleteNumbers" : ":createOrUpdateNumbers") +
         "?api-version=" + io::encode_query_value(ctx.config.api_version);
}

std::string batch_body(const number_batch& batch, const std::vector<std::size_t>& group) {
  boost::json::array numbers;
  numbers.reserve(group.size());
  for (auto i : group) {
    const auto& t = batch.tasks[i];
    if (batch.action == number_action::remove) numbers.push_back(boost::json::object{{"telephoneNumber", t.number}});
    else numbers.push_back(t.resource);
  }
  return boost::json::serialize(boost::json::object{{"numbers", std::move(numbers)}});
}

// Only item-level refusals are worth splitting; an account that does not exist, a missing
// role or an unknown api-version refuses every half the same way.
bool splittable(int status) { return status == 400 || status == 409 || status == 422; }

}  // namespace

awaitable<void> write_batch(run_context& ctx, number_batch batch, sync_watch& watch, report_sink& sink) {
  const auto start = clock::now();
  std::vector<model::report_row> rows;
  rows.reserve(batch.tasks.size());
  for (const auto& t : batch.tasks) rows.push_back(row_for(t));
  std::vector<bool> done(rows.size(), false);

  auto finish = [&](std::size_t i) {
    rows[i].elapsed_ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count());
    sink.write(rows[i]);
    done[i] = true;
  };

  std::vector<std::vector<std::size_t>> work(1);
  for (std::size_t i = 0; i < rows.size(); ++i) work[0].push_back(i);

  // Bounded: every request either ends its rows or splits a group into strictly smaller
  // ones, so at most 2n-1 requests for n rows.
  while (!work.empty()) {
    auto group = std::move(work.back());
    work.pop_back();

    io::http_request req{.method = "POST", .target = batch_path(ctx, batch.account, batch.action),
                         .body = batch_body(batch, group)};
    auto out = co_await send_api_request(ctx, std::move(req), request_kind::write);
    for (auto i : group) {
      rows[i].attempts += out.attempts;
      rows[i].request_id = out.request_id;
    }
    const int status = out.response ? out.response->status : 0;

    if (status >= 200 && status < 300) {
      if (batch.action == number_action::remove) {
        for (auto i : group) {
          rows[i].http_status = status;
          rows[i].outcome = model::outcome::deleted;
          finish(i);
        }
        continue;
      }
      // The answer lists the stored numbers with their sync state.
      auto states = parse_number_states(out.response->body, "numbers");
      for (auto i : group) {
        rows[i].http_status = status;
        auto it = states.find(rows[i].telephone_number);
        // Missing from the answer: we cannot tell its state, so watch it like a pending one.
        if (it != states.end() && settle(rows[i], it->second)) {
          finish(i);
        } else {
          rows[i].service_provisioning_status = it != states.end() ? it->second.status : "pending";
          rows[i].elapsed_ms = 0;
          done[i] = true;
          watch.add(std::move(rows[i]), start);
        }
      }
      continue;
    }

    if (splittable(status) && !ctx.stopping && !out.run_level) {
      std::vector<std::string> numbers;
      for (auto i : group) numbers.push_back(rows[i].telephone_number);
      auto errors = parse_error_body(status, out.response->body);
      auto plan = plan_split(numbers, errors);
      for (const auto& r : plan.refused) {
        auto i = group[r.index];
        rows[i].http_status = status;
        rows[i].outcome = model::outcome::rejected;
        rows[i].errors = r.errors;
        finish(i);
      }
      for (const auto& next : plan.next) {
        std::vector<std::size_t> g;
        for (auto k : next) g.push_back(group[k]);
        work.push_back(std::move(g));
      }
      continue;
    }

    for (auto i : group) {
      fail_row(rows[i], out);
      finish(i);
    }
  }
  // Every row ended above (reported or handed to the watch).
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!done[i]) {
      rows[i].outcome = model::outcome::error;
      rows[i].errors = {{"Internal", "row left unfinished by the batch writer", ""}};
      finish(i);
    }
}

}  // namespace acgprov::engine
