#include "sim/state/repeatability.hpp"

#include <functional>

namespace acgprov::sim {

std::size_t request_fingerprint(std::string_view client, const http_request& req) {
  std::string key;
  key.reserve(client.size() + req.method.size() + req.target.size() + req.body.size() + 3);
  key.append(client).append("\n").append(req.method).append("\n").append(req.target).append("\n").append(req.body);
  return std::hash<std::string>{}(key);
}

void repeatability_cache::evict(clock::time_point now, std::chrono::seconds window) {
  while (!order_.empty() && now - order_.front().first > window) {
    auto it = entries_.find(order_.front().second);
    if (it != entries_.end() && it->second.stored == order_.front().first) entries_.erase(it);
    order_.pop_front();
  }
}

repeatability_cache::verdict repeatability_cache::lookup(const std::string& id, std::size_t fingerprint,
                                                         clock::time_point now, std::chrono::seconds window,
                                                         http_response& replayed) {
  evict(now, window);
  auto it = entries_.find(id);
  if (it == entries_.end()) return verdict::first_time;
  if (it->second.fingerprint != fingerprint) return verdict::different_request;
  replayed = it->second.response;
  return verdict::replay;
}

void repeatability_cache::remember(const std::string& id, std::size_t fingerprint, const http_response& response,
                                   clock::time_point now) {
  if (response.status >= 500) return;
  http_response kept = response;
  // The client request id belongs to each attempt, not to the remembered answer.
  std::erase_if(kept.headers, [](const header_field& f) { return iequals(f.name, "x-ms-client-request-id"); });
  entries_[id] = entry{fingerprint, std::move(kept), now};
  order_.emplace_back(now, id);
}

}  // namespace acgprov::sim
