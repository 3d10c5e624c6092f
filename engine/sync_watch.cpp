#include "engine/sync_watch.hpp"

#include "engine/api_body.hpp"
#include "engine/api_request.hpp"
#include "io/endpoint.hpp"
#include "model/verdict.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <unordered_set>

namespace acgprov::engine {

namespace {

constexpr std::size_t list_page_size = 500;  // the API's maximum maxpagesize

std::size_t pages_for(std::size_t n) { return std::max<std::size_t>(1, (n + list_page_size - 1) / list_page_size); }

// A named function, not a braced temporary inside co_await: GCC 12 frees such temporaries
// twice when the coroutine frame is destroyed (GCC bug 107288 and relatives).
io::http_request get_request(std::string target) {
  io::http_request req;
  req.method = "GET";
  req.target = std::move(target);
  return req;
}

std::uint64_t ms_between(sync_watch::clock::time_point a, sync_watch::clock::time_point b) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

}  // namespace

sync_watch::sync_watch(run_context& ctx, report_sink& sink) : ctx_(ctx), sink_(sink) {}

void sync_watch::notify() {
  if (waiting_) waiting_->cancel();
}

void sync_watch::add(model::report_row row, clock::time_point started) {
  auto now = clock::now();
  auto& acc = accounts_[row.account_name];
  if (acc.rows.empty()) {
    // The first look: not before --poll-interval, nor before such rows are known to sync.
    acc.interval = std::chrono::duration_cast<clock::duration>(ctx_.config.poll_interval);
    acc.next_poll = now + std::max(acc.interval, latency_.estimate().value_or(clock::duration::zero()));
    acc.first_added = now;
    if (auto known = ctx_.account_sizes.find(row.account_name); known != ctx_.account_sizes.end())
      acc.list_size = known->second;
  }
  acc.newest_added = now;
  std::string number = row.telephone_number;
  auto [it, inserted] = acc.rows.insert_or_assign(
      std::move(number), watched{std::move(row), started, now, now + ctx_.config.poll_timeout});
  if (inserted) ++pending_;
  notify();
}

void sync_watch::close() {
  closed_ = true;
  if (auto latency = latency_.estimate()) {
    const auto now = clock::now();
    const auto base = std::chrono::duration_cast<clock::duration>(ctx_.config.poll_interval);
    for (auto& [name, acc] : accounts_) {
      const auto likely_done = std::max(now, acc.newest_added + *latency);
      if (likely_done >= acc.next_poll) continue;
      acc.next_poll = likely_done;
      acc.interval = base;  // stragglers: look again soon, then less and less often
    }
  }
  notify();
}

awaitable<void> sync_watch::wait_below(std::size_t limit) {
  // Bounded: each wake-up follows a row leaving the watch, or the run stopping or draining.
  while (pending_ >= limit && ctx_.taking_rows() && !closed_) {
    net::steady_timer t(co_await net::this_coro::executor, net::steady_timer::time_point::max());
    throttled_.push_back(&t);
    co_await ctx_.wait_while_taking_rows(t);
    std::erase(throttled_, &t);
  }
}

void sync_watch::finish(watched& w, const model::verdict& v) {
  model::apply(w.row, v);
  w.row.elapsed_ms = ms_between(w.started, clock::now());
  sink_.write(w.row);
  --pending_;
  for (auto* t : throttled_) t->cancel();
}

bool sync_watch::settle_from(account_state& acc, const std::string& number, std::string_view status,
                             std::vector<model::api_error> errors) {
  auto it = acc.rows.find(number);
  if (it == acc.rows.end()) return false;
  auto& w = it->second;
  auto v = model::sync_seen(status, std::move(errors));
  if (!v.final()) {
    // Pending, or a status that proves nothing: watched on (its note kept for the timeout).
    model::apply(w.row, v);
    return false;
  }
  // Measured now, when the answer is in: the limiter may have held the request for a while,
  // and an age taken before that would make the sync look faster than it is.
  latency_.settled_at_age(clock::now() - w.added);
  finish(w, v);
  acc.rows.erase(it);
  return true;
}

void sync_watch::expire(account_state& acc) {
  auto now = clock::now();
  for (auto it = acc.rows.begin(); it != acc.rows.end();) {
    if (it->second.deadline > now) {
      ++it;
      continue;
    }
    finish(it->second, model::poll_expired(it->second.row.service_provisioning_status));
    it = acc.rows.erase(it);
  }
}

awaitable<void> sync_watch::poll_each(const std::string& account, account_state& acc) {
  std::vector<std::string> numbers;
  for (const auto& [n, w] : acc.rows) numbers.push_back(n);
  co_await poll_numbers(account, acc, std::move(numbers));
}

awaitable<void> sync_watch::poll_numbers(const std::string& account, account_state& acc,
                                         std::vector<std::string> numbers) {
  for (const auto& n : numbers) {
    if (ctx_.stopping) co_return;
    auto path = "/accounts/" + io::encode_path_segment(account) + "/numbers/" + io::encode_path_segment(n) +
                "?api-version=" + io::encode_query_value(ctx_.config.api_version);
    auto out = co_await send_api_request(ctx_, get_request(path), request_kind::poll);
    if (!out.response) continue;  // transport trouble: the next round tries again
    if (out.response->status == 404) {
      // Accepted, then gone: someone else deleted it, or the backend refused it outright.
      if (auto it = acc.rows.find(n); it != acc.rows.end()) {
        it->second.row.http_status = 404;
        finish(it->second, model::number_gone());
        acc.rows.erase(it);
      }
      continue;
    }
    if (out.response->status != 200) continue;
    // A body that cannot be read proves nothing: the next round asks again.
    if (auto st = parse_provisioning_state(out.response->body)) settle_from(acc, n, st->status, std::move(st->errors));
  }
}

awaitable<void> sync_watch::poll_list(const std::string& account, account_state& acc) {
  const std::string& base = ctx_.api.target().base_path;
  std::string target = "/accounts/" + io::encode_path_segment(account) + "/numbers?api-version=" +
                       io::encode_query_value(ctx_.config.api_version) + "&maxpagesize=" +
                       std::to_string(list_page_size) + "&countRecords=true";
  // Bounded by the account's size as the first page reports it (plus slack for growth).
  std::size_t max_pages = 2;
  for (std::size_t page = 0; page < max_pages && !acc.rows.empty() && !ctx_.stopping; ++page) {
    auto out = co_await send_api_request(ctx_, get_request(target), request_kind::poll);
    if (!out.response || out.response->status != 200) co_return;  // the next round tries again

    auto count = out.response->header("x-ms-record-count");
    std::size_t total = 0;
    if (std::from_chars(count.data(), count.data() + count.size(), total).ec == std::errc()) {
      acc.list_size = total;
      ctx_.account_sizes[account] = total;
    }
    max_pages = acc.list_size ? pages_for(*acc.list_size) + 2 : 10'000;

    boost::system::error_code ec;
    auto doc = boost::json::parse(out.response->body, ec);
    if (ec || !doc.is_object()) co_return;
    const auto& obj = doc.as_object();
    if (auto* value = obj.if_contains("value"); value && value->is_array()) {
      for (const auto& item : value->as_array()) {
        if (!item.is_object()) continue;
        auto* n = item.as_object().if_contains("telephoneNumber");
        if (!n || !n->is_string()) continue;
        std::string number(n->as_string());
        if (!acc.rows.count(number)) continue;
        auto st = parse_provisioning_state(boost::json::serialize(item));
        if (st) settle_from(acc, number, st->status, std::move(st->errors));
      }
    }
    auto* next = obj.if_contains("nextLink");
    if (!next || !next->is_string()) co_return;
    auto next_target = io::same_origin_target(ctx_.api.target(), std::string_view(next->as_string()));
    if (!next_target || next_target->compare(0, base.size(), base) != 0) co_return;
    target = next_target->substr(base.size());

    // Reading the rest of a big list would cost more than asking for the stragglers one by one.
    std::size_t pages_left = acc.list_size ? pages_for(*acc.list_size) - std::min(pages_for(*acc.list_size), page + 1) : 0;
    if (pages_left > acc.rows.size()) {
      co_await poll_each(account, acc);
      co_return;
    }
  }
}

awaitable<std::optional<boost::json::array>> sync_watch::single_page(const std::string& account,
                                                                     std::string_view filter) {
  std::string target = "/accounts/" + io::encode_path_segment(account) + "/numbers?api-version=" +
                       io::encode_query_value(ctx_.config.api_version) + "&maxpagesize=" +
                       std::to_string(list_page_size) + "&filter=" + io::encode_query_value(filter);
  auto out = co_await send_api_request(ctx_, get_request(target), request_kind::poll);
  if (!out.response) co_return std::nullopt;
  if (out.response->status == 400) {
    filter_supported_ = false;  // the grammar is not in the contract: stop asking
    co_return std::nullopt;
  }
  if (out.response->status != 200) co_return std::nullopt;
  boost::system::error_code ec;
  auto doc = boost::json::parse(out.response->body, ec);
  if (ec || !doc.is_object()) co_return std::nullopt;
  const auto& obj = doc.as_object();
  // Pages of a filtered list can shift while statuses change between requests, so only a
  // one-page answer is an exact picture.
  if (obj.contains("nextLink")) co_return std::nullopt;
  auto* value = obj.if_contains("value");
  if (!value || !value->is_array()) co_return std::nullopt;
  co_return value->as_array();
}

awaitable<bool> sync_watch::poll_filtered(const std::string& account, account_state& acc) {
  // What the list shows is evidence only for rows written before it was asked for: rows the
  // writers add meanwhile wait for the next round.
  const auto asked_deadline = clock::now() + ctx_.config.poll_timeout;
  auto known_then = [&](const watched& w) { return w.deadline <= asked_deadline; };
  auto listed = co_await single_page(account, "serviceProvisioningStatus ne 'synced'");
  if (!listed) co_return false;
  std::unordered_set<std::string> shown;
  for (const auto& item : *listed) {
    if (!item.is_object()) continue;
    auto* n = item.as_object().if_contains("telephoneNumber");
    if (!n || !n->is_string()) continue;
    std::string number(n->as_string());
    shown.insert(number);
    auto it = acc.rows.find(number);
    if (it == acc.rows.end() || !known_then(it->second)) continue;
    // Failed (with its errors) ends the row; pending or an unknown status keeps it watched.
    if (auto st = parse_provisioning_state(boost::json::serialize(item)))
      settle_from(acc, number, st->status, std::move(st->errors));
  }
  // Not in the not-yet-synced list: synced, or gone (deleted by someone else). Absence from a
  // list is no evidence, so these are confirmed one by one or by the full pages, whichever
  // costs fewer requests.
  std::vector<std::string> unconfirmed;
  for (const auto& [number, w] : acc.rows)
    if (known_then(w) && !shown.count(number)) unconfirmed.push_back(number);
  if (unconfirmed.empty()) co_return true;
  const std::size_t list_cost = acc.list_size ? pages_for(*acc.list_size) : 1;
  if (unconfirmed.size() <= list_cost) co_await poll_numbers(account, acc, std::move(unconfirmed));
  else co_await poll_list(account, acc);
  co_return true;
}

awaitable<void> sync_watch::poll_account(const std::string& account, account_state& acc) {
  // Cheapest first: one GET per pending number; the not-yet-synced filtered page (plus a
  // confirmation of the rows it stops listing) while fewer than a page are pending; or the
  // whole list (known size, else one page to learn it).
  const std::size_t list_cost = acc.list_size ? pages_for(*acc.list_size) : 1;
  const std::size_t n = acc.rows.size();
  if (n <= std::min<std::size_t>(list_cost, 2)) {
    co_await poll_each(account, acc);
    co_return;
  }
  if (filter_supported_ && n < list_page_size && list_cost > 2) {
    bool done = co_await poll_filtered(account, acc);
    if (done) co_return;
  }
  if (n <= list_cost) co_await poll_each(account, acc);
  else co_await poll_list(account, acc);
}

std::map<std::string, sync_watch::account_state>::iterator sync_watch::next_due() {
  auto earliest = std::min_element(accounts_.begin(), accounts_.end(), [](const auto& a, const auto& b) {
    return a.second.next_poll < b.second.next_poll;
  });
  if (latency_.estimate()) return earliest;
  auto probe = std::min_element(accounts_.begin(), accounts_.end(), [](const auto& a, const auto& b) {
    return a.second.first_added < b.second.first_added;
  });
  // A sync slower than --max-poll-interval: learning it this way costs more than it saves.
  if (clock::now() - probe->second.first_added >= ctx_.config.max_poll_interval) return earliest;
  return probe;
}

void sync_watch::schedule_next(account_state& acc, bool was_probe) {
  const auto max_interval = std::chrono::duration_cast<clock::duration>(ctx_.config.max_poll_interval);
  const auto now = clock::now();
  // Probing pays only while other accounts wait on what it learns.
  if (was_probe && !latency_.estimate() && accounts_.size() > 1) {
    // Steps of a quarter of the rows' age: a few requests find a latency to within 25%.
    const clock::duration step = std::max<clock::duration>((now - acc.first_added) / 4, acc.interval / 4);
    acc.next_poll = now + std::min(step, max_interval);
    return;
  }
  // Growing intervals: a slow sync costs few rounds, a fast one is seen soon.
  acc.interval = std::min(max_interval, acc.interval * 3 / 2);
  acc.next_poll = now + acc.interval;
  // Once the writers are done, the newest rows will not wait for a long interval to pass.
  if (auto latency = latency_.estimate(); closed_ && latency && acc.newest_added + *latency > now)
    acc.next_poll = std::min(acc.next_poll, acc.newest_added + *latency);
}

void sync_watch::reschedule_all() {
  const auto latency = *latency_.estimate();
  const auto max_interval = std::chrono::duration_cast<clock::duration>(ctx_.config.max_poll_interval);
  const auto now = clock::now();
  for (auto& [name, acc] : accounts_)
    acc.next_poll = std::clamp(acc.newest_added + latency, now, now + max_interval);
}

awaitable<void> sync_watch::run() {
  // Bounded by the rows: every row leaves by settling, its deadline, or the run stopping.
  while (!ctx_.stopping) {
    if (accounts_.empty()) {
      if (closed_) break;
      co_await ctx_.sleep(std::chrono::hours(24), &waiting_);  // woken by add() or close()
      continue;
    }
    auto due = next_due();
    auto now = clock::now();
    if (due->second.next_poll > now) {
      co_await ctx_.sleep(due->second.next_poll - now, &waiting_);
      continue;
    }
    const std::string account = due->first;
    auto& acc = due->second;
    const bool learning = !latency_.estimate();
    latency_.begin_poll();
    co_await poll_account(account, acc);
    latency_.end_poll();
    expire(acc);
    if (acc.rows.empty()) accounts_.erase(account);
    else schedule_next(acc, learning);
    if (learning && latency_.estimate()) reschedule_all();
  }
  // The run stopped: the rows still pending were written; resume checks them again.
  for (auto& [account, acc] : accounts_)
    for (auto& [number, w] : acc.rows) {
      finish(w, model::interrupted("row", ctx_.abort_reason));
    }
  accounts_.clear();
  for (auto* t : throttled_) t->cancel();
}

}  // namespace acgprov::engine
