#include "engine/api_request.hpp"

#include "engine/api_body.hpp"
#include "io/http_date.hpp"
#include "io/log.hpp"
#include "io/request_id.hpp"
#include "io/transport_error.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <algorithm>

namespace acgprov::engine {

namespace {

void count_request(run_stats& s, request_kind kind, std::uint32_t attempt) {
  ++s.requests;
  if (attempt > 1) ++s.retries;
  switch (kind) {
    case request_kind::write: ++s.write_requests; break;
    case request_kind::poll: ++s.poll_requests; break;
    case request_kind::read: ++s.read_requests; break;
  }
}

std::string describe(const api_outcome& out) {
  if (out.response) return "HTTP " + std::to_string(out.response->status);
  return std::string(io::to_string(io::classify(out.transport_error))) + ": " +
         out.transport_error.message();
}

// Logs one attempt once its result is known: every failed one (no answer, or HTTP >= 400 other
// than a DELETE's 404, which means "already absent"), and with --verbose every one. The path
// goes without its query string and no header is ever logged, so no token or secret can leak.
void log_attempt(const io::http_request& req, const api_outcome& out, request_kind kind,
                 std::chrono::steady_clock::duration took) {
  const int status = out.response ? out.response->status : 0;
  const bool failed = !out.response || (status >= 400 && !(req.method == "DELETE" && status == 404));
  const auto level = failed ? io::log::level::warning : io::log::level::debug;
  if (!io::log::enabled(level)) return;
  const std::string_view path = std::string_view(req.target).substr(0, req.target.find('?'));
  std::string error;
  if (!out.response) error = describe(out);
  else if (failed)
    if (auto errors = parse_error_body(status, out.response->body); !errors.empty()) error = errors.front().code;
  const char* kind_name = kind == request_kind::write ? "write" : kind == request_kind::poll ? "poll" : "read";
  const auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
  std::string message = req.method + " " + std::string(path) + (failed ? " failed: " : ": ") + describe(out);
  if (!error.empty() && out.response) message += " " + error;
  io::log::write(level, failed ? "request_failed" : "request", message,
                 {{"requestId", out.request_id}, {"method", req.method}, {"path", path}, {"kind", kind_name},
                  {"status", status}, {"attempt", out.attempts}, {"elapsedMs", ms}, {"error", error}});
}

}  // namespace

awaitable<api_outcome> send_api_request(run_context& ctx, io::http_request req, request_kind kind) {
  api_outcome out;
  out.request_id = io::make_uuid();
  req.target = ctx.api.target().base_path + req.target;
  req.headers.emplace_back("x-ms-client-request-id", out.request_id);
  req.headers.emplace_back("Accept", "application/json");
  // A Content-Type the caller set is kept (the RFI PATCH is application/merge-patch+json).
  const bool typed = std::any_of(req.headers.begin(), req.headers.end(),
                                 [](const auto& h) { return boost::algorithm::iequals(h.first, "Content-Type"); });
  if (!req.body.empty() && !typed) req.headers.emplace_back("Content-Type", "application/json");
  if (kind == request_kind::write) {
    req.headers.emplace_back("Repeatability-Request-ID", io::make_uuid());
    req.headers.emplace_back("Repeatability-First-Sent", io::rfc3339_utc(std::chrono::system_clock::now()));
  }
  const std::size_t auth_header = req.headers.size();
  req.headers.emplace_back("Authorization", "");

  std::uint32_t failures = 0, throttles = 0;
  bool refreshed = false;
  // Bounded by the retry limits: every pass either returns or counts a failure or throttle
  // (the one 401 refresh aside).
  for (;;) {
    bool granted = false;
    // A graceful stop lets requests already on the wire (and their retries) end, but a write
    // not sent yet is not started: its rows are reported skipped, and --resume sends them.
    const bool unsent_write = kind == request_kind::write && out.attempts == 0;
    if (!ctx.stopping && !(unsent_write && ctx.draining)) granted = co_await ctx.limiter.acquire();
    if (granted && unsent_write && ctx.draining) granted = false;
    if (!granted) {
      out.aborted = true;
      out.failure = "run stopped: " + (ctx.stopping ? ctx.abort_reason : ctx.drain_reason);
      co_return out;
    }
    auto token = co_await ctx.tokens.get();
    if (!token) {
      if (token.error().refused) {
        ctx.abort("credentials refused: " + token.error().message());
        out.aborted = true;
        out.failure = ctx.abort_reason;
        co_return out;
      }
      // The token endpoint is down for a moment: same backoff as a failed request.
      auto d = decide_retry(ctx.config.retry, attempt_kind::transport, ++failures, throttles, {}, ctx.unit_draw());
      out.failure = token.error().message();
      if (!d.retry) co_return out;
      bool slept = co_await ctx.sleep(d.delay);
      if (!slept) co_return out;
      continue;
    }
    req.headers[auth_header].second = "Bearer " + *token;

    ++out.attempts;
    count_request(ctx.stats, kind, out.attempts);
    const auto sent_at = std::chrono::steady_clock::now();
    std::uint32_t resent = 0;
    auto res = co_await ctx.api.send(req, &resent);
    // A stale pooled connection made the client send it again: that is an attempt as well,
    // so the report's attempts explain every request the server saw.
    for (; resent > 0; --resent) count_request(ctx.stats, kind, ++out.attempts);

    attempt_kind result;
    std::optional<std::chrono::milliseconds> retry_after;
    if (!res) {
      out.response.reset();
      out.transport_error = res.error();
      ++ctx.stats.transport_errors;
      auto failure = io::classify(res.error());
      if (failure == io::transport_failure::timeout) ctx.limiter.on_stalled();
      result = failure == io::transport_failure::tls ? attempt_kind::fatal : attempt_kind::transport;
      if (failure == io::transport_failure::tls) {
        // Every request would fail the same way: a certificate we do not trust.
        ctx.abort("TLS failure talking to " + ctx.api.target().url() + ": " + res.error().message());
      }
    } else {
      ctx.ever_answered = true;
      out.transport_error = {};
      out.response = std::move(*res);
      result = classify_status(out.response->status);
      retry_after = parse_retry_after(out.response->header("Retry-After"));
      if (result == attempt_kind::throttled) {
        ++ctx.stats.throttled;
        ctx.limiter.on_throttled(retry_after.value_or(std::chrono::seconds(1)));
      } else {
        if (result == attempt_kind::server_error) ++ctx.stats.server_errors;
        ctx.limiter.on_accepted();
      }
    }
    log_attempt(req, out, kind, std::chrono::steady_clock::now() - sent_at);

    if (result == attempt_kind::success) co_return out;
    if (result == attempt_kind::unauthorized) {
      if (refreshed) {
        out.failure = "HTTP 401 after a fresh token";
        co_return out;
      }
      // The token expired or was revoked early: fetch a new one, once.
      refreshed = true;
      ++ctx.stats.token_refreshes;
      ctx.tokens.invalidate(*token);
      continue;
    }
    if (result == attempt_kind::throttled) ++throttles;
    else ++failures;

    auto d = decide_retry(ctx.config.retry, result, failures, throttles, retry_after, ctx.unit_draw());
    if (!d.retry) {
      out.failure = describe(out) + (result == attempt_kind::fatal ? "" : " (retries exhausted)");
      ctx.stats.note_error(out.failure);
      // Nothing has ever answered and the host cannot be reached: the run cannot do anything.
      if (!out.response && !ctx.ever_answered &&
          io::classify(out.transport_error) == io::transport_failure::unreachable)
        ctx.abort("endpoint unreachable: " + ctx.api.target().url() + ": " + out.transport_error.message());
      co_return out;
    }
    // A throttled request waits in the limiter, which the 429 paused for everyone.
    bool slept = true;
    if (result != attempt_kind::throttled) slept = co_await ctx.sleep(d.delay);
    if (!slept) {
      out.aborted = true;
      out.failure = "run stopped: " + ctx.abort_reason;
      co_return out;
    }
  }
}

}  // namespace acgprov::engine
