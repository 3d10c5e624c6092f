#pragma once
// What the /_sim/ test controls share: reading their JSON bodies, and their refusal (their
// answers are json_answer's, sim/transport/json_answer.hpp).
#include "sim/transport/http_message.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace acgprov::sim {

http_response control_refusal(std::string message);  // 400 InvalidRequest
// The body as an object ({} when empty); nullopt when it is not one.
std::optional<boost::json::object> control_body(const http_request& req);

}  // namespace acgprov::sim
