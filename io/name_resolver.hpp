#pragma once
// Name resolution that a hard stop can cut off. Asio's resolver runs getaddrinfo on a private
// thread that cancel() cannot interrupt and that the io_context joins when it is destroyed:
// a DNS server that does not answer holds a cancelled lookup, io_context::run and the exit of
// the process for as long as the C library's own timeouts (resolv.conf: 5 s per try, per name
// server, per search domain). Here each lookup runs on a detached thread of its own and the
// caller waits on a timer that the deadline or cancel() ends; an abandoned lookup finishes on
// its thread and its answer is dropped. An IP literal needs no lookup and no thread.
#include "io/net.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace acgprov::io {

struct lookup_answer {
  boost::system::error_code ec;
  std::vector<net::ip::address> addresses;  // in the order the resolver gave them
};

// A blocking lookup of a host name: getaddrinfo by default; tests inject one that blocks.
// Called on a thread of its own; it must not touch the caller's state.
using lookup_function = std::function<lookup_answer(const std::string& host)>;
lookup_answer system_lookup(const std::string& host);

class name_resolver {
public:
  // `lookup` empty: system_lookup.
  name_resolver(net::any_io_executor ex, lookup_function lookup);
  ~name_resolver();
  name_resolver(const name_resolver&) = delete;
  name_resolver& operator=(const name_resolver&) = delete;

  // The addresses of `host`; error timed_out once `deadline` passes, operation_aborted if
  // cancel() is called meanwhile (or was called before). One lookup at a time.
  awaitable<lookup_answer> resolve(std::string host, std::chrono::steady_clock::time_point deadline);
  // Ends a lookup in progress at once (operation_aborted), and every later one.
  void cancel();

private:
  struct pending;
  net::any_io_executor executor_;
  lookup_function lookup_;
  std::shared_ptr<pending> current_;  // the latest lookup (its wake is null once it ended)
  bool cancelled_ = false;
};

}  // namespace acgprov::io
