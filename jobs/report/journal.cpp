#include "jobs/report/journal.hpp"

#include "io/log.hpp"

#include <stdexcept>

namespace acgprov::jobs {

journal::journal(std::string path, engine::run_stats& stats, resume_point* resume)
    : path_(std::move(path)), stats_(stats), resume_(resume) {}

void journal::open() {
  io::report_writer_options w;
  if (resume_ && resume_->report_exists) {
    if (resume_->rewrite_needed) {
      const auto before = resume_->report_rows;
      compact_journal(path_, *resume_);
      io::log::info("resume_compacted",
                    "resume: " + path_ + " compacted from " + std::to_string(before) + " to " +
                        std::to_string(resume_->report_rows) + " rows (the last row of each input row)",
                    {{"report", path_}, {"rowsBefore", before}, {"rowsAfter", resume_->report_rows}});
    }
    w.append = true;
    w.truncate_to = resume_->valid_bytes;  // a torn last line (a crash) is cut off
  }
  writer_ = std::make_unique<io::report_writer>(path_, w);
}

void journal::write(const model::report_row& row) {
  if (!writer_) throw std::logic_error("journal: a report row before the report was opened");
  writer_->write(row);
  stats_.count(row.outcome);
}

void journal::sync() {
  if (writer_) writer_->sync();
}

}  // namespace acgprov::jobs
