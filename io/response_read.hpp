#pragma once
// The one response-read loop: how a connection reads the answer to one request off any Beast
// stream (the pooled TLS connection; a test stream in io/response_reader for the hostile-answer
// tests and the fuzz target). Interim 1xx answers are read past (a bounded number), the status
// must be final, and the connection is reusable only when the answer asked to keep it alive
// and nothing more than the answer came: unasked bytes after it would be read as the answer
// to the next request. Internal to io/ .cpp files (it includes Beast).
#include "io/http_message.hpp"
#include "io/net.hpp"
#include "io/response_parser.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <optional>

namespace acgprov::io {

struct response_read {
  boost::system::error_code ec;  // why the read failed; response is empty then
  http_response response;
  bool got_response_bytes = false;  // whether anything of an answer arrived (stale detection)
  bool reusable = false;            // keep-alive and nothing left over: the next request may follow
};

// Reads one answer from `stream` through `buffer` (the connection's, max_unparsed_bytes).
// A deadline is the caller's (the stream's own timer).
template <class Stream>
awaitable<response_read> read_one_response(Stream& stream, boost::beast::flat_buffer& buffer, std::size_t body_limit) {
  namespace http = boost::beast::http;
  response_read out;
  std::optional<response_parser> parser;
  boost::system::error_code rec;
  // Bounded: at most max_interim_responses interim answers before the final one.
  for (int interim = 0; interim <= max_interim_responses; ++interim) {
    parser.emplace();
    limit_response_parser(*parser, body_limit);
    auto [ec, read] = co_await http::async_read(stream, buffer, *parser, as_result);
    rec = ec;
    out.got_response_bytes = out.got_response_bytes || parser->got_some() || buffer.size() > 0;
    if (rec || !is_interim(*parser)) break;
  }
  if (!rec) rec = final_status_error(*parser);
  if (rec) {
    out.ec = rec;
    co_return out;
  }
  out.reusable = parser->get().keep_alive() && buffer.size() == 0;
  out.response = take_response(*parser);
  co_return out;
}

}  // namespace acgprov::io
