#pragma once
// Every API path and query this client sends, and the plain request builders: one place to
// read what the client asks of the API (api-contract.md §3; the OpenAPI files name them).
// Paths are below the endpoint's base path and percent-encoded; "targets" carry the
// api-version query.
#include "engine/run_context.hpp"
#include "io/http_message.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace acgprov::engine {

// The API's largest page (api-contract §3.2): fewest requests for a whole list.
inline constexpr std::size_t api_page_size = 500;

// Paths (no query).
std::string accounts_path();                                                         // /accounts
std::string account_path(std::string_view account);                                  // /accounts/{a}
std::string account_action_path(std::string_view account, std::string_view action);  // /accounts/{a}:{action}
std::string numbers_path(std::string_view account);                                  // /accounts/{a}/numbers
std::string number_path(std::string_view account, std::string_view number);          // /accounts/{a}/numbers/{n}
std::string all_numbers_path();                                                      // /numbers
std::string civic_addresses_path(std::string_view account);  // /accounts/{a}/teamsCivicAddresses
std::string rfi_path(std::string_view tenant_id);            // /teamsRequestsForInformation/{t}

// "PATH?api-version=..." for one resource or action.
std::string versioned(std::string path, std::string_view api_version);
std::string versioned(std::string path, const run_context& ctx);

// A list's first page: "PATH?api-version=...&maxpagesize=N[&countRecords=true][&EXTRA]";
// `extra` ("filter=...") is already encoded.
struct list_query {
  std::size_t page_size = api_page_size;
  bool count_records = false;  // ask for x-ms-record-count on the first page
  std::string_view extra;
};
std::string list_target(std::string path, std::string_view api_version, const list_query& q);
std::string list_target(std::string path, const run_context& ctx, const list_query& q);

// Named builders, not braced temporaries inside co_await: GCC 12 frees such temporaries twice
// when the coroutine frame is destroyed (docs/CONTRIBUTING.md).
io::http_request get_request(std::string target);
io::http_request delete_request(std::string target);
io::http_request put_request(std::string target, std::string body);
io::http_request post_request(std::string target, std::string body = {});
io::http_request patch_request(std::string target, std::string body, std::string_view content_type);

}  // namespace acgprov::engine
