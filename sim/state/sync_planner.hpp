#pragma once
// Decides, at write time, what a resource's backend sync will do: nothing (synced at once,
// when no enabled service has syncEnabled on the account), or pending until a due time and
// then synced / failed with serviceProvisioningErrors - or pending forever. Sync rules from
// the config win, then the built-in backend checks, then success.
#include "sim/chaos/faults.hpp"
#include "sim/config.hpp"
#include "sim/state/stats.hpp"
#include "sim/state/store.hpp"

namespace acgprov::sim {

class sync_planner {
public:
  // References must outlive the planner; `config` may change between calls.
  sync_planner(const sim_config& config, fault_injector& faults, sim_stats& stats)
      : config_(config), faults_(faults), stats_(stats) {}

  sync_state for_account(const account_input& account, steady_clock::time_point now);
  sync_state for_number(const number_input& number, const account_record& account, steady_clock::time_point now);
  sync_state for_rfi(steady_clock::time_point now);

  // Backend errors Operator Connect / Teams Phone Mobile would report for this number (the
  // seed's "Invalid/missing required configuration attributes: Usage", target oc / tpm).
  static boost::json::array backend_errors(const number_input& number, unsigned synced_services);

private:
  sync_state plan(bool needs_sync, std::string_view number, std::string_view account, boost::json::array builtin,
                  steady_clock::time_point now);
  const sim_config& config_;
  fault_injector& faults_;
  sim_stats& stats_;
};

}  // namespace acgprov::sim
