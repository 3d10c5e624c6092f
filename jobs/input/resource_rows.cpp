#include "jobs/input/resource_rows.hpp"

#include "jobs/input/number_rules.hpp"
#include "model/verdict.hpp"

#include <algorithm>
#include <cctype>

namespace acgprov::jobs {

invalid_row invalid_resource(const io::input_record& rec, std::string action, std::string key, std::string code,
                             std::string message, std::string target) {
  invalid_row out;
  auto& r = out.row;
  r.file = rec.file;
  r.line = rec.line;
  r.action = std::move(action);
  r.account_name = printable(key);
  r.outcome = model::outcome::invalid;
  r.errors.push_back({std::move(code), std::move(message), std::move(target)});
  return out;
}

resource_rows::resource_rows(const std::vector<input_spec>& inputs, resource_rows_config config,
                             engine::report_sink& invalid)
    : config_(std::move(config)), invalid_(invalid) {
  for (const auto& in : inputs) readers_.push_back(io::open_reader(in.path, in.format, config_.csv));
}

model::report_row resource_rows::row_for(const resource_task& task) const {
  model::report_row row;
  row.file = task.file;
  row.line = task.line;
  row.action = config_.action;
  row.account_name = task.key;
  row.record = task.id.record;
  row.record_digest = task.id.digest;
  return row;
}

std::optional<resource_task> resource_rows::next() {
  // Bounded by the input: every pass consumes one record or finishes one file.
  while (current_ < readers_.size()) {
    auto rec = readers_[current_]->next();
    if (!rec) {
      readers_[current_].reset();
      ++current_;
      continue;
    }
    const record_identity id = positions_.next(*rec);
    // Converted and checked for duplicates before the resume decision: a finished row's key
    // still counts, so a duplicate of it is refused as a fresh run refuses it.
    std::optional<std::variant<resource_task, invalid_row>> checked;
    if (!rec->error.empty())
      checked = invalid_resource(*rec, config_.action, "", std::string(unreadable_record_code), rec->error, "");
    else checked = config_.convert(*rec);
    if (auto* task = std::get_if<resource_task>(&*checked)) {
      std::string key = task->key;
      if (config_.case_insensitive_key)
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      const std::string here = task->file + ":" + std::to_string(task->line) +
                               (id.record > 1 ? " (record " + std::to_string(id.record) + ")" : "");
      auto [it, fresh] = seen_.emplace(std::move(key), here);
      if (!fresh) {
        // Two writes of one resource in one run would race each other.
        checked = invalid_resource(*rec, config_.action, task->key, config_.duplicate_code,
                                   "duplicate of " + it->second + " (" + config_.key_name + " " + task->key +
                                       " appears more than once in this run)",
                                   config_.key_name);
      }
    }
    if (matcher_) {
      if (auto done = matcher_->unchanged(*rec, id, 0, false)) {
        // Finished by an earlier run of this report: its row is already there.
        ++rows_resumed_;
        if (resumed_stats_) resumed_stats_->count(done->outcome);
        continue;
      }
    }
    if (auto* bad = std::get_if<invalid_row>(&*checked)) {
      bad->row.action = config_.action;
      bad->row.record = id.record;
      bad->row.record_digest = id.digest;
      invalid_.write(bad->row);
      continue;
    }
    auto& task = std::get<resource_task>(*checked);
    task.id = id;
    return std::move(task);
  }
  return std::nullopt;
}

void resource_rows::drain_as_skipped(const std::string& reason) {
  while (auto task = next()) {
    model::report_row row = row_for(*task);
    model::apply(row, model::not_attempted(reason));
    invalid_.write(row);
  }
}

}  // namespace acgprov::jobs
