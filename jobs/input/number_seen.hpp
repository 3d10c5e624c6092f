#pragma once
// Duplicate detection across a whole run: a number given twice (in any file, any action)
// makes the later row invalid, since the two writes would race in the engine. Sized for
// millions of numbers: 12 bytes a slot at a load of 68 to 85 %, about 17 MB at 1,000,000
// numbers, and it grows a 256th at a time, never through a transient double of the whole. In a
// real run the table is the run's (engine::run_numbers), shared with the sync watch.
#include "engine/number_index.hpp"
#include "engine/number_task.hpp"
#include "engine/run_numbers.hpp"
#include "jobs/input/number_row.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::jobs {

// The input's numbers (engine::number_index: the digits as one integer, never 0), each with
// where it was first seen: the file in the tag, the line in the value.
class number_seen {
public:
  struct first_seen {
    std::uint32_t file_index = 0;
    std::uint64_t line = 0;  // 0 if the line was past 2^32-1 (not stored)
  };
  static constexpr std::uint32_t max_files = engine::run_numbers::watched_tag;
  static constexpr std::size_t shard_count = engine::number_index::shard_count;
  static constexpr std::size_t slot_bytes = engine::number_index::slot_bytes;

  // A table of its own; `expected`: numbers to make room for at once (none needed; it grows).
  explicit number_seen(std::size_t expected = 0) : number_seen(make_own(expected), nullptr) {}
  // The run's table (it must outlive this); a table of its own if null.
  explicit number_seen(engine::run_numbers* shared) : number_seen(shared ? nullptr : make_own(0), shared) {}
  number_seen(const number_seen&) = delete;
  number_seen& operator=(const number_seen&) = delete;

  // Records `e164` (checked by is_e164) as first seen at file_index:line, or, if it was seen
  // before, returns where and records nothing. Throws std::invalid_argument if `e164` is not
  // E.164 or file_index >= max_files.
  std::optional<first_seen> insert(std::string_view e164, std::uint32_t file_index, std::uint64_t line);

  // Numbers in the table (with a shared one, the watch's too).
  std::size_t size() const { return numbers_.index.size(); }
  // Slots over all shards.
  std::size_t capacity() const { return numbers_.index.capacity(); }
  // Heap bytes held by the tables now, and the most they ever held at once (a shard's growth
  // holds its old and new arrays for a moment).
  std::size_t memory_bytes() const { return numbers_.index.memory_bytes(); }
  std::size_t peak_memory_bytes() const { return numbers_.index.peak_memory_bytes(); }

private:
  static std::unique_ptr<engine::run_numbers> make_own(std::size_t expected) {
    return std::make_unique<engine::run_numbers>(engine::run_numbers{engine::number_index(expected), {}});
  }
  number_seen(std::unique_ptr<engine::run_numbers> own, engine::run_numbers* shared)
      : own_(std::move(own)), numbers_(shared ? *shared : *own_) {}

  std::unique_ptr<engine::run_numbers> own_;
  engine::run_numbers& numbers_;
};

// number_seen with file names: what the run's reading loop calls for each valid task.
class duplicate_filter {
public:
  // The run's table (shared with the sync watch), or one of its own if null.
  explicit duplicate_filter(engine::run_numbers* shared = nullptr) : seen_(shared) {}

  // nullopt if task.number is new in this run (it is recorded); otherwise the invalid row
  // naming the first occurrence.
  std::optional<invalid_row> check(const engine::number_task& task);
  std::size_t size() const { return seen_.size(); }

private:
  std::uint32_t file_index(const std::string& file);

  number_seen seen_;
  std::vector<std::string> files_;
};

}  // namespace acgprov::jobs
