#pragma once
// --resume: the report is the run's journal. Reading it back gives the set of input rows that
// are finished, keyed by (file as named on the command line, line): a row is finished when its
// LAST report row has an outcome other than skipped, error or timeout. Those are not processed
// again; the others are (their earlier rows stay in the report, and the new row, appended
// after them, is the final one).
//
// Rows that were in flight when the earlier run died have no row, or an `error`/`skipped`
// one, so they are processed again. That is safe: an upsert is an idempotent PUT (or batch
// createOrUpdate) of the same resource, a delete of an absent number counts as `deleted`, and
// the plan (on by default) reads the account first, so a write that did land is reported
// `unchanged` (or watched, if its sync is still pending) instead of being sent again.
//
// Compact for millions of rows: 16 bytes per finished row (line + outcome, and the number),
// in sorted vectors per file, looked up by binary search.
#include "model/report_row.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::jobs {

// Whether a row whose last outcome is `o` is done for good (not tried again by --resume).
bool finishes_row(model::outcome o);

// A telephone number as an integer ("+14255550100" -> 14255550100); 0 if it is not "+" and
// 1 to 15 digits. Used to notice an input changed under a resumed report.
std::uint64_t number_key(std::string_view e164);

class finished_rows {
public:
  struct entry {
    model::outcome outcome;
    std::uint64_t number;  // number_key of the row's telephoneNumber; 0 if unknown
  };

  // Adds one report row, in report order (a later row of the same file and line replaces an
  // earlier one). Only before seal().
  void add(std::string_view file, std::uint64_t line, model::outcome outcome, std::uint64_t number);
  // Keeps the last row of each (file, line), drops the unfinished ones, sorts for lookups.
  void seal();

  // The finished row at file:line, if any. After seal().
  std::optional<entry> find(std::string_view file, std::uint64_t line) const;

  std::uint64_t size() const { return size_; }  // finished rows, after seal()
  std::size_t memory_bytes() const;

private:
  struct file_rows {
    std::string file;
    std::vector<std::uint64_t> keys;     // line << 4 | outcome; sorted by line once sealed
    std::vector<std::uint64_t> numbers;  // parallel to keys
  };
  file_rows& rows_of(std::string_view file);
  const file_rows* find_file(std::string_view file) const;

  std::vector<file_rows> files_;  // few files: a linear search, with the last hit cached
  mutable std::size_t last_ = 0;
  std::uint64_t size_ = 0;
};

struct resume_point {
  bool report_exists = false;
  finished_rows finished;
  std::uint64_t report_rows = 0;  // complete rows read
  std::uint64_t valid_bytes = 0;  // where the writer cuts before appending
  bool torn = false;              // the report ended in half a line (a crash): it is cut off
};

// Reads the report at `path` (no file, or an empty one: a fresh run). Throws
// std::runtime_error naming the file and line if it is not an acgprov report.
resume_point read_resume_point(const std::string& path);

}  // namespace acgprov::jobs
