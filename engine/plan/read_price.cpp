#include "engine/plan/read_price.hpp"

#include <algorithm>

namespace acgprov::engine {

read_price price_plan_read(const std::map<std::string, std::uint64_t>& counts,
                           const std::set<std::string>& input_accounts, std::uint64_t page_size,
                           std::optional<std::uint64_t> total) {
  read_price p;
  for (const auto& account : input_accounts)
    if (auto it = counts.find(account); it != counts.end()) p.per_account_pages += pages_of(it->second, page_size);
  std::uint64_t sum = 0;
  for (const auto& [name, n] : counts) sum += n;
  p.all_numbers_pages = std::max<std::uint64_t>(1, pages_of(total.value_or(sum), page_size));
  if (p.per_account_pages == 0) {
    p.strategy = read_strategy::none;
    p.pages = 0;
  } else if (p.all_numbers_pages < p.per_account_pages) {
    p.strategy = read_strategy::all_numbers;
    p.pages = p.all_numbers_pages;
  } else {
    p.strategy = read_strategy::per_account;
    p.pages = p.per_account_pages;
  }
  return p;
}

watch_price price_watch_round(const std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>& accounts,
                              std::uint64_t deployment_total, std::uint64_t page_size) {
  std::uint64_t per_account = 0;
  for (const auto& [name, sized] : accounts) {
    const auto [size, rows] = sized;
    // The account holds at least the rows written to it.
    per_account += std::min(rows, std::max<std::uint64_t>(1, pages_of(std::max(size, rows), page_size)));
  }
  const std::uint64_t all = std::max<std::uint64_t>(1, pages_of(deployment_total, page_size));
  if (all < per_account) return {true, all};
  return {false, per_account};
}

}  // namespace acgprov::engine
