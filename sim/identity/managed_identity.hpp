#pragma once
// The machine's managed identity endpoints, as the Azure hosts serve them on a plain-HTTP
// port of this machine: App Service / Functions / Container Apps style
// (GET /msi/token?api-version=2019-08-01&resource=R, header X-IDENTITY-HEADER) and the
// Instance Metadata Service style (GET /metadata/identity/oauth2/token?api-version=2018-02-01
// &resource=R, header Metadata: true). The identity is a registered client marked
// "managedIdentity": "system" (no client_id asked) or "user" (asked by client_id).
// Pure logic: the server routes the plain port's requests here.
#include "sim/config.hpp"
#include "sim/identity/token_service.hpp"
#include "sim/transport/http_message.hpp"
#include "sim/transport/time_format.hpp"

#include <cstdint>
#include <deque>
#include <string>

namespace acgprov::sim {

struct managed_identity_state {
  std::string identity_header;    // the X-IDENTITY-HEADER value the App Service endpoint expects
  unsigned short port = 0;        // the plain-HTTP port, 0 while there is none
  std::deque<unsigned> failures;  // statuses the next answers get instead (a test's IMDS outage)
  std::uint64_t requests = 0;
  std::uint64_t tokens_issued = 0;
};

// Answers a request that came in on the managed identity port.
http_response handle_managed_identity(managed_identity_state& state, token_service& tokens, const sim_config& config,
                                      const http_request& req, sys_time now);

// GET /_sim/managed-identity: {port, identityEndpoint, imdsAuthority, identityHeader, requests,
// tokensIssued, failuresLeft}; POST with {"failures": [503, 410, ...]}: the next answers get
// those statuses (an IMDS that is updating or throttling), then normal answers again.
http_response managed_identity_control(managed_identity_state& state, const http_request& req);

}  // namespace acgprov::sim
