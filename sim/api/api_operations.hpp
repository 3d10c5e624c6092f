#pragma once
// The 18 operations, one function each, over the store. The caller (app) has already done
// throttling, faults, authentication, authorisation, api-version and repeatability; these
// functions validate, apply and render. Every function returns the complete answer.
#include "sim/api/api_error.hpp"
#include "sim/api/router.hpp"
#include "sim/config.hpp"
#include "sim/state/ids.hpp"
#include "sim/state/stats.hpp"
#include "sim/state/store.hpp"
#include "sim/state/sync_planner.hpp"
#include "sim/transport/http_message.hpp"
#include "sim/transport/json_answer.hpp"
#include "sim/transport/url.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace acgprov::sim {

struct api_context {
  store& data;
  const sim_config& config;
  sync_planner& planner;
  id_source& ids;
  sim_stats& stats;
  const std::string& base_url;  // https://127.0.0.1:PORT, for nextLink
};

struct api_call {
  const http_request& request;
  const route_match& route;
  const query_params& query;
  std::string_view raw_path;
  std::string api_version;
  steady_clock::time_point now;
};

http_response run_operation(api_context& ctx, const api_call& call);

// accounts_api.cpp
http_response list_accounts(api_context& ctx, const api_call& call);
http_response get_account(api_context& ctx, const api_call& call);
http_response put_account(api_context& ctx, const api_call& call);
http_response delete_account(api_context& ctx, const api_call& call);
// numbers_api.cpp
http_response list_account_numbers(api_context& ctx, const api_call& call);
http_response list_all_numbers(api_context& ctx, const api_call& call);
http_response get_number(api_context& ctx, const api_call& call);
http_response put_number(api_context& ctx, const api_call& call);
http_response delete_number(api_context& ctx, const api_call& call);
// batch_api.cpp
http_response create_or_update_numbers(api_context& ctx, const api_call& call);
http_response delete_numbers(api_context& ctx, const api_call& call);
// teams_api.cpp
http_response get_capability_plans(api_context& ctx, const api_call& call);
http_response get_available_capabilities(api_context& ctx, const api_call& call);
http_response list_civic_addresses(api_context& ctx, const api_call& call);
http_response get_civic_address(api_context& ctx, const api_call& call);
http_response list_rfis(api_context& ctx, const api_call& call);
http_response get_rfi(api_context& ctx, const api_call& call);
http_response patch_rfi(api_context& ctx, const api_call& call);

// Shared helpers (api_operations.cpp).

// Strict JSON body (no trailing commas, comments or invalid UTF-8). Empty bodies are refused
// unless `optional`, in which case they give a null value. Content-Type must be JSON
// (application/json or any +json) when a body is present.
std::optional<boost::json::value> parse_json_body(const http_request& req, bool optional, api_error& error);
http_response no_content();
// A field of `o` for a filter: its value when it is a string, else nullopt.
std::optional<std::string> top_level_string(const boost::json::object& o, std::string_view key);
// 404 NotFound naming the resource.
http_response not_found(std::string_view what, std::string_view id, std::string target = {});
// 400 InvalidRequest from field errors: the first as the main message, all as details.
api_error validation_error(const field_errors& errors, std::string message_prefix = {});
// The 409 reasons a valid number cannot be written to `account`: held by another account
// (NumberInUse), or enabling a service the account does not have enabled (ServiceNotEnabled).
std::optional<error_detail> number_conflict(store& data, const number_input& number, const account_record& account);
// Stores a validated number (sync planned, new ETag) and returns the stored record.
number_record& apply_number(api_context& ctx, number_input number, const account_record& account,
                            steady_clock::time_point now);
// If-Match / If-None-Match check; returns the 412 or 304 answer, or nullopt to proceed.
std::optional<http_response> check_conditions(const http_request& req, const std::string* current_etag, bool is_read);

}  // namespace acgprov::sim
