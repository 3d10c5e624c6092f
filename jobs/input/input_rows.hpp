#pragma once
// The rows of every input file of a run, in order, as the engine pulls them: read, checked,
// duplicate numbers refused. A refused row goes straight to the report as `invalid`.
#include "engine/pipeline.hpp"
#include "io/record_reader.hpp"
#include "jobs/input/number_seen.hpp"
#include "jobs/input/record_identity.hpp"
#include "jobs/report/resume_match.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

class finished_rows;

struct input_spec {
  std::string path;  // as named on the command line
  io::input_format format;
};

class input_rows final : public engine::task_source {
public:
  // Opens every input now, so an unreadable one stops the run before anything is sent.
  // Throws std::runtime_error naming the file. `invalid` receives refused rows. `numbers`: the
  // run's table of numbers for the duplicate check (shared with the sync watch; it must outlive
  // this), or null for one of its own.
  input_rows(const std::vector<input_spec>& inputs, engine::report_sink& invalid,
             engine::run_numbers* numbers = nullptr);

  awaitable<std::optional<engine::number_task>> next() override;
  // The same, for callers that are not coroutines (dry run, draining after a stop).
  std::optional<engine::number_task> next_row();

  // After a stop: every row not yet handed out is reported `skipped` (refused rows still
  // `invalid`), so the report has a row for every input row.
  void drain_as_skipped(const std::string& reason);

  // --resume: rows `finished` holds (it must outlive this) are read, still count for duplicate
  // detection, but are neither handed out nor reported again; `on_resumed` gets each one's
  // outcome. A row whose record changed since its report row (resume_matcher) is processed.
  void skip_finished(const finished_rows* finished, std::function<void(model::outcome)> on_resumed);
  std::uint64_t rows_resumed() const { return rows_resumed_; }
  std::uint64_t rows_changed() const { return matcher_ ? matcher_->changed() : 0; }

private:
  std::optional<io::input_record> next_record();

  std::vector<std::unique_ptr<io::record_reader>> readers_;
  std::size_t current_ = 0;
  engine::report_sink& invalid_;
  duplicate_filter duplicates_;
  record_positions positions_;
  std::optional<resume_matcher> matcher_;
  std::function<void(model::outcome)> on_resumed_;
  std::uint64_t rows_resumed_ = 0;
};

}  // namespace acgprov::jobs
