#pragma once
// The run's report: writes each finished row at once and counts its outcome.
#include "engine/pipeline.hpp"
#include "engine/run_stats.hpp"
#include "io/report_writer.hpp"

namespace acgprov::jobs {

class counting_report_sink final : public engine::report_sink {
public:
  counting_report_sink(io::report_writer& writer, engine::run_stats& stats) : writer_(writer), stats_(stats) {}
  void write(const model::report_row& row) override {
    writer_.write(row);
    stats_.count(row.outcome);
  }

private:
  io::report_writer& writer_;
  engine::run_stats& stats_;
};

}  // namespace acgprov::jobs
