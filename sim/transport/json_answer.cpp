#include "sim/transport/json_answer.hpp"

#include <boost/json/serialize.hpp>

namespace acgprov::sim {
namespace {

template <class Json>
http_response answer(unsigned status, const Json& body) {
  http_response r;
  r.status = status;
  r.set_json(boost::json::serialize(body));
  return r;
}

}  // namespace

// Two overloads, so that an object is serialised where it is, not copied into a value first.
http_response json_answer(unsigned status, const boost::json::object& body) { return answer(status, body); }
http_response json_answer(unsigned status, const boost::json::value& body) { return answer(status, body); }

}  // namespace acgprov::sim
