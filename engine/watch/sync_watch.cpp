#include "engine/watch/sync_watch.hpp"

#include "engine/plan/read_price.hpp"
#include "engine/request/api_body.hpp"
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/request/list_pages.hpp"
#include "io/endpoint.hpp"
#include "model/verdict.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace acgprov::engine {

namespace {

// The probe's filter: the numbers whose sync has not ended well (pending, failed).
constexpr const char* not_synced_filter = "serviceProvisioningStatus ne 'synced'";

std::uint64_t ms_between(sync_watch::clock::time_point a, sync_watch::clock::time_point b) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

}  // namespace

sync_watch::sync_watch(run_context& ctx, report_sink& sink) : ctx_(ctx), sink_(sink) {}

void sync_watch::notify() {
  if (waiting_) waiting_->cancel();
}

sync_watch::clock::duration sync_watch::first_wait() const {
  const auto base = std::chrono::duration_cast<clock::duration>(ctx_.config.poll_interval);
  return std::max(base, latency_.estimate().value_or(clock::duration::zero()));
}

void sync_watch::add(model::report_row row, clock::time_point started) {
  const auto now = clock::now();
  if (pending_ == 0) {
    interval_ = std::chrono::duration_cast<clock::duration>(ctx_.config.poll_interval);
    next_round_ = now + first_wait();
    oldest_added_ = now;
    if (ripe_after_ == clock::duration::zero()) ripe_after_ = first_wait() * 8;
  }
  newest_added_ = now;
  std::string account = std::move(row.account_name);
  std::string number = std::move(row.telephone_number);
  watched w;
  auto file = std::find(files_.begin(), files_.end(), row.file);
  w.file = static_cast<std::uint32_t>(file - files_.begin());
  if (file == files_.end()) files_.push_back(std::move(row.file));
  w.line = row.line;
  w.remove = row.action == "delete";
  w.http_status = row.http_status;
  w.attempts = row.attempts;
  keep_state(w, std::move(row.service_provisioning_status), std::move(row.errors));
  if (!last_request_id_ || *last_request_id_ != row.request_id)
    last_request_id_ = std::make_shared<const std::string>(std::move(row.request_id));
  w.request_id = last_request_id_;
  w.record = row.record;
  w.record_digest = row.record_digest;
  w.started = started;
  w.added = now;
  auto& acc = accounts_[account];
  auto [it, inserted] = acc.rows.insert_or_assign(std::move(number), std::move(w));
  if (inserted) {
    ++pending_;
    ++written_[account];
  }
  // The loop sleeps while nothing is watched, and must start rounds once the writers wait.
  if (pending_ == 1 || pending_ == ctx_.config.max_pending) notify();
}

void sync_watch::close() {
  closed_ = true;
  if (pending_ > 0) {
    // The newest rows decide: the older ones had their time while the writers went on.
    next_round_ = std::max(clock::now(), newest_added_ + first_wait());
    interval_ = std::chrono::duration_cast<clock::duration>(ctx_.config.poll_interval);
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

model::report_row sync_watch::row_of(const std::string& account, const std::string& number, const watched& w) const {
  model::report_row row;
  row.file = files_[w.file];
  row.line = w.line;
  row.action = w.remove ? "delete" : "upsert";
  row.account_name = account;
  row.telephone_number = number;
  row.http_status = w.http_status;
  row.service_provisioning_status = status_of(w);
  if (w.extra) row.errors = w.extra->errors;
  row.attempts = w.attempts;
  if (w.request_id) row.request_id = *w.request_id;
  row.record = w.record;
  row.record_digest = w.record_digest;
  return row;
}

void sync_watch::keep_state(watched& w, std::string status, std::vector<model::api_error> errors) {
  w.extra.reset();
  if (status.empty()) w.status = sync_word::none;
  else if (status == "pending") w.status = sync_word::pending;
  else if (status == "synced") w.status = sync_word::synced;
  else if (status == "failed") w.status = sync_word::failed;
  else w.status = sync_word::other;
  if (w.status == sync_word::other || !errors.empty()) {
    w.extra = std::make_unique<unusual>();
    if (w.status == sync_word::other) w.extra->status = std::move(status);
    w.extra->errors = std::move(errors);
  }
}

std::string sync_watch::status_of(const watched& w) {
  switch (w.status) {
    case sync_word::none:
      return {};
    case sync_word::pending:
      return "pending";
    case sync_word::synced:
      return "synced";
    case sync_word::failed:
      return "failed";
    case sync_word::other:
      return w.extra ? w.extra->status : std::string();
  }
  return {};
}

void sync_watch::finish(const std::string& account, const std::string& number, watched& w, const model::verdict& v) {
  auto row = row_of(account, number, w);
  model::apply(row, v);
  row.elapsed_ms = ms_between(w.started, clock::now());
  sink_.write(row);
  --pending_;
  for (auto* t : throttled_) t->cancel();
}

bool sync_watch::settle_from(const std::string& account, account_state& acc, const std::string& number,
                             std::string_view status, std::vector<model::api_error> errors) {
  auto it = acc.rows.find(number);
  if (it == acc.rows.end()) return false;
  auto& w = it->second;
  auto v = model::sync_seen(status, std::move(errors));
  if (!v.final()) {
    // Pending, or a status that proves nothing: watched on (its note kept for the timeout).
    model::report_row row;
    row.service_provisioning_status = status_of(w);
    if (w.extra) row.errors = std::move(w.extra->errors);
    model::apply(row, v);
    keep_state(w, std::move(row.service_provisioning_status), std::move(row.errors));
    return false;
  }
  // Measured now, when the answer is in: the limiter may have held the request for a while,
  // and an age taken before that would make the sync look faster than it is.
  latency_.settled_at_age(clock::now() - w.added);
  finish(account, number, w, v);
  acc.rows.erase(it);
  return true;
}

bool sync_watch::settle_item(const boost::json::object& item, const std::string* only_account) {
  auto* n = item.if_contains("telephoneNumber");
  if (!n || !n->is_string()) return false;
  std::string account;
  if (only_account) account = *only_account;
  else if (auto* a = item.if_contains("accountName"); a && a->is_string()) account = a->as_string();
  else return false;
  auto acc = accounts_.find(account);
  if (acc == accounts_.end()) return false;
  std::string number(n->as_string());
  auto row = acc->second.rows.find(number);
  if (row == acc->second.rows.end()) return false;
  row->second.unseen = false;
  row->second.listed_in = list_round_;
  auto st = parse_provisioning_state(boost::json::serialize(item));
  if (!st) return false;  // unreadable: proves nothing
  return settle_from(account, acc->second, number, st->status, std::move(st->errors));
}

void sync_watch::expire_all() {
  const auto now = clock::now();
  oldest_added_ = clock::time_point::max();
  for (auto a = accounts_.begin(); a != accounts_.end();) {
    auto& rows = a->second.rows;
    for (auto it = rows.begin(); it != rows.end();) {
      if (deadline_of(it->second) > now) {
        oldest_added_ = std::min(oldest_added_, it->second.added);
        ++it;
        continue;
      }
      finish(a->first, it->first, it->second, model::poll_expired(status_of(it->second)));
      it = rows.erase(it);
    }
    a = rows.empty() ? accounts_.erase(a) : std::next(a);
  }
}

std::uint64_t sync_watch::size_of(const std::string& account) const {
  std::uint64_t known = 0;
  if (auto it = ctx_.account_sizes.find(account); it != ctx_.account_sizes.end()) known = it->second;
  if (auto it = written_.find(account); it != written_.end()) known = std::max(known, it->second);
  return known;
}

awaitable<void> sync_watch::poll_numbers(const std::string& account, std::vector<std::string> numbers) {
  for (const auto& n : numbers) {
    if (ctx_.stopping) co_return;
    auto acc = accounts_.find(account);
    if (acc == accounts_.end()) co_return;
    if (!acc->second.rows.count(n)) continue;
    auto path = versioned(number_path(account, n), ctx_);
    auto out = co_await send_api_request(ctx_, get_request(path), request_kind::poll);
    if (!out.response) continue;  // transport trouble: the next round tries again
    acc = accounts_.find(account);
    if (acc == accounts_.end()) co_return;
    if (out.response->status == 404) {
      // Accepted, then gone: someone else deleted it, or the backend refused it outright.
      if (auto it = acc->second.rows.find(n); it != acc->second.rows.end()) {
        it->second.http_status = 404;
        finish(account, n, it->second, model::number_gone());
        acc->second.rows.erase(it);
      }
      continue;
    }
    if (out.response->status != 200) continue;
    // A body that cannot be read proves nothing: the next round asks again.
    if (auto st = parse_provisioning_state(out.response->body)) {
      if (auto it = acc->second.rows.find(n); it != acc->second.rows.end()) it->second.unseen = false;
      settle_from(account, acc->second, n, st->status, std::move(st->errors));
    }
  }
}

awaitable<void> sync_watch::poll_list(const std::string& account) {
  std::uint64_t shown = 0;
  auto on_item = [this, &account, &shown](const boost::json::object& item) {
    ++shown;
    settle_item(item, &account);
  };
  auto target = counted_list_target(ctx_, numbers_path(account));
  const auto asked = clock::now();
  ++list_round_;
  auto read = co_await read_pages(ctx_, std::move(target), request_kind::poll, on_item);
  if (read.total) ctx_.account_sizes[account] = *read.total;
  if (!read.complete) co_return;  // the next round tries again
  if (auto acc = accounts_.find(account); acc != accounts_.end()) mark_unlisted(acc->second, asked);
}

void sync_watch::mark_unlisted(account_state& acc, clock::time_point asked) {
  // Left out of a whole list written after it: gone, or moved; only a GET of it can tell.
  for (auto& [number, w] : acc.rows)
    if (w.added <= asked && w.listed_in != list_round_) w.unseen = true;
}

awaitable<bool> sync_watch::sweep_all_numbers() {
  std::map<std::string, std::uint64_t> held;  // numbers per account, as the sweep shows them
  auto on_item = [this, &held](const boost::json::object& item) {
    if (auto* a = item.if_contains("accountName"); a && a->is_string()) ++held[std::string(a->as_string())];
    settle_item(item);
  };
  const auto asked = clock::now();
  ++list_round_;
  auto read = co_await read_pages(ctx_, counted_list_target(ctx_, all_numbers_path()), request_kind::poll, on_item);
  if (!read.complete) co_return false;
  for (const auto& [account, n] : held) ctx_.account_sizes[account] = n;
  for (auto& [account, acc] : accounts_) mark_unlisted(acc, asked);
  co_return true;
}

awaitable<sync_watch::probe_result> sync_watch::probe(clock::time_point asked) {
  for (auto& [account, acc] : accounts_)
    for (auto& [number, w] : acc.rows) w.shown_pending = false;
  auto on_item = [this, asked](const boost::json::object& item) {
    auto* n = item.if_contains("telephoneNumber");
    auto* a = item.if_contains("accountName");
    if (!n || !n->is_string() || !a || !a->is_string()) return;
    auto acc = accounts_.find(std::string(a->as_string()));
    if (acc == accounts_.end()) return;
    std::string number(n->as_string());
    auto row = acc->second.rows.find(number);
    // What the page shows is evidence only for rows written before it was asked for.
    if (row == acc->second.rows.end() || row->second.added > asked) return;
    row->second.unseen = false;
    auto st = parse_provisioning_state(boost::json::serialize(item));
    if (!st) return;
    // Failed (with its errors) ends the row; pending or an unknown status keeps it watched.
    if (!settle_from(acc->first, acc->second, number, st->status, std::move(st->errors)))
      if (auto still = acc->second.rows.find(number); still != acc->second.rows.end())
        still->second.shown_pending = true;
  };
  auto target = counted_list_target(ctx_, all_numbers_path(), "filter=" + io::encode_query_value(not_synced_filter));
  auto read = co_await read_pages(ctx_, std::move(target), request_kind::poll, on_item, 1);
  if (read.status == 400) ctx_.filter_refused = true;  // the grammar is not in the contract: stop asking
  // One page is the whole answer only without a nextLink; else it names some rows pending.
  if (read.status != 200) co_return probe_result::none;
  co_return read.complete ? probe_result::whole : probe_result::partial;
}

awaitable<void> sync_watch::confirm(std::vector<row_ref> rows) {
  // Rows a whole list left out: a GET each (404: gone).
  std::map<std::string, std::vector<std::string>> unseen;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> per_account;  // size, rows
  for (const auto& [account, number] : rows) {
    auto acc = accounts_.find(account);
    if (acc == accounts_.end()) continue;
    auto it = acc->second.rows.find(number);
    if (it == acc->second.rows.end()) continue;
    if (it->second.unseen) unseen[account].push_back(number);
    else {
      auto& p = per_account[account];
      p.first = size_of(account);
      ++p.second;
    }
  }
  for (auto& [account, numbers] : unseen) co_await poll_numbers(account, std::move(numbers));
  if (per_account.empty() || ctx_.stopping) co_return;

  std::uint64_t deployment = 0;
  for (const auto& [account, n] : ctx_.account_sizes) deployment += std::max<std::uint64_t>(n, size_of(account));
  for (const auto& [account, n] : written_)
    if (!ctx_.account_sizes.count(account)) deployment += n;
  auto price = price_watch_round(per_account, deployment, api_page_size);
  if (price.all_numbers) {
    const bool whole = co_await sweep_all_numbers();
    if (whole) co_return;
  }
  std::map<std::string, std::vector<std::string>> by_account;
  for (auto& [account, number] : rows) by_account[account].push_back(std::move(number));
  for (const auto& [account, sized] : per_account) {
    if (ctx_.stopping) co_return;
    auto acc = accounts_.find(account);
    if (acc == accounts_.end()) continue;
    std::vector<std::string> numbers;
    for (auto& n : by_account[account])
      if (acc->second.rows.count(n)) numbers.push_back(std::move(n));
    if (numbers.empty()) continue;
    if (numbers.size() <= pages_of(std::max<std::uint64_t>(sized.first, 1), api_page_size))
      co_await poll_numbers(account, std::move(numbers));
    else co_await poll_list(account);
  }
}

awaitable<void> sync_watch::round() {
  const auto asked = clock::now();
  auto told = probe_result::none;
  if (!ctx_.filter_refused) told = co_await probe(asked);
  const bool probed = told != probe_result::none;
  std::vector<row_ref> candidates;
  std::size_t still_pending = 0;
  bool near_deadline = false;
  const auto horizon = clock::now() + interval_ * 3 / 2;
  for (const auto& [account, acc] : accounts_)
    for (const auto& [number, w] : acc.rows) {
      if (w.added > asked) continue;  // written after the probe was asked for: the next round
      if (probed && w.shown_pending) {
        ++still_pending;
        continue;
      }
      candidates.emplace_back(account, number);
      if (deadline_of(w) <= horizon) near_deadline = true;
    }
  // Reading pages now for a part of the rows would read the same pages again for the rest:
  // wait while the probe still shows rows pending and more keep settling (a whole page: rows
  // it left out did settle; a first page of many says only that some are pending), unless the
  // writers wait on the watch or rows run out of time.
  const bool settling = told == probe_result::partial || candidates.size() != last_candidates_;
  last_candidates_ = candidates.size();
  if (candidates.empty()) co_return;
  // While the writers go on, rows keep coming pending: rows that waited long enough are read
  // then, and the wait doubles each time, so the pages read again stay a fraction of the run.
  const bool ripe = !closed_ && clock::now() >= oldest_added_ + ripe_after_;
  if (probed && still_pending > 0 && settling && !writers_blocked() && !near_deadline && !ripe) co_return;
  co_await confirm(std::move(candidates));
  last_candidates_ = 0;
  if (ripe) ripe_after_ *= 2;
}

sync_watch::clock::time_point sync_watch::due() const {
  if (pending_ == 0 || oldest_added_ == clock::time_point::max()) return next_round_;
  auto when = next_round_;
  // While the writers go on, rows wait to be read together (ripe_after_).
  if (!closed_ && !writers_blocked()) when = std::max(when, oldest_added_ + ripe_after_);
  return std::min(when, oldest_added_ + ctx_.config.poll_timeout);
}

awaitable<void> sync_watch::run() {
  // Bounded by the rows: every row leaves by settling, its deadline, or the run stopping.
  while (!ctx_.stopping) {
    if (pending_ == 0) {
      if (closed_) break;
      co_await ctx_.sleep(std::chrono::hours(24), &waiting_);  // woken by add() or close()
      continue;
    }
    const auto when = due();
    const auto now = clock::now();
    if (when > now) {
      co_await ctx_.sleep(when - now, &waiting_);
      continue;
    }
    latency_.begin_poll();
    co_await round();
    latency_.end_poll();
    expire_all();
    if (pending_ == 0) continue;
    const auto max_interval = std::chrono::duration_cast<clock::duration>(ctx_.config.max_poll_interval);
    const auto after = clock::now();
    // Growing intervals: a slow sync costs few rounds, a fast one is seen soon; once the
    // writers are done, the newest rows are looked at when they should be synced.
    interval_ = std::min(max_interval, interval_ * 3 / 2);
    next_round_ = after + interval_;
    if (auto latency = latency_.estimate(); closed_ && latency && newest_added_ + *latency > after)
      next_round_ = std::min(next_round_, newest_added_ + *latency);
  }
  // The run stopped: the rows still pending were written; resume checks them again.
  for (auto& [account, acc] : accounts_)
    for (auto& [number, w] : acc.rows) finish(account, number, w, model::interrupted("row", ctx_.abort_reason));
  accounts_.clear();
  for (auto* t : throttled_) t->cancel();
}

}  // namespace acgprov::engine
