#include "sim/faults.hpp"

namespace acgprov::sim {

double fault_injector::uniform(std::mt19937_64& rng) {
  // 53 random bits -> [0, 1); spelled out because std::uniform_real_distribution's output is
  // not specified across standard libraries and runs must repeat.
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

fault_kind fault_injector::draw(const fault_settings& f) {
  double u = uniform(rng_);
  double which = uniform(rng_);  // drawn always, to keep the sequence aligned
  if (u < f.p_reset) return fault_kind::reset;
  if (u < f.p_reset + f.p_stall) return fault_kind::stall;
  if (u < f.p_reset + f.p_stall + f.p_5xx) return which < 0.5 ? fault_kind::status_500 : fault_kind::status_503;
  return fault_kind::none;
}

bool fault_injector::draw_sync_never(const fault_settings& f) {
  return uniform(sync_rng_) < f.p_sync_never;
}

}  // namespace acgprov::sim
