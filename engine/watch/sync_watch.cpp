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
#include <set>

namespace acgprov::engine {

namespace {

// The probe's filter: the numbers whose sync has not ended well (pending, failed).
constexpr const char* not_synced_filter = "serviceProvisioningStatus ne 'synced'";

std::uint64_t ms_between(sync_watch::clock::time_point a, sync_watch::clock::time_point b) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

}  // namespace

sync_watch::sync_watch(run_context& ctx, report_sink& sink) : ctx_(ctx), sink_(sink), rows_(&ctx.numbers) {}

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
    oldest_unsettled_ = now;
    if (ripe_after_ == clock::duration::zero()) ripe_after_ = first_wait() * 8;
  }
  newest_added_ = now;
  oldest_unsettled_ = std::min(oldest_unsettled_, now);
  std::unique_ptr<watched_rows::unusual> extra;
  watched_rows::state st;
  st.status = classify(std::move(row.service_provisioning_status), std::move(row.errors), extra);
  if (rows_.add(row, st, std::move(extra), started, now)) {
    ++pending_;
    ++written_[row.account_name];
  }
  // The loop sleeps while nothing is watched, and must start rounds once the writers wait.
  if (pending_ == 1 || pending_ == ctx_.config.max_pending) notify();
}

void sync_watch::close() {
  closed_ = true;
  closed_at_ = clock::now();
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

sync_watch::sync_word sync_watch::classify(std::string status, std::vector<model::api_error> errors,
                                           std::unique_ptr<watched_rows::unusual>& extra) {
  extra.reset();
  sync_word word = sync_word::other;
  if (status.empty()) word = sync_word::none;
  else if (status == "pending") word = sync_word::pending;
  else if (status == "synced") word = sync_word::synced;
  else if (status == "failed") word = sync_word::failed;
  if (word == sync_word::other || !errors.empty()) {
    extra = std::make_unique<watched_rows::unusual>();
    if (word == sync_word::other) extra->status = std::move(status);
    extra->errors = std::move(errors);
  }
  return word;
}

std::string sync_watch::status_of(const row& r) const {
  switch (r.st.status) {
    case sync_word::none:
      return {};
    case sync_word::pending:
      return "pending";
    case sync_word::synced:
      return "synced";
    case sync_word::failed:
      return "failed";
    case sync_word::other:
      if (const auto* x = rows_.extra(r)) return x->status;
      return {};
  }
  return {};
}

void sync_watch::finish(const row& r, const model::verdict& v, int http_status) {
  clock::time_point started;
  auto report = rows_.report_row_of(r, &started);
  if (http_status) report.http_status = http_status;
  model::apply(report, v);
  report.elapsed_ms = ms_between(started, clock::now());
  sink_.write(report);
  rows_.erase(r);
  --pending_;
  for (auto* t : throttled_) t->cancel();
}

template <class Pick, class Verdict>
void sync_watch::finish_all(Pick ends, Verdict verdict) {
  constexpr std::size_t chunk = 4096;
  std::vector<row> ending;
  // Bounded: each pass ends every row it gathers, and gathers fewer than a chunk only when
  // no row is left to end.
  do {
    ending.clear();
    rows_.for_each([&](row& r) {
      if (ending.size() < chunk && ends(r)) ending.push_back(r);
    });
    // Ending a row moves others in the index: each is found again by its account and number.
    for (const auto& e : ending) {
      const auto number = rows_.number_of(e);
      if (auto now = rows_.find(rows_.account_name(e.account), number)) finish(*now, verdict(*now));
    }
  } while (ending.size() == chunk);
}

bool sync_watch::settle_from(row r, std::string_view status, std::vector<model::api_error> errors) {
  auto v = model::sync_seen(status, std::move(errors));
  if (!v.final()) {
    // Pending, or a status that proves nothing: watched on (its note kept for the timeout), and
    // its deadline is its own again.
    r.st.settled = false;
    model::report_row note;
    note.service_provisioning_status = status_of(r);
    if (const auto* x = rows_.extra(r)) note.errors = x->errors;
    model::apply(note, v);
    std::unique_ptr<watched_rows::unusual> extra;
    r.st.status = classify(std::move(note.service_provisioning_status), std::move(note.errors), extra);
    rows_.set_state(r, r.st);
    rows_.set_extra(r, std::move(extra));
    return false;
  }
  // Measured now, when the answer is in: the limiter may have held the request for a while,
  // and an age taken before that would make the sync look faster than it is.
  latency_.settled_at_age(clock::now() - r.added);
  finish(r, v);
  return true;
}

bool sync_watch::settle_item(const boost::json::object& item, const std::string* only_account) {
  auto* n = item.if_contains("telephoneNumber");
  if (!n || !n->is_string()) return false;
  std::string account;
  if (only_account) account = *only_account;
  else if (auto* a = item.if_contains("accountName"); a && a->is_string()) account = a->as_string();
  else return false;
  auto r = rows_.find(account, std::string_view(n->as_string()));
  if (!r) return false;
  r->st.unseen = false;
  r->st.listed = true;
  rows_.set_state(*r, r->st);
  auto st = parse_provisioning_state(boost::json::serialize(item));
  if (!st) return false;  // unreadable: proves nothing
  return settle_from(*r, st->status, std::move(st->errors));
}

void sync_watch::expire_all() {
  const auto now = clock::now();
  finish_all([&](const row& r) { return deadline_of(r) <= now; },
             [&](const row& r) { return model::poll_expired(status_of(r)); });
  oldest_added_ = clock::time_point::max();
  oldest_unsettled_ = clock::time_point::max();
  rows_.for_each([&](row& r) {
    oldest_added_ = std::min(oldest_added_, r.added);
    if (!r.st.settled) oldest_unsettled_ = std::min(oldest_unsettled_, r.added);
  });
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
    if (!rows_.find(account, n)) continue;
    auto path = versioned(number_path(account, n), ctx_);
    auto out = co_await send_api_request(ctx_, get_request(path), request_kind::poll);
    if (!out.response) continue;  // transport trouble: the next round tries again
    // Found again: the index changed while the request was out.
    auto r = rows_.find(account, n);
    if (!r) continue;
    if (out.response->status == 404) {
      // Accepted, then gone: someone else deleted it, or the backend refused it outright.
      finish(*r, model::number_gone(), 404);
      continue;
    }
    if (out.response->status != 200) continue;
    // A body that cannot be read proves nothing: the next round asks again.
    if (auto st = parse_provisioning_state(out.response->body)) {
      r->st.unseen = false;
      rows_.set_state(*r, r->st);
      settle_from(*r, st->status, std::move(st->errors));
    }
  }
}

awaitable<bool> sync_watch::poll_list(const std::string& account) {
  auto on_item = [this, &account](const boost::json::object& item) { settle_item(item, &account); };
  auto read = co_await read_pages(ctx_, counted_list_target(ctx_, numbers_path(account)), request_kind::poll, on_item);
  if (read.total) ctx_.account_sizes[account] = *read.total;
  co_return read.complete;  // else the next round tries again
}

void sync_watch::clear_listed(std::optional<std::uint32_t> in) {
  rows_.for_each([&](row& r) {
    if (!in || r.account == *in) r.st.listed = false;
  });
}

void sync_watch::mark_unlisted(const std::map<std::uint32_t, clock::time_point>& asked) {
  if (asked.empty()) return;
  // Left out of a whole list written after it: gone, or moved; only a GET of it can tell.
  rows_.for_each([&](row& r) {
    auto it = asked.find(r.account);
    if (it != asked.end() && r.added <= it->second && !r.st.listed) r.st.unseen = true;
  });
}

awaitable<bool> sync_watch::sweep_all_numbers() {
  std::map<std::string, std::uint64_t> held;  // numbers per account, as the sweep shows them
  auto on_item = [this, &held](const boost::json::object& item) {
    if (auto* a = item.if_contains("accountName"); a && a->is_string()) ++held[std::string(a->as_string())];
    settle_item(item);
  };
  clear_listed(std::nullopt);
  const auto asked = clock::now();
  auto read = co_await read_pages(ctx_, counted_list_target(ctx_, all_numbers_path()), request_kind::poll, on_item);
  if (!read.complete) co_return false;
  for (const auto& [account, n] : held) ctx_.account_sizes[account] = n;
  std::map<std::uint32_t, clock::time_point> every;
  rows_.for_each([&](row& r) { every.emplace(r.account, asked); });
  mark_unlisted(every);
  co_return true;
}

awaitable<sync_watch::probe_result> sync_watch::probe(clock::time_point asked) {
  rows_.for_each([](row& r) { r.st.shown_pending = false; });
  auto on_item = [this, asked](const boost::json::object& item) {
    auto* n = item.if_contains("telephoneNumber");
    auto* a = item.if_contains("accountName");
    if (!n || !n->is_string() || !a || !a->is_string()) return;
    const std::string account(a->as_string());
    const std::string number(n->as_string());
    auto r = rows_.find(account, number);
    // What the page shows is evidence only for rows written before it was asked for.
    if (!r || r->added > asked) return;
    r->st.unseen = false;
    rows_.set_state(*r, r->st);
    auto st = parse_provisioning_state(boost::json::serialize(item));
    if (!st) return;
    // Failed (with its errors) ends the row; pending or an unknown status keeps it watched.
    if (!settle_from(*r, st->status, std::move(st->errors)))
      if (auto still = rows_.find(account, number)) {
        still->st.shown_pending = true;
        rows_.set_state(*still, still->st);
      }
  };
  auto target = counted_list_target(ctx_, all_numbers_path(), "filter=" + io::encode_query_value(not_synced_filter));
  auto read = co_await read_pages(ctx_, std::move(target), request_kind::poll, on_item, 1);
  if (read.status == 400) ctx_.filter_refused = true;  // the grammar is not in the contract: stop asking
  // One page is the whole answer only without a nextLink; else it names some rows pending.
  if (read.status != 200) co_return probe_result::none;
  co_return read.complete ? probe_result::whole : probe_result::partial;
}

watch_price sync_watch::price_of(const std::map<std::uint32_t, std::uint64_t>& rows_in) const {
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> per_account;  // size, rows
  for (const auto& [account, n] : rows_in) {
    const auto& name = rows_.account_name(account);
    per_account[name] = {size_of(name), n};
  }
  std::uint64_t deployment = 0;
  for (const auto& [account, n] : ctx_.account_sizes) deployment += std::max<std::uint64_t>(n, size_of(account));
  for (const auto& [account, n] : written_)
    if (!ctx_.account_sizes.count(account)) deployment += n;
  return price_watch_round(per_account, deployment, api_page_size);
}

awaitable<void> sync_watch::confirm(clock::time_point asked, bool probed) {
  // Rows a whole list left out: a GET each (404: gone). The others, counted per account.
  std::map<std::uint32_t, std::vector<std::string>> unseen;
  std::map<std::uint32_t, std::uint64_t> rows_in;
  rows_.for_each([&](row& r) {
    if (!candidate(r, asked, probed)) return;
    if (r.st.unseen) unseen[r.account].push_back(rows_.number_of(r));
    else ++rows_in[r.account];
  });
  for (auto& [account, numbers] : unseen) co_await poll_numbers(rows_.account_name(account), std::move(numbers));
  if (rows_in.empty() || ctx_.stopping) co_return;

  confirmed_at_ = ctx_.stats.requests;
  if (price_of(rows_in).all_numbers) {
    const bool whole = co_await sweep_all_numbers();
    if (whole) co_return;
  }
  // Per account: a GET for each row when that is fewer requests than the account's pages.
  std::set<std::uint32_t> by_get;
  std::vector<std::uint32_t> by_list;
  for (const auto& [account, n] : rows_in)
    if (n <= pages_of(std::max<std::uint64_t>(size_of(rows_.account_name(account)), 1), api_page_size))
      by_get.insert(account);
    else by_list.push_back(account);
  std::map<std::uint32_t, std::vector<std::string>> numbers;
  if (!by_get.empty())
    rows_.for_each([&](row& r) {
      if (by_get.count(r.account) && candidate(r, asked, probed)) numbers[r.account].push_back(rows_.number_of(r));
    });
  for (auto& [account, list] : numbers) {
    if (ctx_.stopping) co_return;
    co_await poll_numbers(rows_.account_name(account), std::move(list));
  }
  std::map<std::uint32_t, clock::time_point> listed;
  for (auto account : by_list) {
    if (ctx_.stopping) co_return;
    clear_listed(account);
    const auto asked_list = clock::now();
    if (co_await poll_list(rows_.account_name(account))) listed.emplace(account, asked_list);
  }
  mark_unlisted(listed);
}

awaitable<void> sync_watch::round() {
  const auto asked = clock::now();
  auto told = probe_result::none;
  if (!ctx_.filter_refused) told = co_await probe(asked);
  const bool probed = told != probe_result::none;
  if (told == probe_result::whole)
    // The page lists every number not yet synced: the rows it left out have settled.
    rows_.for_each([&](row& r) {
      if (r.added <= asked && !r.st.shown_pending) r.st.settled = true;
    });
  std::size_t candidates = 0;
  std::size_t still_pending = 0;
  bool near_deadline = false;
  std::map<std::uint32_t, std::uint64_t> rows_in;  // candidates per account
  const auto horizon = clock::now() + interval_ * 3 / 2;
  rows_.for_each([&](row& r) {
    if (r.added > asked) return;  // written after the probe was asked for: the next round
    if (!candidate(r, asked, probed)) {
      ++still_pending;
      return;
    }
    ++candidates;
    ++rows_in[r.account];
    if (deadline_of(r) <= horizon) near_deadline = true;
  });
  // Reading pages now for a part of the rows would read the same pages again for the rest:
  // wait while the probe still shows rows pending and more keep settling (a whole page: rows
  // it left out did settle; a first page of many says only that some are pending), unless the
  // writers wait on the watch or rows run out of time.
  const bool settling = told == probe_result::partial || candidates != last_candidates_;
  last_candidates_ = candidates;
  if (candidates == 0) co_return;
  const bool must = writers_blocked() || near_deadline;
  if (!closed_ && !must) {
    // While the writers go on, rows keep coming pending: rows that waited long enough are read
    // then, and the wait doubles each time, so the pages read again stay a fraction of the run;
    // and only when that read is one page, or costs a twentieth of what the run sent since the last one: in a
    // big run, a read of the deployment before the writers are done reads again what the last
    // one will, and a million rows would pay their pages twice.
    if (clock::now() >= oldest_added_ + ripe_after_) ripe_after_ *= 2;
    const auto pages = price_of(rows_in).pages;
    if (pages > 1 && pages * 20 > ctx_.stats.requests - confirmed_at_) co_return;
  } else if (probed && still_pending > 0 && settling && !must) {
    co_return;
  }
  co_await confirm(asked, probed);
  last_candidates_ = 0;
}

sync_watch::clock::time_point sync_watch::due() const {
  if (pending_ == 0 || oldest_added_ == clock::time_point::max()) return next_round_;
  auto when = next_round_;
  // While the writers go on, rows wait to be read together (ripe_after_).
  if (!closed_ && !writers_blocked()) when = std::max(when, oldest_added_ + ripe_after_);
  // The next deadline (rows a whole probe showed settled wait, deadline_of).
  if (oldest_unsettled_ == clock::time_point::max()) return when;
  return std::min(when, oldest_unsettled_ + ctx_.config.poll_timeout);
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
  finish_all([](const row&) { return true; },
             [this](const row&) { return model::interrupted("row", ctx_.abort_reason); });
  for (auto* t : throttled_) t->cancel();
}

}  // namespace acgprov::engine
