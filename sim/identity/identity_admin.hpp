#pragma once
// Run-time changes to the emulator's identity platform (POST /_sim/identity): revoke every
// token issued so far, rotate a client's secret, change the roles its new tokens carry. A
// change may wait until the token endpoint has issued N more tokens, so that a test can place
// it between a client's token fetch and its next API request without racing the client.
#include "sim/config.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::sim {

struct client_update {
  std::string client_id;
  std::optional<std::string> tenant;               // which registration; default: the first with that id
  std::optional<std::string> secret;               // the new secret: the old one is refused from then on
  std::optional<std::vector<std::string>> roles;   // roles of tokens issued from then on
  std::optional<std::string> federated_assertion;  // the new accepted assertion: the old one is refused
};

struct identity_change {
  bool revoke_tokens = false;
  std::vector<client_update> clients;
  std::uint64_t after_tokens_issued = 0;  // 0: now
};

// Parses the body of POST /_sim/identity and checks that every client named is registered.
// Throws std::invalid_argument naming the bad key.
identity_change parse_identity_change(const sim_config& config, const boost::json::object& body);

// Applies the client updates (not the revocation, which belongs to the token service).
void apply_client_updates(sim_config& config, const std::vector<client_update>& updates);

}  // namespace acgprov::sim
