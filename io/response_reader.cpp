#include "io/response_reader.hpp"

#include "io/response_read.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <algorithm>

namespace acgprov::io {

namespace beast = boost::beast;

namespace {

// The connection's own loop, one answer after another, while the connection stays reusable.
awaitable<void> read_all(beast::test::stream& stream, std::size_t wire_size, std::size_t body_limit,
                         std::size_t max_responses, std::vector<read_response>& out) {
  beast::flat_buffer buffer{max_unparsed_bytes};  // as https_connection's
  // Bounded by max_responses.
  while (out.size() < max_responses) {
    auto read = co_await read_one_response(stream, buffer, body_limit);
    read_response r;
    r.ec = read.ec;
    r.response = std::move(read.response);
    r.keep_alive = read.reusable;
    const bool more = !r.ec && r.keep_alive && stream.nread_bytes() < wire_size;
    out.push_back(std::move(r));
    if (!more) break;
  }
}

}  // namespace

std::vector<read_response> read_responses(std::string_view wire, std::size_t body_limit, std::size_t read_size,
                                          std::size_t max_responses) {
  boost::asio::io_context io;
  // The test stream hands out `wire` in reads of at most read_size bytes, then end of file.
  beast::test::stream stream(io, wire);
  stream.read_size(std::max<std::size_t>(read_size, 1));
  stream.close_remote();
  std::vector<read_response> out;
  boost::asio::co_spawn(io, read_all(stream, wire.size(), body_limit, max_responses, out), boost::asio::detached);
  io.run();
  return out;
}

}  // namespace acgprov::io
