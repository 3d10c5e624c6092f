#include "io/response_parser.hpp"

#include <boost/beast/http/error.hpp>

namespace acgprov::io {

namespace http = boost::beast::http;

void limit_response_parser(response_parser& parser, std::size_t body_limit) { parser.body_limit(body_limit); }

http_response take_response(response_parser& parser) {
  auto& res = parser.get();
  http_response out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.headers.emplace_back(field.name_string(), field.value());
  out.body = std::move(res.body());
  return out;
}

bool is_interim(const response_parser& parser) {
  const auto status = parser.get().result_int();
  return status >= 100 && status < 200 && status != 101;
}

boost::system::error_code final_status_error(const response_parser& parser) {
  const auto status = parser.get().result_int();
  if (status >= 200 && status <= 599) return {};
  return http::error::bad_status;
}

}  // namespace acgprov::io
