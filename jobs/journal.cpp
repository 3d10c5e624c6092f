#include "jobs/journal.hpp"

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

std::string journal::stamp_key(std::string_view file, std::uint64_t line, std::string_view number) {
  std::string key;
  key.reserve(file.size() + number.size() + 22);
  key.append(file).push_back('\x1f');
  key.append(std::to_string(line)).push_back('\x1f');
  key.append(number);
  return key;
}

void journal::remember(const engine::number_task& task, const record_identity& id) {
  stamps_[stamp_key(task.file, task.line, task.number)] = id;
}

void journal::write(const model::report_row& row) {
  if (!writer_) throw std::logic_error("journal: a report row before the report was opened");
  if (row.record == 0 && !stamps_.empty()) {
    auto it = stamps_.find(stamp_key(row.file, row.line, row.telephone_number));
    if (it != stamps_.end()) {
      model::report_row stamped = row;
      stamped.record = it->second.record;
      stamped.record_digest = it->second.digest;
      stamps_.erase(it);
      writer_->write(stamped);
      stats_.count(row.outcome);
      return;
    }
  }
  writer_->write(row);
  stats_.count(row.outcome);
}

void journal::sync() {
  if (writer_) writer_->sync();
}

}  // namespace acgprov::jobs
