#include "sim/chaos/faults.hpp"

#include "sim/api/api_error.hpp"

namespace acgprov::sim {

http_response fault_response(const fault_settings& f, unsigned status, std::string_view code,
                             std::string_view message) {
  if (!f.latin1_pages) return error_response(make_error(status, std::string(code), std::string(message)));
  http_response r;
  r.status = status;
  r.set("Content-Type", "text/html; charset=ISO-8859-1");
  // "Passerelle défaillante ... réessayez" in ISO-8859-1: 0xE9 is 'é', never valid UTF-8 here.
  r.body = "<html><head><title>" + std::to_string(status) +
           " Passerelle d\xE9"
           "faillante</title></head><body><h1>Service indisponible</h1>"
           "<p>Le serveur amont n'a pas r\xE9pondu; r\xE9"
           "essayez plus tard. \xA9 Passerelle</p></body></html>\n";
  return r;
}

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

bool fault_injector::draw_sync_never(const fault_settings& f) { return uniform(sync_rng_) < f.p_sync_never; }

}  // namespace acgprov::sim
