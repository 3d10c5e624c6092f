#include "engine/write/repeatable_write.hpp"

#include "io/http_date.hpp"

namespace acgprov::engine {

void repeatable_write::restamp(std::string id, steady::time_point now,
                               std::chrono::system_clock::time_point server_now) {
  id_ = std::move(id);
  first_sent_ = io::rfc3339_utc(server_now);
  stamped_ = now;
  maybe_applied_ = false;
}

}  // namespace acgprov::engine
