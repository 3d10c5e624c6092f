#pragma once
// --resume: the report is the run's journal. Reading it back gives the input rows that are
// finished, keyed by (file as named on the command line, line, record: its index among the
// records that start on that line): a row is finished when its LAST report row has an
// outcome other than skipped, error, timeout or planned. A finished row is skipped only
// while its record is unchanged (the row's recordDigest matches the record's digest now);
// an edited or fixed record is processed again. Rows of reports written before recordDigest
// existed compare by telephone number (number rows) or are taken as unchanged (accounts,
// RFIs), as those versions did.
//
// Rows that were in flight when the earlier run died have no row, or an `error`/`skipped`
// one, so they are processed again. That is safe: an upsert is an idempotent PUT (or batch
// createOrUpdate) of the same resource, a delete of an absent number counts as `deleted`, and
// the plan (on by default) reads the account first, so a write that did land is reported
// `unchanged` (or watched, if its sync is still pending) instead of being sent again.
//
// Compact for millions of rows: 28 bytes per finished row (line + outcome, record, number,
// digest), in sorted vectors per file, looked up by binary search.
#include "model/report_row.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::jobs {

// Whether a row whose last outcome is `o` is done for good (not tried again by --resume).
// `planned` (a dry run's word) never is: nothing was sent.
bool finishes_row(model::outcome o);

// A telephone number as an integer ("+14255550100" -> 14255550100); 0 if it is not "+" and
// 1 to 15 digits. Used to notice an input changed under a resumed report.
std::uint64_t number_key(std::string_view e164);

class finished_rows {
public:
  struct entry {
    model::outcome outcome;
    std::uint64_t number;  // number_key of the row's telephoneNumber; 0 if unknown
    std::uint64_t digest;  // the row's recordDigest; 0 if the report had none
  };

  // Adds one report row, in report order (a later row of the same file, line and record
  // replaces an earlier one). Record 0 (a report without the column) counts as record 1.
  // Only before seal().
  void add(std::string_view file, std::uint64_t line, model::outcome outcome, std::uint64_t number,
           std::uint64_t record = 1, std::uint64_t digest = 0);
  // Keeps the last row of each (file, line, record), drops the unfinished ones, sorts for
  // lookups. Returns the report-order indexes (0-based, in order) of those last rows, finished
  // or not: what a compacted journal keeps.
  std::vector<std::uint64_t> seal();

  // The finished row at file:line (record `record`), if any. After seal().
  std::optional<entry> find(std::string_view file, std::uint64_t line, std::uint64_t record = 1) const;

  std::uint64_t size() const { return size_; }  // finished rows, after seal()
  std::size_t memory_bytes() const;

private:
  struct pending {
    std::uint64_t line;
    std::uint64_t number;
    std::uint64_t digest;
    std::uint64_t index;  // in report order
    std::uint32_t record;
    model::outcome outcome;
  };
  struct file_rows {
    std::string file;
    std::vector<pending> added;          // before seal()
    std::vector<std::uint64_t> keys;     // line << 4 | outcome; sorted by (line, record) once sealed
    std::vector<std::uint32_t> records;  // parallel to keys
    std::vector<std::uint64_t> numbers;
    std::vector<std::uint64_t> digests;
  };
  file_rows& rows_of(std::string_view file);
  const file_rows* find_file(std::string_view file) const;

  std::vector<file_rows> files_;  // few files: a linear search, with the last hit cached
  mutable std::size_t last_ = 0;
  std::uint64_t size_ = 0;
  std::uint64_t added_ = 0;
};

struct resume_point {
  bool report_exists = false;
  finished_rows finished;
  std::uint64_t report_rows = 0;  // complete rows read
  std::uint64_t valid_bytes = 0;  // where the writer cuts before appending
  bool torn = false;              // the report ended in half a line (a crash): it is cut off
  // Report-order indexes of the last row of each input row (compact_journal keeps those).
  std::vector<std::uint64_t> last_rows;
  bool rewrite_needed = false;            // compacting would drop rows, or the CSV header is older
  std::uint64_t rows_without_digest = 0;  // rows of an older version (no recordDigest)
  std::uint64_t repaired_lines = 0;       // lines that were not UTF-8 (read with U+FFFD)
};

// Reads the report at `path` (no file, or an empty one: a fresh run). Throws
// std::runtime_error naming the file and line, and how to repair it, if it is not an acgprov
// report.
resume_point read_resume_point(const std::string& path);

// Whether the report at `path` holds rows of a real run (anything but `planned` and
// `invalid`, a dry run's words). False when there is no report. Throws like
// read_resume_point.
bool holds_real_run(const std::string& path);

// Rewrites the report at `path` keeping only the rows `p.last_rows` names, re-encoded in
// this version's format: written to PATH.compact, fsync'ed, renamed over PATH, and the
// directory fsync'ed, so a crash leaves either the old journal or the new one. The caller
// holds the report's lock. Afterwards `p` describes the new file. Throws std::runtime_error
// naming the file.
void compact_journal(const std::string& path, resume_point& p);

}  // namespace acgprov::jobs
