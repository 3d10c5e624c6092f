#pragma once
// Duplicate detection across a whole run: a number given twice (in any file, any action)
// makes the later row invalid, since the two writes would race in the engine. Sized for
// millions of numbers: 12 bytes a slot at a load of 68 to 85 %, about 17 MB at 1,000,000
// numbers, and it grows a 256th at a time, never through a transient double of the whole.
#include "engine/number_task.hpp"
#include "jobs/input/number_row.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

// An open-addressing hash set of E.164 numbers (the digits as one integer: at most 15 digits,
// never a leading 0, so the value is unique and never 0), each with where it was first seen.
// 256 shards by hash, each its own linear-probing table: a shard that fills grows alone by a
// quarter, so the set never holds more than one shard's old and new arrays at once.
class number_seen {
public:
  struct first_seen {
    std::uint32_t file_index = 0;
    std::uint64_t line = 0;  // 0 if the line was past 2^32-1 (not stored)
  };
  static constexpr std::uint32_t max_files = 1u << 14;
  static constexpr std::size_t shard_count = 256;
  static constexpr std::size_t slot_bytes = sizeof(std::uint64_t) + sizeof(std::uint32_t);

  // `expected`: numbers to make room for at once (none needed; the set grows).
  explicit number_seen(std::size_t expected = 0);

  // Records `e164` (checked by is_e164) as first seen at file_index:line, or, if it was seen
  // before, returns where and records nothing. Throws std::invalid_argument if `e164` is not
  // E.164 or file_index >= max_files.
  std::optional<first_seen> insert(std::string_view e164, std::uint32_t file_index, std::uint64_t line);

  std::size_t size() const { return size_; }
  // Slots over all shards.
  std::size_t capacity() const { return capacity_; }
  // Heap bytes held by the tables now, and the most they ever held at once (a shard's growth
  // holds its old and new arrays for a moment).
  std::size_t memory_bytes() const { return capacity_ * slot_bytes; }
  std::size_t peak_memory_bytes() const { return peak_bytes_; }

private:
  struct shard {
    // Structure of arrays: 8 + 4 bytes a slot, no padding. keys holds the number in the low 50
    // bits and the file index in the high 14; 0 marks an empty slot.
    std::unique_ptr<std::uint64_t[]> keys;
    std::unique_ptr<std::uint32_t[]> lines;
    std::size_t capacity = 0;  // any size: slots are picked by multiply-shift, not a mask
    std::size_t size = 0;
  };
  void allocate(shard& s, std::size_t capacity);
  void grow(shard& s);

  std::array<shard, shard_count> shards_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::size_t peak_bytes_ = 0;
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
