#pragma once
// An E.164 number as one integer: the plan's snapshots, the prune's sets and the run's table of
// numbers (engine/number_index.hpp) all key numbers so.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::engine {

// "+14255550100" → 14255550100. E.164 has at most 15 digits and never a leading 0, so the
// value is unique, never 0, and fits in 50 bits. nullopt if `e164` is not of that form.
std::optional<std::uint64_t> e164_key(std::string_view e164);
// The number's text again: '+' and its digits.
std::string e164_text(std::uint64_t key);

}  // namespace acgprov::engine
