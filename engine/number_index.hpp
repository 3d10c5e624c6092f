#pragma once
// A map from E.164 numbers to a 14-bit tag and a 32-bit value, sized for millions of numbers:
// 12 bytes a slot at a load of 68 to 85 %, about 17 MB at 1,000,000 numbers. 256 shards by
// hash, each its own linear-probing table: a shard that fills grows alone by a quarter, so the
// map never holds more than one shard's old and new arrays at once. It serves the input's
// duplicate check (tag: file, value: line) and the rows the sync watch holds (tag: the row's
// state, value: where the rest of the row is kept).
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::engine {

class number_index {
public:
  static constexpr int number_bits = 50;  // 10^15 - 1 < 2^50
  static constexpr std::uint32_t tag_limit = 1u << 14;
  static constexpr std::size_t shard_count = 256;
  static constexpr std::size_t slot_bytes = sizeof(std::uint64_t) + sizeof(std::uint32_t);

  // engine::e164_key and e164_text (engine/e164_key.hpp), the keys this map takes.
  static std::optional<std::uint64_t> key_of(std::string_view e164);
  static std::string text_of(std::uint64_t key);

  struct entry {
    std::uint64_t key = 0;
    std::uint32_t tag = 0;
    std::uint32_t value = 0;
  };

  // `expected`: numbers to make room for at once (none needed; the map grows).
  explicit number_index(std::size_t expected = 0);

  // Adds `key` (from key_of) with `tag` (< tag_limit) and `value`; if it is there already,
  // changes nothing and returns what it holds.
  std::optional<entry> insert(std::uint64_t key, std::uint32_t tag, std::uint32_t value);
  std::optional<entry> find(std::uint64_t key) const;
  // Sets the tag and value of a key that is there; false if it is not.
  bool update(std::uint64_t key, std::uint32_t tag, std::uint32_t value);
  // Removes `key`; false if it was not there. Linear probing with backward shifts: no tombstones.
  bool erase(std::uint64_t key);

  // Calls f(entry&) for every entry; f may change the entry's tag and value (not its key), and
  // must not insert or erase.
  template <class F>
  void for_each(F&& f) {
    for (auto& s : shards_)
      for (std::size_t i = 0; i < s.capacity; ++i) {
        if (s.keys[i] == 0) continue;
        entry e{s.keys[i] & number_mask, static_cast<std::uint32_t>(s.keys[i] >> number_bits), s.values[i]};
        f(e);
        s.keys[i] = (s.keys[i] & number_mask) | (std::uint64_t{e.tag} << number_bits);
        s.values[i] = e.value;
      }
  }

  std::size_t size() const { return size_; }
  // Slots over all shards.
  std::size_t capacity() const { return capacity_; }
  // Heap bytes held by the tables now, and the most they ever held at once (a shard's growth
  // holds its old and new arrays for a moment).
  std::size_t memory_bytes() const { return capacity_ * slot_bytes; }
  std::size_t peak_memory_bytes() const { return peak_bytes_; }

private:
  static constexpr std::uint64_t number_mask = (std::uint64_t{1} << number_bits) - 1;
  struct shard {
    // Structure of arrays: 8 + 4 bytes a slot, no padding. keys holds the number in the low 50
    // bits and the tag in the high 14; 0 marks an empty slot.
    std::unique_ptr<std::uint64_t[]> keys;
    std::unique_ptr<std::uint32_t[]> values;
    std::size_t capacity = 0;  // any size: slots are picked by multiply-shift, not a mask
    std::size_t size = 0;
  };
  struct place {
    std::size_t shard;
    std::size_t slot;
    bool found;
  };
  place locate(std::uint64_t key) const;
  void allocate(shard& s, std::size_t capacity);
  void grow(shard& s);

  std::array<shard, shard_count> shards_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::size_t peak_bytes_ = 0;
};

}  // namespace acgprov::engine
