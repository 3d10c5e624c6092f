#pragma once
// How every exchange reads a response: one Beast parser with an explicit body limit (not a
// message: async_read into a message caps bodies at 8 MB, beast#1588), then our own
// http_response. Internal to io/ .cpp files (it includes Beast); everything above io/ sees
// http_response only.
#include "io/http_message.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>

namespace acgprov::io {

using response_parser = boost::beast::http::response_parser<boost::beast::http::string_body>;

// Applies the limits of an exchange to a fresh parser. A body over `body_limit` fails the
// read with http::error::body_limit ("body limit exceeded").
void limit_response_parser(response_parser& parser, std::size_t body_limit);

// Moves a complete message out of `parser` into our response type.
http_response take_response(response_parser& parser);

}  // namespace acgprov::io
