#include "jobs/report/resume.hpp"

#include "io/report_reader.hpp"
#include "io/report_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace acgprov::jobs {

namespace {
constexpr unsigned outcome_bits = 4;
static_assert(static_cast<unsigned>(model::outcome::unchanged) < (1u << outcome_bits));

model::outcome outcome_of(std::uint64_t key) { return static_cast<model::outcome>(key & ((1u << outcome_bits) - 1)); }
std::uint64_t line_of(std::uint64_t key) { return key >> outcome_bits; }

std::runtime_error io_failure(const std::string& path, const std::string& what) {
  return std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

// The directory of `path` ("." for a bare name), for the fsync that makes a rename durable.
std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}
}  // namespace

bool finishes_row(model::outcome o) {
  return o != model::outcome::skipped && o != model::outcome::error && o != model::outcome::timeout &&
         o != model::outcome::planned;
}

std::uint64_t number_key(std::string_view e164) {
  if (e164.size() < 2 || e164.size() > 16 || e164[0] != '+') return 0;
  std::uint64_t n = 0;
  for (char c : e164.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

finished_rows::file_rows& finished_rows::rows_of(std::string_view file) {
  if (last_ < files_.size() && files_[last_].file == file) return files_[last_];
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].file == file) {
      last_ = i;
      return files_[i];
    }
  files_.push_back({std::string(file), {}, {}, {}, {}, {}});
  last_ = files_.size() - 1;
  return files_.back();
}

const finished_rows::file_rows* finished_rows::find_file(std::string_view file) const {
  if (last_ < files_.size() && files_[last_].file == file) return &files_[last_];
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].file == file) {
      last_ = i;
      return &files_[i];
    }
  return nullptr;
}

void finished_rows::add(std::string_view file, std::uint64_t line, model::outcome outcome, std::uint64_t number,
                        std::uint64_t record, std::uint64_t digest) {
  const auto rec = static_cast<std::uint32_t>(std::clamp<std::uint64_t>(record, 1, UINT32_MAX));
  rows_of(file).added.push_back({line, number, digest, added_++, rec, outcome});
}

std::vector<std::uint64_t> finished_rows::seal() {
  size_ = 0;
  std::vector<std::uint64_t> last_rows;
  for (auto& f : files_) {
    // Stable by (line, record): among the rows of one record, report order is kept, so the
    // last is final.
    std::stable_sort(f.added.begin(), f.added.end(), [](const pending& a, const pending& b) {
      return a.line != b.line ? a.line < b.line : a.record < b.record;
    });
    for (std::size_t i = 0; i < f.added.size(); ++i) {
      const auto& p = f.added[i];
      const bool last_of_record =
          i + 1 == f.added.size() || f.added[i + 1].line != p.line || f.added[i + 1].record != p.record;
      if (!last_of_record) continue;
      last_rows.push_back(p.index);
      if (!finishes_row(p.outcome)) continue;
      f.keys.push_back(p.line << outcome_bits | static_cast<std::uint64_t>(p.outcome));
      f.records.push_back(p.record);
      f.numbers.push_back(p.number);
      f.digests.push_back(p.digest);
    }
    std::vector<pending>().swap(f.added);
    f.keys.shrink_to_fit();
    f.records.shrink_to_fit();
    f.numbers.shrink_to_fit();
    f.digests.shrink_to_fit();
    size_ += f.keys.size();
  }
  std::sort(last_rows.begin(), last_rows.end());
  return last_rows;
}

std::optional<finished_rows::entry> finished_rows::find(std::string_view file, std::uint64_t line,
                                                        std::uint64_t record) const {
  const auto* f = find_file(file);
  if (!f) return std::nullopt;
  // Binary search over the parallel vectors, ordered by (line, record).
  std::size_t lo = 0, hi = f->keys.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const auto l = line_of(f->keys[mid]);
    if (l < line || (l == line && f->records[mid] < record)) lo = mid + 1;
    else hi = mid;
  }
  if (lo == f->keys.size() || line_of(f->keys[lo]) != line || f->records[lo] != record) return std::nullopt;
  return entry{outcome_of(f->keys[lo]), f->numbers[lo], f->digests[lo]};
}

std::size_t finished_rows::memory_bytes() const {
  std::size_t n = 0;
  for (const auto& f : files_)
    n += (f.keys.capacity() + f.numbers.capacity() + f.digests.capacity()) * sizeof(std::uint64_t) +
         f.records.capacity() * sizeof(std::uint32_t) + f.file.size();
  return n;
}

resume_point read_resume_point(const std::string& path) {
  resume_point p;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || st.st_size == 0) {
    p.finished.seal();
    return p;  // nothing written yet: a fresh run
  }
  p.report_exists = true;
  io::report_reader reader(path);
  bool old_header = false;
  while (auto row = reader.next()) {
    ++p.report_rows;
    if (row->record_digest == 0) ++p.rows_without_digest;
    p.finished.add(row->file, row->line, row->outcome, number_key(row->telephone_number), row->record,
                   row->record_digest);
  }
  // A CSV header of an older version lacks the newer columns: this version cannot append to it.
  old_header = reader.format() == io::report_format::csv && !reader.has_every_column();
  p.torn = reader.torn();
  p.valid_bytes = reader.valid_bytes();
  p.repaired_lines = reader.repaired_lines();
  p.last_rows = p.finished.seal();
  p.rewrite_needed = p.last_rows.size() < p.report_rows || p.repaired_lines > 0 || old_header;
  return p;
}

bool holds_real_run(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || st.st_size == 0) return false;
  io::report_reader reader(path);
  while (auto row = reader.next())
    if (row->outcome != model::outcome::planned && row->outcome != model::outcome::invalid) return true;
  return false;
}

void compact_journal(const std::string& path, resume_point& p) {
  const std::string temp = path + ".compact";
  std::uint64_t kept = 0;
  try {
    io::report_writer_options fresh;
    fresh.format = io::report_format_from_path(path);
    io::report_writer out(temp, fresh);
    io::report_reader in(path);
    std::uint64_t index = 0;
    auto next_kept = p.last_rows.begin();
    while (auto row = in.next()) {
      if (next_kept != p.last_rows.end() && *next_kept == index) {
        out.write(*row);
        ++next_kept;
        ++kept;
      }
      ++index;
    }
    out.sync_all();
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const auto e = io_failure(path, "cannot rename " + temp + " to it");
    ::unlink(temp.c_str());
    throw e;
  }
  // The rename is durable only once the directory entry is on disk.
  const std::string dir = directory_of(path);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_failure(dir, "cannot open the report's directory to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw io_failure(dir, "cannot sync the report's directory");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw io_failure(path, "cannot stat");
  p.report_rows = kept;
  p.valid_bytes = static_cast<std::uint64_t>(st.st_size);
  p.last_rows.clear();
  p.last_rows.shrink_to_fit();
  p.rewrite_needed = false;
}

}  // namespace acgprov::jobs
