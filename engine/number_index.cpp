#include "engine/number_index.hpp"

#include "engine/e164_key.hpp"

#include <algorithm>
#include <stdexcept>

namespace acgprov::engine {

namespace {

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

std::optional<std::uint64_t> number_index::key_of(std::string_view e164) { return e164_key(e164); }

std::string number_index::text_of(std::uint64_t key) { return e164_text(key); }

number_index::number_index(std::size_t expected) {
  const std::size_t per_shard = expected / shard_count + 1;
  std::size_t capacity = initial_shard_capacity;
  while (over_load(per_shard, capacity)) capacity = grown(capacity);
  for (auto& s : shards_) allocate(s, capacity);
  peak_bytes_ = memory_bytes();
}

void number_index::allocate(shard& s, std::size_t capacity) {
  s.keys = std::make_unique<std::uint64_t[]>(capacity);
  s.values = std::make_unique<std::uint32_t[]>(capacity);
  capacity_ = capacity_ - s.capacity + capacity;
  s.capacity = capacity;
}

void number_index::grow(shard& s) {
  const std::size_t old_capacity = s.capacity;
  auto old_keys = std::move(s.keys);
  auto old_values = std::move(s.values);
  allocate(s, grown(old_capacity));
  peak_bytes_ = std::max(peak_bytes_, memory_bytes() + old_capacity * slot_bytes);
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old_keys[i] == 0) continue;
    std::size_t slot = home_slot(mix(old_keys[i] & number_mask), s.capacity);
    while (s.keys[slot] != 0) slot = slot + 1 == s.capacity ? 0 : slot + 1;
    s.keys[slot] = old_keys[i];
    s.values[slot] = old_values[i];
  }
}

number_index::place number_index::locate(std::uint64_t key) const {
  const std::uint64_t hash = mix(key);
  const std::size_t which = shard_of(hash);
  const shard& s = shards_[which];
  std::size_t slot = home_slot(hash, s.capacity);
  // Bounded: the shard is never full (over_load), so an empty slot ends the probe.
  while (s.keys[slot] != 0) {
    if ((s.keys[slot] & number_mask) == key) return {which, slot, true};
    slot = slot + 1 == s.capacity ? 0 : slot + 1;
  }
  return {which, slot, false};
}

std::optional<number_index::entry> number_index::insert(std::uint64_t key, std::uint32_t tag, std::uint32_t value) {
  if (key == 0 || key > number_mask) throw std::invalid_argument("number_index: not a number key");
  if (tag >= tag_limit) throw std::invalid_argument("number_index: tag out of range");
  if (auto found = find(key)) return found;
  shard& grown_shard = shards_[shard_of(mix(key))];
  if (over_load(grown_shard.size + 1, grown_shard.capacity)) grow(grown_shard);
  const auto at = locate(key);
  shard& s = shards_[at.shard];
  s.keys[at.slot] = key | (std::uint64_t{tag} << number_bits);
  s.values[at.slot] = value;
  ++s.size;
  ++size_;
  return std::nullopt;
}

std::optional<number_index::entry> number_index::find(std::uint64_t key) const {
  if (key == 0 || key > number_mask) return std::nullopt;
  const auto at = locate(key);
  if (!at.found) return std::nullopt;
  const shard& s = shards_[at.shard];
  return entry{key, static_cast<std::uint32_t>(s.keys[at.slot] >> number_bits), s.values[at.slot]};
}

bool number_index::update(std::uint64_t key, std::uint32_t tag, std::uint32_t value) {
  if (key == 0 || key > number_mask || tag >= tag_limit) return false;
  const auto at = locate(key);
  if (!at.found) return false;
  shard& s = shards_[at.shard];
  s.keys[at.slot] = key | (std::uint64_t{tag} << number_bits);
  s.values[at.slot] = value;
  return true;
}

bool number_index::erase(std::uint64_t key) {
  if (key == 0 || key > number_mask) return false;
  const auto at = locate(key);
  if (!at.found) return false;
  shard& s = shards_[at.shard];
  // Backward shift: each entry after the hole that may move to it does, so every probe from a
  // home slot still meets its key before an empty slot. Bounded by the run of full slots.
  std::size_t hole = at.slot;
  for (std::size_t j = hole + 1 == s.capacity ? 0 : hole + 1; s.keys[j] != 0; j = j + 1 == s.capacity ? 0 : j + 1) {
    const std::size_t home = home_slot(mix(s.keys[j] & number_mask), s.capacity);
    // The entry at j stays if its home lies cyclically in (hole, j].
    const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (stays) continue;
    s.keys[hole] = s.keys[j];
    s.values[hole] = s.values[j];
    hole = j;
  }
  s.keys[hole] = 0;
  s.values[hole] = 0;
  --s.size;
  --size_;
  return true;
}

}  // namespace acgprov::engine
