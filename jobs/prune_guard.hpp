#pragma once
// --prune's safety net: what the input names per account (read once before anything is
// sent), and the --max-deletes check that refuses the run before any write.
#include "jobs/input_rows.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

using numbers_by_account = std::map<std::string, std::vector<std::uint64_t>>;

// Reads every input and returns, per account, the sorted numbers (engine::e164_key) its valid
// rows name, whatever their action. 8 bytes a row. Throws like input_rows.
numbers_by_account named_numbers(const std::vector<input_spec>& inputs);

struct prune_limits {
  std::optional<std::uint64_t> max_total;
  std::optional<double> max_percent;
};

struct account_prune {
  std::uint64_t deletes = 0;  // numbers the account holds that the input does not name
  std::uint64_t held = 0;     // numbers the account holds
};

// nullopt when within the limits; otherwise the reason to refuse, naming the account.
std::optional<std::string> check_prune_limits(const std::map<std::string, account_prune>& plan, prune_limits limits);

}  // namespace acgprov::jobs
