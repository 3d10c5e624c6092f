#include "jobs/input/input_rows.hpp"

#include "engine/write/write_number.hpp"
#include "io/log.hpp"
#include "jobs/input/number_row.hpp"
#include "jobs/report/resume.hpp"

namespace acgprov::jobs {

input_rows::input_rows(const std::vector<input_spec>& inputs, engine::report_sink& invalid,
                       engine::run_numbers* numbers)
    : invalid_(invalid), duplicates_(numbers) {
  for (const auto& in : inputs) readers_.push_back(io::open_reader(in.path, in.format));
}

std::optional<io::input_record> input_rows::next_record() {
  while (current_ < readers_.size()) {
    if (auto rec = readers_[current_]->next()) return rec;
    readers_[current_].reset();  // free its buffer as soon as the file is done
    ++current_;
  }
  return std::nullopt;
}

awaitable<std::optional<engine::number_task>> input_rows::next() { co_return next_row(); }

std::optional<engine::number_task> input_rows::next_row() {
  // Bounded by the input: every pass consumes one record.
  while (auto rec = next_record()) {
    const record_identity id = positions_.next(*rec);
    auto checked = to_number_task(*rec);
    if (matcher_) {
      auto* task = std::get_if<engine::number_task>(&checked);
      if (auto done = matcher_->unchanged(*rec, id, task ? number_key(task->number) : 0, true)) {
        // Registered as seen even when skipped, so that a later duplicate is still refused.
        if (task) duplicates_.check(*task);
        ++rows_resumed_;
        if (on_resumed_) on_resumed_(done->outcome);
        continue;
      }
    }
    if (auto* bad = std::get_if<invalid_row>(&checked)) {
      bad->row.record = id.record;
      bad->row.record_digest = id.digest;
      invalid_.write(bad->row);
      continue;
    }
    auto& task = std::get<engine::number_task>(checked);
    if (auto duplicate = duplicates_.check(task)) {
      duplicate->row.record = id.record;
      duplicate->row.record_digest = id.digest;
      invalid_.write(duplicate->row);
      continue;
    }
    task.record = id.record;
    task.record_digest = id.digest;
    return std::move(task);
  }
  return std::nullopt;
}

void input_rows::skip_finished(const finished_rows* finished, std::function<void(model::outcome)> on_resumed) {
  if (finished) matcher_.emplace(*finished);
  else matcher_.reset();
  on_resumed_ = std::move(on_resumed);
}

void input_rows::drain_as_skipped(const std::string& reason) {
  while (auto task = next_row()) {
    model::report_row row = engine::row_for(*task);
    model::apply(row, model::not_attempted(reason));
    invalid_.write(row);
  }
}

}  // namespace acgprov::jobs
