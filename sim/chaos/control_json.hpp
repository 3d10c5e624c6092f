#pragma once
// What the /_sim/ test controls share: their JSON bodies in and out.
#include "sim/transport/http_message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace acgprov::sim {

http_response control_answer(const boost::json::value& v);  // 200, application/json
http_response control_refusal(std::string message);          // 400 InvalidRequest
// The body as an object ({} when empty); nullopt when it is not one.
std::optional<boost::json::object> control_body(const http_request& req);

}  // namespace acgprov::sim
