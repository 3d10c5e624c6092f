#pragma once
// Duplicate detection across a whole run: a number given twice (in any file, any action)
// makes the later row invalid, since the two writes would race in the engine. Sized for
// millions of numbers: 12 bytes a slot at a load of 68 to 85 %, about 17 MB at 1,000,000
// numbers, and it grows a 256th at a time, never through a transient double of the whole.
#include "engine/number_index.hpp"
#include "engine/number_task.hpp"
#include "jobs/input/number_row.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  static constexpr std::uint32_t max_files = engine::number_index::tag_limit;
  static constexpr std::size_t shard_count = engine::number_index::shard_count;
  static constexpr std::size_t slot_bytes = engine::number_index::slot_bytes;

  // `expected`: numbers to make room for at once (none needed; the set grows).
  explicit number_seen(std::size_t expected = 0) : index_(expected) {}

  // Records `e164` (checked by is_e164) as first seen at file_index:line, or, if it was seen
  // before, returns where and records nothing. Throws std::invalid_argument if `e164` is not
  // E.164 or file_index >= max_files.
  std::optional<first_seen> insert(std::string_view e164, std::uint32_t file_index, std::uint64_t line);

  std::size_t size() const { return index_.size(); }
  // Slots over all shards.
  std::size_t capacity() const { return index_.capacity(); }
  // Heap bytes held by the tables now, and the most they ever held at once (a shard's growth
  // holds its old and new arrays for a moment).
  std::size_t memory_bytes() const { return index_.memory_bytes(); }
  std::size_t peak_memory_bytes() const { return index_.peak_memory_bytes(); }

private:
  engine::number_index index_;
};

// number_seen with file names: what the run's reading loop calls for each valid task.
class duplicate_filter {
public:
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
