#include "sim/state/stats.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {

void sim_stats::count(std::string_view operation, unsigned status) {
  ++requests;
  auto it = by_operation.find(operation);
  if (it == by_operation.end())
    it = by_operation.emplace(std::string(operation), std::map<unsigned, std::uint64_t>{}).first;
  ++it->second[status];
  ++by_status[status];
}

void sim_stats::count_fault(std::string_view kind) {
  auto it = faults.find(kind);
  if (it == faults.end()) it = faults.emplace(std::string(kind), 0).first;
  ++it->second;
}

void sim_stats::connection_opened() {
  ++connections_current;
  ++connections_total;
  if (connections_current > connections_peak) connections_peak = connections_current;
}

void sim_stats::connection_closed() {
  if (connections_current > 0) --connections_current;
}

boost::json::object sim_stats::to_json() const {
  namespace json = boost::json;
  json::object ops;
  for (const auto& [op, statuses] : by_operation) {
    json::object s;
    for (const auto& [status, n] : statuses) s[std::to_string(status)] = n;
    ops[op] = std::move(s);
  }
  json::object statuses;
  for (const auto& [status, n] : by_status) statuses[std::to_string(status)] = n;
  json::object f;
  for (const auto& [kind, n] : faults) f[kind] = n;
  json::object o;
  o["requests"] = requests;
  o["byOperation"] = std::move(ops);
  o["byStatus"] = std::move(statuses);
  o["throttled"] = throttled;
  o["faults"] = std::move(f);
  o["tokensIssued"] = tokens_issued;
  o["tokenErrors"] = token_errors;
  o["writesApplied"] = writes_applied;
  o["replays"] = replays;
  o["repeatabilityRejected"] = repeatability_rejected;
  o["currentConnections"] = connections_current;
  o["peakConnections"] = connections_peak;
  o["totalConnections"] = connections_total;
  o["uptimeSeconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return o;
}

}  // namespace acgprov::sim
