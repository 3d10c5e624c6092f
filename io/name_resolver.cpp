#include "io/name_resolver.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstring>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace acgprov::io {

namespace {

boost::system::error_code lookup_error(int eai) {
  namespace error = net::error;
  switch (eai) {
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
      return error::host_not_found;
    case EAI_AGAIN:
      return error::host_not_found_try_again;
    case EAI_FAIL:
      return error::no_recovery;
    case EAI_MEMORY:
      return error::no_memory;
    case EAI_FAMILY:
      return error::address_family_not_supported;
    case EAI_SOCKTYPE:
      return error::socket_type_not_supported;
    case EAI_SERVICE:
      return error::service_not_found;
    case EAI_SYSTEM:
      return {errno, boost::system::system_category()};
    default:
      return error::invalid_argument;
  }
}

}  // namespace

lookup_answer system_lookup(const std::string& host) {
  // The hints Asio's resolver uses for (host, service) with no flags.
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  addrinfo* found = nullptr;
  lookup_answer out;
  if (int eai = ::getaddrinfo(host.c_str(), nullptr, &hints, &found); eai != 0) {
    out.ec = lookup_error(eai);
    return out;
  }
  for (addrinfo* a = found; a; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      net::ip::address_v4::bytes_type b;
      std::memcpy(b.data(), &in->sin_addr, b.size());
      out.addresses.emplace_back(net::ip::address_v4(b));
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      net::ip::address_v6::bytes_type b;
      std::memcpy(b.data(), &in6->sin6_addr, b.size());
      out.addresses.emplace_back(net::ip::address_v6(b, in6->sin6_scope_id));
    }
  }
  ::freeaddrinfo(found);
  if (out.addresses.empty()) out.ec = net::error::host_not_found;
  return out;
}

// Shared by the waiting coroutine (io thread) and the lookup's thread.
struct name_resolver::pending {
  net::steady_timer* wake = nullptr;  // io thread only: the waiter's timer while it waits
  std::mutex mutex;
  bool abandoned = false;               // guarded: the waiter is gone, drop the answer
  std::optional<lookup_answer> answer;  // guarded
};

name_resolver::name_resolver(net::any_io_executor ex, lookup_function lookup)
    : executor_(std::move(ex)), lookup_(lookup ? std::move(lookup) : lookup_function(&system_lookup)) {}

name_resolver::~name_resolver() { cancel(); }

void name_resolver::cancel() {
  cancelled_ = true;
  if (current_ && current_->wake) current_->wake->cancel();
}

awaitable<lookup_answer> name_resolver::resolve(std::string host, std::chrono::steady_clock::time_point deadline) {
  lookup_answer out;
  if (cancelled_) {
    out.ec = net::error::operation_aborted;
    co_return out;
  }
  boost::system::error_code literal_ec;
  auto literal = net::ip::make_address(host, literal_ec);
  if (!literal_ec) {
    out.addresses.push_back(literal);
    co_return out;
  }

  auto p = std::make_shared<pending>();
  net::steady_timer wake(executor_, deadline);
  p->wake = &wake;
  current_ = p;
  // Runs however this frame ends (also when the io_context destroys it unfinished): from here
  // on the lookup's thread drops its answer and never posts to this executor.
  // It touches only `p`: when the io_context destroys frames, this resolver may be gone.
  struct leave {
    std::shared_ptr<pending> p;
    ~leave() {
      p->wake = nullptr;
      std::lock_guard lock(p->mutex);
      p->abandoned = true;
    }
  } guard{p};

  try {
    // A posted handler only: the timer is touched on the io thread alone. The post happens
    // under the mutex while the waiter is still there, so the executor is still alive.
    std::thread([p, lookup = lookup_, host, ex = executor_] {
      lookup_answer got = lookup(host);
      std::lock_guard lock(p->mutex);
      if (p->abandoned) return;
      p->answer = std::move(got);
      net::post(ex, [p] {
        if (p->wake) p->wake->cancel();
      });
    }).detach();
  } catch (const std::system_error&) {
    out.ec = net::error::no_memory;  // no thread to be had: as if the resolver ran out
    co_return out;
  }

  co_await wake.async_wait(as_result);
  {
    std::lock_guard lock(p->mutex);
    if (cancelled_) out.ec = net::error::operation_aborted;
    else if (p->answer) out = std::move(*p->answer);
    else out.ec = net::error::timed_out;
  }
  co_return out;
}

}  // namespace acgprov::io
