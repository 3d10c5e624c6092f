#include "engine/e164_key.hpp"

namespace acgprov::engine {

std::optional<std::uint64_t> e164_key(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::string e164_text(std::uint64_t key) { return "+" + std::to_string(key); }

}  // namespace acgprov::engine
