#pragma once
// One run per report: an exclusive lock on REPORT.lock, taken before anything is read or sent,
// so that a scheduler's overlapping run (yesterday's still going, a retry fired twice) is
// refused at once instead of writing the same report and the same numbers twice.
#include <optional>
#include <string>

namespace acgprov::jobs {

class run_lock {
public:
  // Locks `report_path` + ".lock" (created if missing). Returns nullopt if another process
  // holds it; `holder` then says who ("pid 1234, started 2025-01-31T02:00:00Z" as that process
  // wrote it). Throws std::runtime_error naming the file if it cannot be created or locked.
  static std::optional<run_lock> acquire(const std::string& report_path, std::string& holder);

  run_lock(run_lock&& other) noexcept;
  run_lock& operator=(run_lock&& other) noexcept;
  run_lock(const run_lock&) = delete;
  ~run_lock();  // releases the lock; the file stays (removing it would race a waiting run)

  const std::string& path() const { return path_; }

private:
  run_lock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

}  // namespace acgprov::jobs
