#include "jobs/preflight/preflight_source.hpp"

#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/request/list_pages.hpp"
#include "engine/write/write_number.hpp"
#include "io/endpoint.hpp"
#include "jobs/resources/account_read.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

io::http_request plans_request(const engine::run_context& ctx, const std::string& account) {
  return engine::post_request(engine::versioned(engine::account_action_path(account, "getTeamsCapabilityPlans"), ctx));
}

}  // namespace

preflight_source::preflight_source(engine::run_context& ctx, engine::task_source& inner, engine::report_sink& invalid)
    : ctx_(ctx), inner_(inner), invalid_(invalid) {}

bool preflight_source::ready(const std::string& account, bool civic, bool plans) const {
  auto it = accounts_.find(account);
  if (it == accounts_.end() || !it->second.tried) return false;
  const auto& f = it->second.facts;
  if (!f || !f->exists) return true;
  return (!civic || f->civic_tried) && (!plans || f->plans_tried);
}

awaitable<void> preflight_source::ensure(std::string account, bool civic, bool plans) {
  // Each flag is set only once its read is over: rows that need what is still being read
  // wait at the gate meanwhile (ready() is false), instead of passing unchecked.
  entry& e = accounts_[account];  // std::map: the reference survives other insertions
  const engine::directory_entry* listed = directory_ ? directory_->find(account) : nullptr;
  if (!e.tried && listed) {
    auto* status = listed->resource.if_contains("serviceProvisioningStatus");
    if (!status || !status->is_string() || status->as_string() != "pending") {
      e.facts = facts_from_account(listed->resource);
      e.tried = true;
    }
  }
  if (!e.tried) {
    // Not in the run's list of accounts (created since?), or pending: read it now.
    account_read read = co_await get_account(ctx_, account, engine::request_kind::read);
    if (read.status == 200 && read.state.status == "pending") {
      // Numbers written while their account's sync is pending would race it: wait.
      account_read settled =
          co_await wait_until_settled(ctx_, account, std::chrono::steady_clock::now() + ctx_.config.poll_timeout);
      if (settled.status == 200) read = std::move(settled);
    }
    if (read.status == 200) e.facts = facts_from_account(read.resource);
    // A 404 that stopped the run (not the API's answer: a wrong base path) says nothing
    // about the account.
    else if (read.status == 404 && !read.out.run_level) e.facts = account_facts{};  // exists = false
    e.tried = true;
  }
  if (!e.facts || !e.facts->exists) co_return;

  if (civic && !e.facts->civic_tried) {
    civic_facts found;
    engine::item_handler add = [&found](const json::object& address) { add_civic_address(found, address); };
    auto target = engine::list_target(engine::civic_addresses_path(account), ctx_, {});
    auto listed = co_await engine::read_pages(ctx_, std::move(target), engine::request_kind::read, add);
    if (listed.complete) e.facts->civic = std::move(found);
    e.facts->civic_tried = true;
  }
  if (plans && !e.facts->plans_tried) {
    // Without OC/TPM and a Teams tenant the API has no plans for the account (409): the
    // service check refuses such rows already.
    if (e.facts->teams_ready()) {
      auto req = plans_request(ctx_, account);
      auto out = co_await engine::send_api_request(ctx_, std::move(req), engine::request_kind::read);
      if (out.response && out.response->status == 200) {
        boost::system::error_code ec;
        auto doc = json::parse(out.response->body, ec);
        if (!ec && doc.is_object()) e.facts->plans = plans_from(doc.as_object());
      }
    }
    e.facts->plans_tried = true;
  }
}

awaitable<std::optional<engine::number_task>> preflight_source::next() {
  // Bounded by the input: every pass takes one row from `inner_`.
  for (;;) {
    std::optional<engine::number_task> task = co_await inner_.next();
    // Deletes, rows the plan found already written (watched, not written) and rows of a run
    // that takes no more rows pass unchecked.
    if (!task || task->action == engine::number_action::remove || task->watch_only || !ctx_.taking_rows())
      co_return task;
    const bool civic = needs_civic(task->resource);
    const bool plans = needs_plans(task->resource);
    const bool known = ready(task->account, civic, plans);
    if (!known) {
      co_await gate_.lock();
      co_await ensure(task->account, civic, plans);
      gate_.unlock();
    }
    const auto& facts = accounts_[task->account].facts;
    if (!facts) co_return task;
    auto problem = check_number(*facts, task->account, task->resource);
    if (!problem) co_return task;
    model::report_row row = engine::row_for(*task);
    row.outcome = model::outcome::invalid;
    row.errors.push_back(std::move(*problem));
    invalid_.write(row);
  }
}

}  // namespace acgprov::jobs
