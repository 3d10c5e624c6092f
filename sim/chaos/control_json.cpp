#include "sim/chaos/control_json.hpp"

#include "sim/api/api_error.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {

http_response control_refusal(std::string message) {
  return error_response(make_error(400, codes::invalid_request, std::move(message)));
}

std::optional<boost::json::object> control_body(const http_request& req) {
  if (req.body.empty()) return boost::json::object{};
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

}  // namespace acgprov::sim
