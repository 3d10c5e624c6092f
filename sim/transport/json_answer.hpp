#pragma once
// Every answer of the emulator's with a JSON body (the API's, the identity platform's, the
// /_sim/ endpoints') is made here: status, Content-Type application/json, the serialised body.
#include "sim/transport/http_message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace acgprov::sim {

http_response json_answer(unsigned status, const boost::json::object& body);
http_response json_answer(unsigned status, const boost::json::value& body);

}  // namespace acgprov::sim
