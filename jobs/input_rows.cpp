#include "jobs/input_rows.hpp"

#include "engine/process_row.hpp"
#include "jobs/number_row.hpp"

namespace acgprov::jobs {

input_rows::input_rows(const std::vector<input_spec>& inputs, engine::report_sink& invalid)
    : invalid_(invalid) {
  for (const auto& in : inputs) readers_.push_back(io::open_reader(in.path, in.format));
}

std::optional<io::input_record> input_rows::next_record() {
  while (current_ < readers_.size()) {
    if (auto rec = readers_[current_]->next()) {
      ++rows_read_;
      return rec;
    }
    readers_[current_].reset();  // free its buffer as soon as the file is done
    ++current_;
  }
  return std::nullopt;
}

awaitable<std::optional<engine::number_task>> input_rows::next() { co_return next_row(); }

std::optional<engine::number_task> input_rows::next_row() {
  // Bounded by the input: every pass consumes one record.
  while (auto rec = next_record()) {
    auto checked = to_number_task(*rec);
    if (auto* bad = std::get_if<invalid_row>(&checked)) {
      invalid_.write(bad->row);
      continue;
    }
    auto& task = std::get<engine::number_task>(checked);
    if (auto duplicate = duplicates_.check(task)) {
      invalid_.write(duplicate->row);
      continue;
    }
    return std::move(task);
  }
  return std::nullopt;
}

void input_rows::drain_as_skipped(const std::string& reason) {
  while (auto task = next_row()) {
    io::report_row row = engine::row_for(*task);
    row.outcome = io::outcome::skipped;
    row.errors = {{"NotAttempted", reason, ""}};
    invalid_.write(row);
  }
}

}  // namespace acgprov::jobs
