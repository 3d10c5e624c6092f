#include "jobs/prune_guard.hpp"

#include "engine/account_snapshot.hpp"

#include <algorithm>
#include <cstdio>

namespace acgprov::jobs {

namespace {
// Rows refused locally are not written in this pass: the real pass reports them.
struct discard_sink final : engine::report_sink {
  void write(const model::report_row&) override {}
};
}  // namespace

numbers_by_account named_numbers(const std::vector<input_spec>& inputs) {
  discard_sink discard;
  input_rows rows(inputs, discard);
  numbers_by_account out;
  while (auto task = rows.next_row())
    if (auto key = engine::e164_key(task->number)) out[task->account].push_back(*key);
  for (auto& [account, keys] : out) std::sort(keys.begin(), keys.end());
  return out;
}

std::optional<std::string> check_prune_limits(const std::map<std::string, account_prune>& plan, prune_limits limits) {
  std::uint64_t total = 0;
  for (const auto& [account, p] : plan) {
    total += p.deletes;
    if (limits.max_percent && p.held > 0) {
      double share = 100.0 * static_cast<double>(p.deletes) / static_cast<double>(p.held);
      if (share > *limits.max_percent) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f%%", share);
        return "--prune would delete " + std::to_string(p.deletes) + " of the " + std::to_string(p.held) +
               " numbers of account " + account + " (" + buf + "), more than --max-deletes allows";
      }
    }
  }
  if (limits.max_total && total > *limits.max_total)
    return "--prune would delete " + std::to_string(total) + " numbers, more than --max-deletes " +
           std::to_string(*limits.max_total);
  return std::nullopt;
}

}  // namespace acgprov::jobs
