#pragma once
// Caches one access token and refreshes it before it expires. However many requests wait,
// only one refresh is in flight; the others wait for its result (single flight).
#include "auth/token_source.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace acgprov::auth {

class token_cache {
public:
  using clock = std::chrono::steady_clock;
  // `now` is injectable for tests. The source must outlive the cache.
  explicit token_cache(token_source& source, std::function<clock::time_point()> now = &clock::now);

  // A token valid now. Fails only when a refresh fails and no valid token is left.
  awaitable<token_result<std::string>> get();
  // After a 401: forget `rejected` (if it is still the current token) so the next get() refreshes.
  void invalidate(const std::string& rejected);

  std::uint64_t tokens_fetched() const { return fetched_; }

  // A hard stop: the refresh in progress is cut off (source.abort()), its waiters wake, and
  // every later get() fails at once.
  void abort();

private:
  struct cached {
    std::string value;
    clock::time_point refresh_at;  // start refreshing from here on
    clock::time_point expires_at;  // unusable from here on
  };

  token_source& source_;
  std::function<clock::time_point()> now_;
  std::optional<cached> current_;
  std::shared_ptr<net::steady_timer> refreshing_;  // non-null while a refresh runs; waiters wait on it
  std::optional<token_error> last_error_;
  std::uint64_t fetched_ = 0;
  bool aborted_ = false;
};

}  // namespace acgprov::auth
