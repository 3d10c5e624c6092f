#pragma once
// Loads the config's "seed": accounts, numbers, civic addresses and RFIs, validated like API
// writes (a bad seed is a start-up error, std::invalid_argument). Seeded resources start
// synced unless they carry serviceProvisioningStatus "pending" or "failed" (+ errors).
#include "sim/state/ids.hpp"
#include "sim/state/store.hpp"

#include <boost/json/object.hpp>

namespace acgprov::sim {

void load_seed(store& data, const boost::json::object& seed, id_source& ids, std::chrono::milliseconds sync_delay,
               steady_clock::time_point now);

}  // namespace acgprov::sim
