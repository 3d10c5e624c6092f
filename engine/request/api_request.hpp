#pragma once
// One logical API request with everything around it: a rate-limit token per attempt, the
// bearer token, request ids, retries with backoff, 429 pauses, and one token refresh on 401.
#include "engine/run_context.hpp"
#include "io/http_message.hpp"

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace acgprov::engine {

enum class request_kind { write, poll, read };

struct api_outcome {
  std::optional<io::http_response> response;  // the final answer, whatever its status
  boost::system::error_code transport_error;  // set when no answer came at all
  std::uint32_t attempts = 0;                 // requests actually sent
  std::string request_id;                     // x-ms-client-request-id sent (same on retries)
  bool aborted = false;                       // the run is stopping; nothing more was sent
  std::string failure;                        // one line: why there is no usable answer
  // The answer refused the whole run, not this request's rows (credentials, a missing role, an
  // endpoint that is not the API...): ctx.abort() was called, and the rows it carried end
  // `error` (sent) or `skipped` (not sent), never `rejected`, so --resume sends them again.
  bool run_level = false;
};

// `req.target` is the path and query below the endpoint's base path. Writes carry
// Repeatability-Request-ID / -First-Sent so that a retry of a write that did arrive is
// answered from the server's record instead of being applied twice.
awaitable<api_outcome> send_api_request(run_context& ctx, io::http_request req, request_kind kind);

}  // namespace acgprov::engine
