#pragma once
// States a test needs to last until it says so, instead of until a delay passes (which a
// loaded machine can outrun or lag behind):
//   - held token answers: once switched on (after N more answers), the token endpoint's
//     answers are held, the connection open, until a release (or --stall-timeout);
//   - held syncs: resources that stay `pending` until released (sync rule or seed `hold`).
// The /_sim/ endpoints that drive them are handled here (docs/sim.md §10).
#include "sim/state/store.hpp"
#include "sim/transport/http_message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::sim {

class token_holds {
public:
  // For each token request: whether its answer is held.
  bool hold_this();
  // Holds every token answer after the next `after` ones.
  void start(std::uint64_t after);
  // Stops holding and lets the held answers go.
  void release();
  // Bumped by each release(): the server wakes its held answers when it changes.
  std::uint64_t releases() const { return releases_; }
  std::uint64_t held_total() const { return held_total_; }
  bool holding() const { return holding_; }

private:
  bool holding_ = false;
  std::uint64_t answer_first_ = 0;  // answers still let through before holding starts
  std::uint64_t held_total_ = 0;
  std::uint64_t releases_ = 0;
};

// POST /_sim/token-hold, POST /_sim/token-release, GET /_sim/token-hold, POST /_sim/release-syncs;
// nullopt for any other /_sim/ request.
std::optional<http_response> handle_holds(token_holds& tokens, store& data, const http_request& req,
                                          const std::vector<std::string>& segments);

}  // namespace acgprov::sim
