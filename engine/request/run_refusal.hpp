#pragma once
// Answers that refuse the whole run rather than the rows a request carries: a missing role,
// an api-version the server does not serve, Repeatability headers it does not take, and a
// 404/405 that is not the API's (a wrong base path: a gateway's HTML page). Every request of
// the run would meet the same answer, so the run stops (exit 3) and its rows stay resumable.
// Pure.
#include "io/http_message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace acgprov::engine {

// True when the body is the API's error shape ({"error":{"code":"..."}}) or the answer names
// an x-ms-error-code: the Provisioning API answered, not something in front of it.
bool is_api_error(const io::http_response& res);

// The cause, one line naming it and what to fix, for an answer that refuses the whole run;
// nullopt for an answer about this request's rows. `method` and `path` (no query) name the
// request in the message.
std::optional<std::string> run_refusal(const io::http_response& res, std::string_view method, std::string_view path);

}  // namespace acgprov::engine
