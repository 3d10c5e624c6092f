#include "model/report_row.hpp"

#include <array>
#include <utility>

namespace acgprov::model {

namespace {
// One table for both directions, so a new outcome cannot be written but not read back.
constexpr std::array<std::pair<outcome, std::string_view>, 11> outcome_names{{
    {outcome::synced, "synced"},
    {outcome::failed, "failed"},
    {outcome::deleted, "deleted"},
    {outcome::invalid, "invalid"},
    {outcome::rejected, "rejected"},
    {outcome::conflict, "conflict"},
    {outcome::timeout, "timeout"},
    {outcome::error, "error"},
    {outcome::skipped, "skipped"},
    {outcome::planned, "planned"},
    {outcome::unchanged, "unchanged"},
}};
}  // namespace

std::string_view to_string(outcome o) {
  for (const auto& [value, name] : outcome_names)
    if (value == o) return name;
  return "error";
}

std::optional<outcome> parse_outcome(std::string_view s) {
  for (const auto& [value, name] : outcome_names)
    if (name == s) return value;
  return std::nullopt;
}

}  // namespace acgprov::model
