#include "io/response_reader.hpp"

#include "io/response_parser.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <algorithm>
#include <optional>

namespace acgprov::io {

namespace beast = boost::beast;
namespace http = beast::http;

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

std::vector<read_response> read_responses(std::string_view wire, std::size_t body_limit, std::size_t read_size,
                                          std::size_t max_responses) {
  boost::asio::io_context io;
  // The test stream hands out `wire` in reads of at most read_size bytes, then end of file:
  // the same composed read (http::read) over the same kind of buffer as an exchange.
  beast::test::stream stream(io, wire);
  stream.read_size(std::max<std::size_t>(read_size, 1));
  stream.close_remote();
  beast::flat_buffer buffer{max_unparsed_bytes};  // as https_connection's
  std::vector<read_response> out;
  while (out.size() < max_responses) {
    // As https_connection::exchange: interim 1xx answers are read past, a bounded number.
    std::optional<response_parser> parser;
    read_response r;
    for (int interim = 0; interim <= max_interim_responses; ++interim) {
      parser.emplace();
      limit_response_parser(*parser, body_limit);
      http::read(stream, buffer, *parser, r.ec);
      if (r.ec || !is_interim(*parser)) break;
    }
    if (!r.ec) r.ec = final_status_error(*parser);
    if (!r.ec) {
      r.keep_alive = parser->get().keep_alive();
      r.response = take_response(*parser);
    }
    const bool more = !r.ec && r.keep_alive && (buffer.size() > 0 || stream.nread_bytes() < wire.size());
    out.push_back(std::move(r));
    if (!more) break;
  }
  return out;
}

}  // namespace acgprov::io
