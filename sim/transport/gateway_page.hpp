#pragma once
// What the gateway in front of the API answers for a path outside the API (a wrong base path
// in a client's endpoint): an HTML 404 page, as web front ends do, not the API's JSON error.
#include "sim/transport/http_message.hpp"

#include <string>
#include <vector>

namespace acgprov::sim {

// True when the first decoded segment names one of the API's collections (accounts, numbers,
// teamsRequestsForInformation; case-insensitive, as the routes match).
bool inside_api(const std::vector<std::string>& segments);

// 404, text/html, no x-ms-error-code.
http_response gateway_not_found();

}  // namespace acgprov::sim
