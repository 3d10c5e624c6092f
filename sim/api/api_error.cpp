#include "sim/api/api_error.hpp"

#include "sim/transport/json_answer.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {

api_error make_error(unsigned status, std::string_view code, std::string message, std::string target) {
  api_error e;
  e.status = status;
  e.code = std::string(code);
  e.message = std::move(message);
  e.target = std::move(target);
  return e;
}

boost::json::object error_object(const error_detail& e) {
  boost::json::object o;
  o["code"] = e.code;
  o["message"] = e.message;
  if (!e.target.empty()) o["target"] = e.target;
  return o;
}

http_response error_response(const api_error& e) {
  boost::json::object inner = error_object({e.code, e.message, e.target});
  if (!e.details.empty()) {
    boost::json::array details;
    for (const auto& d : e.details) details.push_back(error_object(d));
    inner["details"] = std::move(details);
  }
  boost::json::object body;
  body["error"] = std::move(inner);
  http_response r = json_answer(e.status, body);
  r.set("x-ms-error-code", e.code);
  return r;
}

}  // namespace acgprov::sim
