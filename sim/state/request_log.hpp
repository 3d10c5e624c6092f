#pragma once
// The last N API requests, for GET /_sim/requests?since=SEQ: tests can see what a client
// actually sent (ids, retries) without parsing its logs.
#include <boost/json/array.hpp>

#include <cstdint>
#include <deque>
#include <string>

namespace acgprov::sim {

struct logged_request {
  std::uint64_t seq = 0;
  std::string time;  // ISO 8601
  std::string method;
  std::string target;
  std::string operation;
  unsigned status = 0;  // 0: no answer (reset or stall)
  std::string client_id;
  std::string client_request_id;
  std::string repeatability_request_id;
  std::string note;              // "throttled", "fault:reset", "replay", ...
  std::uint64_t connection = 0;  // which connection it came on (the server numbers them 1, 2, ...)
};

class request_log {
public:
  explicit request_log(std::size_t capacity) : capacity_(capacity) {}
  void add(logged_request entry);  // assigns seq
  // Entries with seq > since, oldest first.
  boost::json::array since(std::uint64_t since) const;
  std::uint64_t last_seq() const { return next_seq_ - 1; }

private:
  std::size_t capacity_;
  std::uint64_t next_seq_ = 1;
  std::deque<logged_request> entries_;
};

}  // namespace acgprov::sim
