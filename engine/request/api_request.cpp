#include "engine/request/api_request.hpp"

#include "engine/request/api_body.hpp"
#include "engine/request/run_refusal.hpp"
#include "engine/write/repeatable_write.hpp"
#include "io/http_date.hpp"
#include "io/log.hpp"
#include "io/request_check.hpp"
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
    case request_kind::write:
      ++s.write_requests;
      break;
    case request_kind::poll:
      ++s.poll_requests;
      break;
    case request_kind::read:
      ++s.read_requests;
      break;
  }
}

std::string describe(const api_outcome& out) {
  if (out.response) return "HTTP " + std::to_string(out.response->status);
  return std::string(io::to_string(io::classify(out.transport_error))) + ": " + out.transport_error.message();
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
                 {{"requestId", out.request_id},
                  {"method", req.method},
                  {"path", path},
                  {"kind", kind_name},
                  {"status", status},
                  {"attempt", out.attempts},
                  {"elapsedMs", ms},
                  {"error", error}});
}

// The request is about the run, not its rows: stop the run, naming the cause.
void refuse_run(run_context& ctx, api_outcome& out, std::string cause, abort_kind kind) {
  ctx.abort(cause, kind);
  out.run_level = true;
  out.failure = std::move(cause);
  ctx.stats.note_error(out.failure);
}

// The run stopped before the next attempt. The last answer (a 401 about to be retried with a
// new token, a 429, a 5xx) was not final, so it is no verdict on the rows: a request already
// sent ends `error` by the run's decision (run_level), one never sent `skipped`.
void stopped_between_attempts(run_context& ctx, api_outcome& out) {
  out.aborted = true;
  out.failure = "run stopped: " + (ctx.stopping ? ctx.abort_reason : ctx.drain_reason);
  if (out.attempts > 0) out.run_level = true;
}

// An attempt that got no answer may have been applied, unless it never reached the server.
bool may_have_arrived(io::transport_failure f) {
  return f != io::transport_failure::unreachable && f != io::transport_failure::tls &&
         f != io::transport_failure::proxy;
}

// After this many 412 `rejected` answers to attempts of one write stamped afresh on the
// server's clock the run stops: a server that refuses fresh stamps again and again refuses all.
constexpr std::uint32_t max_repeatability_rejections = 3;

std::string seconds_text(std::chrono::milliseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d < d.zero() ? -d : d).count()) + " s";
}

void warn_clock_skew(const server_clock& clock) {
  const auto skew = clock.offset();
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(skew).count();
  io::log::warning("clock_skew",
                   "the API server's clock (its Date header) is " + seconds_text(skew) +
                       (s > 0 ? " ahead of" : " behind") +
                       " this host's clock: Repeatability-First-Sent follows the "
                       "server's clock; set this host's time (NTP)",
                   {{"skewSeconds", static_cast<long long>(s)}});
}

}  // namespace

awaitable<api_outcome> send_api_request(run_context& ctx, io::http_request req, request_kind kind) {
  api_outcome out;
  out.request_id = io::make_uuid();
  const std::string path = req.target.substr(0, req.target.find('?'));  // for messages: no query
  req.target = ctx.api.target().base_path + req.target;
  req.headers.emplace_back("x-ms-client-request-id", out.request_id);
  req.headers.emplace_back("Accept", "application/json");
  // A Content-Type the caller set is kept (the RFI PATCH is application/merge-patch+json).
  const bool typed = std::any_of(req.headers.begin(), req.headers.end(),
                                 [](const auto& h) { return boost::algorithm::iequals(h.first, "Content-Type"); });
  if (!req.body.empty() && !typed) req.headers.emplace_back("Content-Type", "application/json");
  // Filled in as each attempt goes on the wire (repeatable_write.hpp).
  const std::size_t repeat_header = req.headers.size();
  if (kind == request_kind::write) {
    req.headers.emplace_back("Repeatability-Request-ID", "");
    req.headers.emplace_back("Repeatability-First-Sent", "");
  }
  const std::size_t auth_header = req.headers.size();
  req.headers.emplace_back("Authorization", "");

  repeatable_write repeat;
  std::uint32_t failures = 0, throttles = 0, rejections = 0;
  bool refreshed = false;
  // Bounded by the retry limits: every pass either returns or counts a failure, a throttle or
  // a rejected fresh stamp (the one 401 refresh aside; a rejected kept id follows a failure).
  for (;;) {
    bool granted = false;
    // A graceful stop lets requests already on the wire (and their retries) end, but a write
    // not sent yet is not started: its rows are reported skipped, and --resume sends them.
    const bool unsent_write = kind == request_kind::write && out.attempts == 0;
    if (!ctx.stopping && !(unsent_write && ctx.draining)) granted = co_await ctx.limiter.acquire();
    if (granted && unsent_write && ctx.draining) granted = false;
    if (!granted) {
      stopped_between_attempts(ctx, out);
      co_return out;
    }
    auto token = co_await ctx.tokens.get();
    if (!token) {
      // The answer that made us refresh (a 401) is not this request's verdict: the token is.
      out.response.reset();
      if (token.error().refused) {
        ctx.abort((token.error().proxy ? "" : "credentials refused: ") + token.error().message(),
                  token.error().proxy ? abort_kind::proxy : abort_kind::credentials);
        out.aborted = true;
        out.run_level = true;
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
    bool fresh_stamp = false;
    if (kind == request_kind::write) {
      const auto now = std::chrono::steady_clock::now();
      fresh_stamp = repeat.needs_new_stamp(now);
      if (fresh_stamp) repeat.restamp(io::make_uuid(), now, ctx.server_time.now(std::chrono::system_clock::now()));
      req.headers[repeat_header].second = repeat.id();
      req.headers[repeat_header + 1].second = repeat.first_sent();
    }

    if (auto unsendable = io::check_request(req)) {
      // Refused by the HTTPS layer (CR/LF/NUL in a header, ...): nothing went on the wire, and
      // sending it again would be refused the same way.
      out.transport_error = unsendable;
      out.failure = "request not sent: " + unsendable.message();
      co_return out;
    }
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
      const bool fatal = failure == io::transport_failure::tls || failure == io::transport_failure::proxy;
      result = fatal ? attempt_kind::fatal : attempt_kind::transport;
      repeat.attempt_ended(may_have_arrived(failure));
      if (fatal) {
        // Every request would fail the same way: a certificate we do not trust, a proxy that
        // refuses the tunnel (its credentials, its policy).
        log_attempt(req, out, kind, std::chrono::steady_clock::now() - sent_at);
        refuse_run(ctx, out,
                   failure == io::transport_failure::tls
                       ? "TLS failure talking to " + ctx.api.target().url() + ": " + res.error().message()
                       : io::describe_proxy_refusal(ctx.api, res.error()),
                   failure == io::transport_failure::tls ? abort_kind::endpoint : abort_kind::proxy);
        co_return out;
      }
    } else {
      ctx.ever_answered = true;
      out.transport_error = {};
      out.response = std::move(*res);
      if (ctx.server_time.observe(out.response->header("Date"), std::chrono::system_clock::now()))
        warn_clock_skew(ctx.server_time);
      result = classify_status(out.response->status);
      bool capped = false;
      retry_after = parse_retry_after(out.response->header("Retry-After"), &capped);
      if (capped && !ctx.warned_retry_after) {
        ctx.warned_retry_after = true;
        io::log::warning("retry_after_capped",
                         "the API asked to wait " + std::string(out.response->header("Retry-After")) +
                             " s (Retry-After); waiting at most " + seconds_text(max_retry_after) + " instead",
                         {{"status", out.response->status}, {"path", path}});
      }
      if (result == attempt_kind::throttled) {
        ++ctx.stats.throttled;
        ctx.limiter.on_throttled(retry_after.value_or(std::chrono::seconds(1)));
      } else {
        if (result == attempt_kind::server_error) ++ctx.stats.server_errors;
        ctx.limiter.on_accepted();
      }
      repeat.attempt_ended(result == attempt_kind::server_error);
    }
    log_attempt(req, out, kind, std::chrono::steady_clock::now() - sent_at);

    if (result == attempt_kind::success && kind == request_kind::write && out.response->status == 412 &&
        boost::algorithm::iequals(out.response->header("Repeatability-Result"), "rejected")) {
      // Outside the server's repeatability window: nothing was applied, and the server keeps no
      // record it would honour. Send it again, freshly stamped on the server's clock.
      // Only a stamp made for this very attempt counts toward the bound: a kept id may simply
      // have outlived a window shorter than reuse_limit (and it followed a 5xx or a lost
      // answer, which count as failures).
      repeat.server_rejected();
      if (fresh_stamp) ++rejections;
      if (rejections < max_repeatability_rejections) continue;
      refuse_run(ctx, out,
                 "the API refuses Repeatability-First-Sent as outside its window (HTTP 412 to " +
                     std::to_string(rejections) + " freshly stamped attempts of " + req.method + " " + path +
                     "); the server's clock is " + seconds_text(ctx.server_time.offset()) + " from this host's",
                 abort_kind::endpoint);
      co_return out;
    }
    if (result == attempt_kind::success) {
      // A 403 is the token's missing role: the credentials' side; the rest is the endpoint's.
      if (auto cause = run_refusal(*out.response, req.method, path))
        refuse_run(ctx, out, std::move(*cause),
                   out.response->status == 403 ? abort_kind::credentials : abort_kind::endpoint);
      co_return out;
    }
    // Only a 401 right after a refresh condemns the credentials: once another answer came in
    // between (a timeout, a 5xx), time has passed and the token may simply have expired on the
    // way (a soak with 4 s tokens under TSan saw it), so the next 401 earns a refresh again.
    // Still bounded: each such pass counted a failure first.
    if (result != attempt_kind::unauthorized) refreshed = false;
    if (result == attempt_kind::unauthorized) {
      if (refreshed) {
        // A token issued a moment ago is refused too: no request of this run will pass.
        refuse_run(ctx, out,
                   "the API refuses a freshly issued token (HTTP 401 for " + req.method + " " + path +
                       "): check the app registration, --tenant and the API's audience",
                   abort_kind::credentials);
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
      out.failure = describe(out) + " (retries exhausted)";
      ctx.stats.note_error(out.failure);
      // Nothing has ever answered and the host cannot be reached: the run cannot do anything.
      if (!out.response && !ctx.ever_answered &&
          io::classify(out.transport_error) == io::transport_failure::unreachable)
        refuse_run(ctx, out,
                   "endpoint unreachable: " + ctx.api.target().url() +
                       (ctx.api.proxy() ? " through the proxy " + ctx.api.proxy()->url() : std::string()) + ": " +
                       out.transport_error.message(),
                   ctx.api.proxy() ? abort_kind::proxy : abort_kind::endpoint);  // the proxy is what is not reached
      co_return out;
    }
    // A throttled request waits in the limiter, which the 429 paused for everyone.
    bool slept = true;
    if (result != attempt_kind::throttled) slept = co_await ctx.sleep(d.delay);
    if (!slept) {
      stopped_between_attempts(ctx, out);
      co_return out;
    }
  }
}

}  // namespace acgprov::engine
