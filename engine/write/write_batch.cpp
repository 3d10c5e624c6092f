#include "engine/write/write_batch.hpp"

#include "engine/request/api_body.hpp"
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/write/batch_split.hpp"
#include "engine/write/write_number.hpp"
#include "model/verdict.hpp"

#include <boost/json.hpp>

#include <unordered_map>

namespace acgprov::engine {

namespace {

using clock = std::chrono::steady_clock;

std::string batch_path(const run_context& ctx, const std::string& account, number_action action) {
  // The action is part of the last path segment: /accounts/contoso:deleteNumbers.
  return versioned(
      account_action_path(account, action == number_action::remove ? "deleteNumbers" : "createOrUpdateNumbers"), ctx);
}

// One number of a batch as the request carries it. Serialised once, when the batch is taken:
// the text is a fraction of the JSON tree's size, and a batch in flight keeps it until its last
// half is answered (issue 14: 64 batches in flight at --max-in-flight 64).
std::string item_text(const number_batch& batch, const number_task& t) {
  if (batch.action == number_action::remove)
    return boost::json::serialize(boost::json::object{{"telephoneNumber", t.number}});
  return boost::json::serialize(t.resource);
}

// {"numbers":[...]} with the group's items, the bytes boost::json::serialize would write.
std::string batch_body(const std::vector<std::string>& items, const std::vector<std::size_t>& group) {
  std::size_t size = 14;
  for (auto i : group) size += items[i].size() + 1;
  std::string body;
  body.reserve(size);
  body += "{\"numbers\":[";
  for (std::size_t k = 0; k < group.size(); ++k) {
    if (k) body += ',';
    body += items[group[k]];
  }
  body += "]}";
  return body;
}

// Only item-level refusals are worth splitting; an account that does not exist, a missing
// role or an unknown api-version refuses every half the same way.
bool splittable(int status) { return status == 400 || status == 409 || status == 422; }

// A group and, once sent, its answer (a bisected half is answered before it is split again).
struct group_work {
  std::vector<std::size_t> rows;
  std::optional<api_outcome> answer;
};

// The status and top error code of a refusal that names none of the group's rows and could be
// bisected; nullopt for anything else (an answer, a named item, a group of one, a stopping run).
struct refusal_key {
  int status = 0;
  std::string code;
  bool operator==(const refusal_key&) const = default;
};

class batch_writer {
public:
  batch_writer(run_context& ctx, number_batch batch, sync_watch& watch, report_sink& sink)
      : ctx_(ctx), batch_(std::move(batch)), watch_(watch), sink_(sink) {
    rows_.reserve(batch_.tasks.size());
    for (const auto& t : batch_.tasks) rows_.push_back(row_for(t));
    done_.assign(rows_.size(), false);
    items_.reserve(batch_.tasks.size());
    for (const auto& t : batch_.tasks) items_.push_back(item_text(batch_, t));
    batch_.tasks = {};  // everything else of a task is in its row now
  }

  awaitable<void> run();

private:
  awaitable<api_outcome> send(const std::vector<std::size_t>& group);
  std::vector<std::string> numbers_of(const std::vector<std::size_t>& group) const;
  std::optional<refusal_key> unnamed_refusal(const api_outcome& out, const std::vector<std::size_t>& group) const;
  // Ends or hands on the group's rows from its answer; groups to send again go to `work_`.
  void settle(const api_outcome& out, const std::vector<std::size_t>& group);
  void accepted(const api_outcome& out, const std::vector<std::size_t>& group);
  void end(std::size_t i, const model::verdict& v, int http_status);
  void finish(std::size_t i);
  // No new request will be sent for this batch (the run stops, or drains: a resend of a refused
  // batch would be a write not started yet).
  bool stopping() const { return !ctx_.taking_rows(); }

  run_context& ctx_;
  number_batch batch_;
  sync_watch& watch_;
  report_sink& sink_;
  const clock::time_point start_ = clock::now();
  std::vector<model::report_row> rows_;
  std::vector<bool> done_;
  std::vector<group_work> work_;
  std::vector<std::string> items_;  // item_text of each row, by row index
};

awaitable<api_outcome> batch_writer::send(const std::vector<std::size_t>& group) {
  auto req = post_request(batch_path(ctx_, batch_.account, batch_.action), batch_body(items_, group));
  auto out = co_await send_api_request(ctx_, std::move(req), request_kind::write);
  for (auto i : group) {
    rows_[i].attempts += out.attempts;
    rows_[i].request_id = out.request_id;
  }
  co_return out;
}

std::vector<std::string> batch_writer::numbers_of(const std::vector<std::size_t>& group) const {
  std::vector<std::string> numbers;
  numbers.reserve(group.size());
  for (auto i : group) numbers.push_back(rows_[i].telephone_number);
  return numbers;
}

std::optional<refusal_key> batch_writer::unnamed_refusal(const api_outcome& out,
                                                         const std::vector<std::size_t>& group) const {
  const int status = out.response ? out.response->status : 0;
  if (!splittable(status) || out.run_level || stopping() || group.size() < 2) return std::nullopt;
  auto errors = parse_error_body(status, out.response->body);
  if (!plan_split(numbers_of(group), errors).refused.empty()) return std::nullopt;
  return refusal_key{status, errors.empty() ? std::string() : errors.front().code};
}

void batch_writer::finish(std::size_t i) {
  rows_[i].elapsed_ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start_).count());
  sink_.write(rows_[i]);
  done_[i] = true;
}

void batch_writer::end(std::size_t i, const model::verdict& v, int http_status) {
  if (http_status) rows_[i].http_status = http_status;
  model::apply(rows_[i], v);
  finish(i);
}

void batch_writer::accepted(const api_outcome& out, const std::vector<std::size_t>& group) {
  const int status = out.response->status;
  ctx_.batch_breaker.note_answer();
  if (batch_.action == number_action::remove) {
    for (auto i : group) end(i, model::delete_answered(status, {}, rows_[i].telephone_number), status);
    return;
  }
  // The answer lists the stored numbers with their sync state.
  auto states = parse_number_states(out.response->body, "numbers");
  for (auto i : group) {
    rows_[i].http_status = status;
    auto it = states.find(rows_[i].telephone_number);
    // Missing from the answer: we cannot tell its state, so watch it like a pending one.
    auto v = it != states.end() ? model::sync_seen(it->second.status, it->second.errors) : model::accepted_unread();
    if (v.final()) {
      model::apply(rows_[i], v);
      finish(i);
      continue;
    }
    model::apply(rows_[i], v);
    rows_[i].elapsed_ms = 0;
    done_[i] = true;
    watch_.add(std::move(rows_[i]), start_);
  }
}

void batch_writer::settle(const api_outcome& out, const std::vector<std::size_t>& group) {
  const int status = out.response ? out.response->status : 0;
  if (status >= 200 && status < 300) {
    accepted(out, group);
    return;
  }
  if (batch_.action == number_action::remove && status == 404 && !out.run_level) {
    // A batch delete answered 404: the account is not found (absent numbers are no error in a
    // batch). The same verdict as a single DELETE's 404 about the account: rejected.
    auto errors = parse_error_body(status, out.response->body);
    for (auto i : group) end(i, model::delete_answered(status, errors, rows_[i].telephone_number), status);
    return;
  }
  if (!splittable(status) || out.run_level) {
    for (auto i : group) {
      fail_row(rows_[i], out);
      finish(i);
    }
    return;
  }
  // A refusal: the rows it names end with their own errors; the others are sent again, unless
  // the run is stopping or draining (then they end `error`: the answer was about the batch,
  // not them, and --resume sends them).
  auto errors = parse_error_body(status, out.response->body);
  auto plan = plan_split(numbers_of(group), errors);
  if (!plan.refused.empty()) ctx_.batch_breaker.note_answer();
  for (const auto& r : plan.refused) {
    auto i = group[r.index];
    const bool alone = group.size() == 1;
    end(i, alone ? model::refused(evidence_of(out)) : model::item_refused(status, r.errors), status);
  }
  const auto evidence = evidence_of(out);
  for (const auto& next : plan.next) {
    std::vector<std::size_t> g;
    for (auto k : next) g.push_back(group[k]);
    if (stopping()) {
      for (auto i : g) end(i, model::unnamed_in_batch(evidence, group.size(), true), status);
      continue;
    }
    work_.push_back({std::move(g), std::nullopt});
  }
}

awaitable<void> batch_writer::run() {
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < rows_.size(); ++i) all.push_back(i);
  work_.push_back({std::move(all), std::nullopt});

  // Bounded: every request either ends its rows or splits a group into strictly smaller
  // ones, so at most 2n-1 requests for n rows.
  while (!work_.empty()) {
    auto item = std::move(work_.back());
    work_.pop_back();
    api_outcome out;
    if (item.answer) out = std::move(*item.answer);
    else out = co_await send(item.rows);
    auto key = unnamed_refusal(out, item.rows);
    if (!key) {
      settle(out, item.rows);
      continue;
    }
    // Refused naming no row: bisect, but send both halves before splitting either again, so that
    // a refusal of the whole batch (both halves refused the same way) is not bisected down to
    // single rows.
    auto plan = plan_split(numbers_of(item.rows), {});
    std::vector<group_work> halves;
    for (const auto& next : plan.next) {
      group_work half;
      for (auto k : next) half.rows.push_back(item.rows[k]);
      halves.push_back(std::move(half));
    }
    bool same = halves.size() == 2;
    for (auto& half : halves) {
      half.answer = co_await send(half.rows);
      auto half_key = unnamed_refusal(*half.answer, half.rows);
      if (!half_key || !(*half_key == *key)) same = false;
    }
    if (same) {
      // Not about any row: the rows end `error` (--resume sends them again). The same refusal
      // batch after batch is a refusal of the run: stop it.
      const auto evidence = evidence_of(out);
      for (auto& half : halves)
        for (auto i : half.rows) end(i, model::unnamed_in_batch(evidence, item.rows.size(), false), key->status);
      if (ctx_.batch_breaker.note_refusal(key->status, key->code)) {
        std::string message = evidence.errors.empty() ? std::string() : ": " + evidence.errors.front().message;
        ctx_.abort("the API refused " + std::to_string(ctx_.batch_breaker.streak()) +
                       " batches in a row as a whole, naming no item (HTTP " + std::to_string(key->status) + " " +
                       key->code + message + ")",
                   abort_kind::endpoint);
      }
      continue;
    }
    for (auto it = halves.rbegin(); it != halves.rend(); ++it) work_.push_back(std::move(*it));
  }
  // Every row ended above (reported or handed to the watch).
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (!done_[i]) end(i, model::internal("row left unfinished by the batch writer"), 0);
}

}  // namespace

awaitable<void> write_batch(run_context& ctx, number_batch batch, sync_watch& watch, report_sink& sink) {
  batch_writer writer(ctx, std::move(batch), watch, sink);
  co_await writer.run();
}

}  // namespace acgprov::engine
