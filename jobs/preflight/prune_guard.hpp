#pragma once
// --prune's safety net: what the input names per account (read once before anything is
// sent), and the --max-deletes check that refuses the run before any write.
#include "jobs/input/input_rows.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace acgprov::jobs {

using numbers_by_account = std::map<std::string, std::vector<std::uint64_t>>;

// Reads every input and returns, per account of its valid rows, the sorted numbers
// (engine::e164_key) to keep: those its valid rows name, whatever their action, and in every
// account those any refused row names (a typo in `services`, a bad action, broken quoting:
// its account cell cannot be trusted either). 8 bytes a row. Throws like input_rows, and
// prune_refused when some row's number cannot be read at all (its live number could not be
// kept).
numbers_by_account named_numbers(const std::vector<input_spec>& inputs);

// --prune cannot run: the message names the rows (file:line) whose number is unreadable.
struct prune_refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The numbers a refused record names: its telephoneNumber when the record could be read (none
// if that is not E.164), else every E.164 number in what could be read of it. Empty: unknown.
std::vector<std::uint64_t> numbers_named_by(const io::input_record& record);

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
