#pragma once
// The emulator as a function from request to outcome: the token endpoint, the API (throttle,
// faults, authentication, authorisation, api-version, repeatability, then the operation) and
// the /_sim/ inspection endpoints. No sockets here: the server feeds requests in one at a time
// from one thread, so the state needs no locks.
#include "sim/chaos/faults.hpp"
#include "sim/chaos/holds.hpp"
#include "sim/chaos/test_controls.hpp"
#include "sim/chaos/token_bucket.hpp"
#include "sim/config.hpp"
#include "sim/identity/identity_admin.hpp"
#include "sim/identity/managed_identity.hpp"
#include "sim/identity/token_service.hpp"
#include "sim/state/ids.hpp"
#include "sim/state/repeatability.hpp"
#include "sim/state/request_log.hpp"
#include "sim/state/stats.hpp"
#include "sim/state/store.hpp"
#include "sim/state/sync_planner.hpp"
#include "sim/transport/http_message.hpp"

#include <optional>
#include <string>
#include <vector>

namespace acgprov::sim {

struct route_match;

class app {
public:
  // `base_url` is what clients use, e.g. https://127.0.0.1:PORT (nextLink, token issuer).
  // Throws std::invalid_argument for a bad seed.
  app(sim_config config, std::string base_url);

  handler_outcome handle(const http_request& req);
  // A request on the plain-HTTP managed identity port (sim/identity/managed_identity.hpp).
  handler_outcome handle_managed_identity_port(const http_request& req);
  void set_managed_identity_port(unsigned short port) { managed_identity_.port = port; }
  void connection_opened() { stats_.connection_opened(); }
  void connection_closed() { stats_.connection_closed(); }
  const sim_config& config() const { return config_; }
  // Changes when held answers (disposition::hold) may go: the server then sends them.
  std::uint64_t held_answer_releases() const { return token_holds_.releases(); }

private:
  handler_outcome dispatch(const http_request& req);
  // The API server's clock: the real one plus the configured offset.
  sys_time server_now() const { return std::chrono::system_clock::now() + config_.clock_offset; }
  // POST /_sim/identity, and the count of tokens a pending change waits for (app_identity.cpp).
  http_response post_identity(const http_request& req);
  http_response get_identity() const;  // GET /_sim/identity: federated assertion use counts
  void token_issued();
  void apply_identity_change(const identity_change& change);
  handler_outcome handle_api(const http_request& req, std::string_view raw_path, std::string_view raw_query,
                             const std::vector<std::string>& segments);
  handler_outcome handle_token(const http_request& req, std::string_view tenant);
  http_response handle_sim(const http_request& req, std::string_view raw_query,
                           const std::vector<std::string>& segments);
  http_response unauthorized(std::string message, bool invalid_token) const;
  // The answer /_sim/script-answers gave for one request (401 as an expired token, ...).
  http_response scripted_response(const scripted_answer& a) const;
  http_response with_repeatability(const http_request& req, const route_match& route, const std::string& client,
                                   std::string_view raw_path, std::string_view raw_query);
  http_response run(const http_request& req, const route_match& route, std::string_view raw_path,
                    std::string_view raw_query);

  sim_config config_;
  std::string base_url_;
  id_source ids_;
  sim_stats stats_;
  store store_;
  fault_injector faults_;
  sync_planner planner_;
  token_service tokens_;
  token_bucket bucket_;
  repeatability_cache replay_;
  request_log log_;
  token_holds token_holds_;
  test_controls controls_;
  bool replayed_ = false;                            // the last with_repeatability() answered from the cache
  std::optional<identity_change> pending_identity_;  // waits for tokens to be issued
  std::uint64_t tokens_until_change_ = 0;
  managed_identity_state managed_identity_;
};

}  // namespace acgprov::sim
