#include "jobs/number_seen.hpp"

#include "jobs/number_rules.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

constexpr int number_bits = 50;  // 10^15 - 1 < 2^50
constexpr std::uint64_t number_mask = (std::uint64_t{1} << number_bits) - 1;
constexpr std::size_t initial_capacity = 1024;

// MurmurHash3's finaliser: numbers of a batch are consecutive, and a weak hash would cluster
// them into long probe runs.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

number_seen::number_seen(std::size_t expected) {
  capacity_ = initial_capacity;
  // Room for `expected` at the 3/4 load limit.
  while (capacity_ / 4 * 3 < expected) capacity_ *= 2;
  keys_ = std::make_unique<std::uint64_t[]>(capacity_);
  lines_ = std::make_unique<std::uint32_t[]>(capacity_);
}

std::size_t number_seen::slot_of(std::uint64_t number) const {
  return static_cast<std::size_t>(mix(number)) & (capacity_ - 1);
}

void number_seen::grow() {
  const std::size_t old_capacity = capacity_;
  auto old_keys = std::move(keys_);
  auto old_lines = std::move(lines_);
  capacity_ *= 2;
  keys_ = std::make_unique<std::uint64_t[]>(capacity_);
  lines_ = std::make_unique<std::uint32_t[]>(capacity_);
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old_keys[i] == 0) continue;
    std::size_t s = slot_of(old_keys[i] & number_mask);
    while (keys_[s] != 0) s = (s + 1) & (capacity_ - 1);
    keys_[s] = old_keys[i];
    lines_[s] = old_lines[i];
  }
}

std::optional<number_seen::first_seen> number_seen::insert(std::string_view e164,
                                                           std::uint32_t file_index,
                                                           std::uint64_t line) {
  if (!is_e164(e164)) throw std::invalid_argument("number_seen: not E.164: " + std::string(e164));
  if (file_index >= max_files) throw std::invalid_argument("number_seen: more than 16384 input files");
  std::uint64_t number = 0;
  for (char c : e164.substr(1)) number = number * 10 + static_cast<std::uint64_t>(c - '0');

  // Linear probing at a load of at most 3/4.
  if ((size_ + 1) * 4 > capacity_ * 3) grow();
  std::size_t s = slot_of(number);
  while (keys_[s] != 0) {
    if ((keys_[s] & number_mask) == number)
      return first_seen{static_cast<std::uint32_t>(keys_[s] >> number_bits), lines_[s]};
    s = (s + 1) & (capacity_ - 1);
  }
  keys_[s] = number | (std::uint64_t{file_index} << number_bits);
  lines_[s] = line > std::numeric_limits<std::uint32_t>::max() ? 0 : static_cast<std::uint32_t>(line);
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
