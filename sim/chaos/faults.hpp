#pragma once
// Seeded fault decisions. Every API request draws the same amount of randomness whatever the
// outcome, so a client that sends its requests in the same order meets the same faults in
// every run with the same --fault-seed.
#include "sim/config.hpp"
#include "sim/transport/http_message.hpp"

#include <string_view>

#include <random>

namespace acgprov::sim {

enum class fault_kind { none, status_500, status_503, reset, stall };

// The answer of an injected 500 / 503: the API's JSON error, or (faults.latin1Pages) an HTML
// page in ISO-8859-1 whose bytes are not UTF-8, as a gateway in front of the API may send.
http_response fault_response(const fault_settings& f, unsigned status, std::string_view code, std::string_view message);

class fault_injector {
public:
  explicit fault_injector(std::uint64_t seed) { reseed(seed); }
  // Request faults and sync-never draws use separate streams, so that how many writes needed
  // sync does not shift which requests fail.
  void reseed(std::uint64_t seed) {
    rng_.seed(seed);
    sync_rng_.seed(seed ^ 0x5DEECE66DULL);
  }

  fault_kind draw(const fault_settings& f);
  // For a write that needs backend sync: does it stay pending forever?
  bool draw_sync_never(const fault_settings& f);

private:
  static double uniform(std::mt19937_64& rng);
  std::mt19937_64 rng_;
  std::mt19937_64 sync_rng_;
};

}  // namespace acgprov::sim
