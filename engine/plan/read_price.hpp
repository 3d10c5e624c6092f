#pragma once
// Pricing the plan's read, per run, with the figures the API gives before any number is read:
// each account's size (GET /accounts, numberCount per service: a hint, not proof) and, when
// known, the deployment's total (countRecords of GET /numbers). Pure: no I/O.
//
//   per-account lists: sum over the input's accounts of ceil(count / page), an empty one free;
//   GET /numbers:      ceil(deployment total / page), whatever the input names.
// The cheaper wins; a tie goes to per-account lists (they read nothing the input does not name).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace acgprov::engine {

enum class read_strategy {
  none,         // every account the input names holds nothing: no read at all
  per_account,  // GET /accounts/{a}/numbers for each non-empty account the input names
  all_numbers,  // GET /numbers once, for every account at the same time
};

struct read_price {
  read_strategy strategy = read_strategy::per_account;
  std::uint64_t pages = 0;  // of the chosen strategy
  std::uint64_t per_account_pages = 0;
  std::uint64_t all_numbers_pages = 0;
};

inline std::uint64_t pages_of(std::uint64_t items, std::uint64_t page_size) {
  return page_size == 0 ? items : (items + page_size - 1) / page_size;
}

// `counts`: numbers per account of the whole deployment; `input_accounts`: the accounts the
// input names (one not in `counts` is not there to read); `total`: the deployment's count when
// known (else the sum of `counts`).
read_price price_plan_read(const std::map<std::string, std::uint64_t>& counts,
                           const std::set<std::string>& input_accounts, std::uint64_t page_size,
                           std::optional<std::uint64_t> total = std::nullopt);

// The same choice for one round of the sync watch, which must see `rows` written rows settled:
// per-account lists (each account's pages, or one GET per row when that is fewer) against
// GET /numbers over the deployment.
struct watch_price {
  bool all_numbers = false;
  std::uint64_t pages = 0;
};
// `accounts`: for each account with rows to confirm, {its size, rows to confirm in it}.
watch_price price_watch_round(const std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>& accounts,
                              std::uint64_t deployment_total, std::uint64_t page_size);

}  // namespace acgprov::engine
