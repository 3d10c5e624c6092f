#include "jobs/input/number_seen.hpp"

#include "jobs/input/number_rules.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

constexpr int number_bits = 50;  // 10^15 - 1 < 2^50
constexpr std::uint64_t number_mask = (std::uint64_t{1} << number_bits) - 1;
constexpr std::size_t initial_shard_capacity = 16;

// MurmurHash3's finaliser (a bijection of 64-bit values): numbers of a batch are consecutive,
// and a weak hash would cluster them into long probe runs.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// The top 8 bits of the hash pick the shard, the other 56 the home slot in it.
std::size_t shard_of(std::uint64_t hash) { return static_cast<std::size_t>(hash >> 56); }
std::size_t home_slot(std::uint64_t hash, std::size_t capacity) {
  return static_cast<std::size_t>((static_cast<unsigned __int128>(hash << 8) * capacity) >> 64);
}

// At most 85 % full: linear probing stays short (about 23 probes for a new number at the
// limit, 4 for a known one); growing by a quarter leaves it at least 68 % full.
bool over_load(std::size_t size, std::size_t capacity) { return size * 20 > capacity * 17; }
std::size_t grown(std::size_t capacity) { return capacity + capacity / 4 + 1; }

}  // namespace

number_seen::number_seen(std::size_t expected) {
  const std::size_t per_shard = expected / shard_count + 1;
  std::size_t capacity = initial_shard_capacity;
  while (over_load(per_shard, capacity)) capacity = grown(capacity);
  for (auto& s : shards_) allocate(s, capacity);
  peak_bytes_ = memory_bytes();
}

void number_seen::allocate(shard& s, std::size_t capacity) {
  s.keys = std::make_unique<std::uint64_t[]>(capacity);
  s.lines = std::make_unique<std::uint32_t[]>(capacity);
  capacity_ = capacity_ - s.capacity + capacity;
  s.capacity = capacity;
}

void number_seen::grow(shard& s) {
  const std::size_t old_capacity = s.capacity;
  auto old_keys = std::move(s.keys);
  auto old_lines = std::move(s.lines);
  allocate(s, grown(old_capacity));
  peak_bytes_ = std::max(peak_bytes_, memory_bytes() + old_capacity * slot_bytes);
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old_keys[i] == 0) continue;
    std::size_t slot = home_slot(mix(old_keys[i] & number_mask), s.capacity);
    while (s.keys[slot] != 0) slot = slot + 1 == s.capacity ? 0 : slot + 1;
    s.keys[slot] = old_keys[i];
    s.lines[slot] = old_lines[i];
  }
}

std::optional<number_seen::first_seen> number_seen::insert(std::string_view e164, std::uint32_t file_index,
                                                           std::uint64_t line) {
  if (!is_e164(e164)) throw std::invalid_argument("number_seen: not E.164: " + std::string(e164));
  if (file_index >= max_files) throw std::invalid_argument("number_seen: more than 16384 input files");
  std::uint64_t number = 0;
  for (char c : e164.substr(1)) number = number * 10 + static_cast<std::uint64_t>(c - '0');

  const std::uint64_t hash = mix(number);
  shard& s = shards_[shard_of(hash)];
  if (over_load(s.size + 1, s.capacity)) grow(s);
  std::size_t slot = home_slot(hash, s.capacity);
  while (s.keys[slot] != 0) {
    if ((s.keys[slot] & number_mask) == number)
      return first_seen{static_cast<std::uint32_t>(s.keys[slot] >> number_bits), s.lines[slot]};
    slot = slot + 1 == s.capacity ? 0 : slot + 1;
  }
  s.keys[slot] = number | (std::uint64_t{file_index} << number_bits);
  s.lines[slot] = line > std::numeric_limits<std::uint32_t>::max() ? 0 : static_cast<std::uint32_t>(line);
  ++s.size;
  ++size_;
  return std::nullopt;
}

std::uint32_t duplicate_filter::file_index(const std::string& file) {
  // Tasks come file after file: the last name matches almost always.
  if (!files_.empty() && files_.back() == file) return static_cast<std::uint32_t>(files_.size() - 1);
  const auto it = std::find(files_.begin(), files_.end(), file);
  if (it != files_.end()) return static_cast<std::uint32_t>(it - files_.begin());
  files_.push_back(file);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::optional<invalid_row> duplicate_filter::check(const engine::number_task& task) {
  const auto first = seen_.insert(task.number, file_index(task.file), task.line);
  if (!first) return std::nullopt;
  return duplicate_row(task, files_[first->file_index], first->line);
}

}  // namespace acgprov::jobs
