#pragma once
// The run's report as its journal: opened last, once every check that can fail has passed
// (inputs, options, CA file, endpoint, a token), so a refused run leaves last night's report
// byte for byte as it was. With --resume it is first compacted (one row per input row) and
// then appended to. Every row written carries its record identity (from its task) and is counted.
#include "engine/number_task.hpp"
#include "engine/pipeline.hpp"
#include "engine/run_stats.hpp"
#include "io/report_writer.hpp"
#include "jobs/input/record_identity.hpp"
#include "jobs/report/resume.hpp"

#include <memory>
#include <string>

namespace acgprov::jobs {

class journal final : public engine::report_sink {
public:
  // `resume` (nullptr for a fresh run) and `stats` must outlive this object.
  journal(std::string path, engine::run_stats& stats, resume_point* resume);

  // Opens the report: a fresh run truncates it; a resumed one compacts it if that drops rows
  // (written aside, fsync'ed, renamed, directory fsync'ed) and appends after its last whole
  // row. Throws std::runtime_error naming the file.
  void open();
  bool is_open() const { return writer_ != nullptr; }

  // Writes one row and counts its outcome. Only after open(): rows before it are a bug.
  void write(const model::report_row& row) override;
  // fdatasync of what was written; nothing when not open.
  void sync();

  const std::string& path() const { return path_; }

private:
  std::string path_;
  engine::run_stats& stats_;
  resume_point* resume_;
  std::unique_ptr<io::report_writer> writer_;
};

}  // namespace acgprov::jobs
