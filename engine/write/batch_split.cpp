#include "engine/write/batch_split.hpp"

#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>

namespace acgprov::engine {

namespace {

// "numbers[12]" or "numbers[12].telephoneNumber" → 12.
std::optional<std::size_t> index_in_target(const std::string& target) {
  static constexpr std::string_view prefix = "numbers[";
  if (target.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::size_t i = 0;
  const char* first = target.data() + prefix.size();
  const char* last = target.data() + target.size();
  auto [p, ec] = std::from_chars(first, last, i);
  if (ec != std::errc() || p == last || *p != ']') return std::nullopt;
  return i;
}

// The index of the one number of the batch that `text` names, if exactly one matches.
// A number is matched only as a whole token, so +1425555010 does not match +14255550100.
std::optional<std::size_t> index_named_in(const std::string& text, const std::vector<std::string>& numbers) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const auto& n = numbers[i];
    for (auto pos = text.find(n); pos != std::string::npos; pos = text.find(n, pos + 1)) {
      auto end = pos + n.size();
      bool whole = end == text.size() || !std::isdigit(static_cast<unsigned char>(text[end]));
      if (!whole) continue;
      if (found && *found != i) return std::nullopt;  // names several: not a per-item error
      found = i;
      break;
    }
  }
  return found;
}

}  // namespace

split_plan plan_split(const std::vector<std::string>& numbers, const std::vector<model::api_error>& errors) {
  split_plan plan;
  if (numbers.empty()) return plan;
  std::map<std::size_t, std::vector<model::api_error>> named;
  // The top error (errors[0]) describes the whole batch; details name items. A single
  // top-level error that names one number counts too.
  for (std::size_t e = 0; e < errors.size(); ++e) {
    const auto& err = errors[e];
    std::optional<std::size_t> idx = index_in_target(err.target);
    if (idx && *idx >= numbers.size()) idx.reset();
    if (!idx) idx = index_named_in(err.message, numbers);
    if (!idx) idx = index_named_in(err.target, numbers);
    if (idx && (e > 0 || errors.size() == 1)) named[*idx].push_back(err);
  }

  if (!named.empty()) {
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      if (auto it = named.find(i); it != named.end()) plan.refused.push_back({i, it->second});
      else rest.push_back(i);
    }
    if (!rest.empty()) plan.next.push_back(std::move(rest));
    return plan;
  }

  if (numbers.size() == 1) {
    plan.refused.push_back({0, errors});
    return plan;
  }
  // Nothing named: bisect. log2(100) ≈ 7 rounds find one bad item among 100.
  std::vector<std::size_t> left, right;
  for (std::size_t i = 0; i < numbers.size(); ++i) (i < numbers.size() / 2 ? left : right).push_back(i);
  plan.next.push_back(std::move(left));
  plan.next.push_back(std::move(right));
  return plan;
}

}  // namespace acgprov::engine
