#include "engine/write/server_clock.hpp"

#include "io/http_date.hpp"

namespace acgprov::engine {

bool server_clock::observe(std::string_view date_header, time_point local) {
  auto date = io::parse_imf_fixdate(date_header);
  if (!date) return false;
  using namespace std::chrono;
  // A Date is truncated to the second it was made in: its middle is the best guess.
  auto sample = duration_cast<milliseconds>(*date + milliseconds(500) - local);
  offset_ = (sample < agreement && sample > -agreement) ? milliseconds(0) : sample;
  const bool beyond = sample > warn_beyond || sample < -warn_beyond;
  if (!beyond || warned_) return false;
  warned_ = true;
  return true;
}

}  // namespace acgprov::engine
