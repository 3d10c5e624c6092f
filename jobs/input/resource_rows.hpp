#pragma once
// The input rows of the commands that write one resource a row beside numbers: `accounts
// apply` (an AccountResource a row) and `rfi update` (a merge patch a row). Read across every
// input in order, checked by a converter, duplicates of a key refused: a refused row goes
// straight to the report as `invalid`, like a bad number row.
#include "engine/pipeline.hpp"
#include "engine/run_stats.hpp"
#include "io/record_reader.hpp"
#include "jobs/input/input_rows.hpp"
#include "jobs/input/number_row.hpp"
#include "jobs/input/record_identity.hpp"
#include "jobs/report/resume.hpp"
#include "jobs/report/resume_match.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace acgprov::jobs {

struct resource_task {
  std::string file;          // the input as named on the command line
  std::uint64_t line = 0;    // physical line where the record starts
  std::string key;           // account name | RFI tenant id: the report's accountName
  boost::json::object body;  // the AccountResource to PUT | the RFI merge patch
  std::string if_match;      // accounts: the row's `etag` (sent as If-Match); "" = none given
  record_identity id;        // the report's record and recordDigest (set by resource_rows)
};

using resource_converter = std::variant<resource_task, invalid_row> (*)(const io::input_record&);

struct resource_rows_config {
  io::csv_columns csv;                // the CSV columns of this kind of input
  resource_converter convert;         // record -> task or invalid row
  std::string action;                 // the report's action word ("upsert", "update")
  std::string duplicate_code;         // errors[0].code of a repeated key ("DuplicateAccount")
  std::string key_name;               // for messages ("name", "tenantId")
  bool case_insensitive_key = false;  // RFI tenant ids (GUIDs) match in any case
};

// The `invalid` report row for a record: identity columns, outcome invalid, one error.
invalid_row invalid_resource(const io::input_record& rec, std::string action, std::string key, std::string code,
                             std::string message, std::string target);

class resource_rows {
public:
  // Opens every input now (an unreadable one, or a CSV header with unknown columns, stops the
  // run before anything is sent): throws std::runtime_error naming the file.
  resource_rows(const std::vector<input_spec>& inputs, resource_rows_config config, engine::report_sink& invalid);

  // The next valid row, or nullopt at the end of the input.
  std::optional<resource_task> next();
  // After a stop: every row not yet handed out is reported `skipped` (refused rows `invalid`).
  void drain_as_skipped(const std::string& reason);

  // --resume: rows `finished` holds, whose record is unchanged since (resume_matcher), are
  // passed over, their earlier outcome counted in `stats`; their keys still count for the
  // duplicate check, as in a fresh run. Both must outlive this object.
  void skip_finished(const finished_rows* finished, engine::run_stats* stats) {
    if (finished) matcher_.emplace(*finished);
    resumed_stats_ = stats;
  }
  std::uint64_t rows_resumed() const { return rows_resumed_; }

  // The report row's identity columns for a task.
  model::report_row row_for(const resource_task& task) const;

private:
  std::vector<std::unique_ptr<io::record_reader>> readers_;
  std::size_t current_ = 0;
  resource_rows_config config_;
  engine::report_sink& invalid_;
  std::map<std::string, std::string> seen_;  // key -> "file:line" of its first row
  record_positions positions_;
  std::optional<resume_matcher> matcher_;
  engine::run_stats* resumed_stats_ = nullptr;
  std::uint64_t rows_resumed_ = 0;
};

}  // namespace acgprov::jobs
