#pragma once
// The few Asio names every coroutine file uses, spelled once. Boost 1.81 (Asio 1.26) needs the
// completion token written out: there is no token-less co_await op(...) yet.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace acgprov {
namespace net = boost::asio;
using net::awaitable;
inline constexpr auto use_awaitable = net::use_awaitable;
// Completion token that yields (error_code, results...) instead of throwing.
inline constexpr auto as_result = net::as_tuple(net::use_awaitable);
}  // namespace acgprov
