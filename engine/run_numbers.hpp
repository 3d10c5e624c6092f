#pragma once
// One table of a run's numbers, shared by the input's duplicate check and the sync watch: at
// 1,000,000 numbers each would otherwise hold its own 16 MB, and both hold every number when
// the writes end. The check records where a number was first seen (tag: the input file's index,
// value: its line). While the watch holds the row written for a number, the entry is the
// watch's (tag: watched_tag and up, value: the row's id) and the first sighting waits in the
// watch's record of that row; it is put back when the row ends.
#include "engine/number_index.hpp"

#include <cstdint>
#include <functional>
#include <optional>

namespace acgprov::engine {

struct run_numbers {
  // The watch's tags are 7 bits of row state above this; files get the tags below it.
  static constexpr std::uint32_t watched_tag = number_index::tag_limit - 128;
  struct sighting {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
  };

  number_index index;
  // Set by the watch while it holds rows here. For the row it holds under `id`: the first
  // sighting kept with it; if it has none (the watch took the number before the input named
  // it), `first` is kept as the sighting and nullopt comes back.
  std::function<std::optional<sighting>(std::uint32_t id, sighting first)> watched_sighting;
};

}  // namespace acgprov::engine
