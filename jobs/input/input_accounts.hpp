#pragma once
// The accounts the inputs name, read ahead of the run (only the accountName of each record):
// what the plan needs to price GET /numbers against per-account lists. stdin cannot be read
// twice: nullopt then, and the plan reads account by account.
#include "jobs/input/input_rows.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace acgprov::jobs {

// Throws like input_rows when an input cannot be opened. A record that cannot be read names
// no account (its row is refused anyway).
std::optional<std::set<std::string>> named_accounts(const std::vector<input_spec>& inputs);

}  // namespace acgprov::jobs
