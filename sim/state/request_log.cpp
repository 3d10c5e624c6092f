#include "sim/state/request_log.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {

void request_log::add(logged_request entry) {
  entry.seq = next_seq_++;
  if (capacity_ == 0) return;
  if (entries_.size() == capacity_) entries_.pop_front();
  entries_.push_back(std::move(entry));
}

boost::json::array request_log::since(std::uint64_t since) const {
  boost::json::array out;
  for (const auto& e : entries_) {
    if (e.seq <= since) continue;
    boost::json::object o;
    o["seq"] = e.seq;
    o["time"] = e.time;
    o["method"] = e.method;
    o["target"] = e.target;
    o["operation"] = e.operation;
    o["status"] = e.status;
    if (!e.client_id.empty()) o["clientId"] = e.client_id;
    if (!e.client_request_id.empty()) o["clientRequestId"] = e.client_request_id;
    if (!e.repeatability_request_id.empty()) o["repeatabilityRequestId"] = e.repeatability_request_id;
    if (!e.note.empty()) o["note"] = e.note;
    o["connection"] = e.connection;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace acgprov::sim
