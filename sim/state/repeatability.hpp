#pragma once
// Repeatable requests (OASIS Repeatable Requests 1.0, as Azure Communication Services applies
// it): the first response to a Repeatability-Request-ID is remembered for the window, and a
// replay of the same request gets that response again without being applied twice.
#include "sim/transport/http_message.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

namespace acgprov::sim {

class repeatability_cache {
public:
  using clock = std::chrono::steady_clock;
  enum class verdict { first_time, replay, different_request };

  // `fingerprint` identifies the request (client, method, target, body).
  verdict lookup(const std::string& id, std::size_t fingerprint, clock::time_point now, std::chrono::seconds window,
                 http_response& replayed);
  // Keeps `response` for a later replay; only 2xx and 4xx are kept (a 5xx may be retried).
  void remember(const std::string& id, std::size_t fingerprint, const http_response& response, clock::time_point now);
  std::size_t size() const { return entries_.size(); }

private:
  void evict(clock::time_point now, std::chrono::seconds window);
  struct entry {
    std::size_t fingerprint;
    http_response response;
    clock::time_point stored;
  };
  std::unordered_map<std::string, entry> entries_;
  std::deque<std::pair<clock::time_point, std::string>> order_;
};

std::size_t request_fingerprint(std::string_view client, const http_request& req);

}  // namespace acgprov::sim
