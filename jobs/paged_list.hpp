#pragma once
// Reading a whole list operation (accounts, numbers, civic addresses, RFIs): the first page,
// then every nextLink the API hands back (same origin only: our bearer token goes nowhere
// else), each page through send_api_request (rate limit, retries, token).
#include "engine/api_request.hpp"
#include "engine/run_context.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace acgprov::jobs {

// The API's largest page (api-contract §3.2): fewest requests for a whole list.
inline constexpr std::size_t max_page_size = 500;

struct list_result {
  bool complete = false;       // every page was read
  engine::api_outcome failed;  // the request that ended it early (when !complete)
  std::string error;           // one line: why the list is incomplete
  std::uint64_t items = 0;
  std::uint64_t pages = 0;
};

// Called for each element of each page's `value`, in order. May throw (e.g. a write error of
// the output): the exception ends the listing and propagates.
using item_handler = std::function<void(const boost::json::object& item)>;

// `path` below the endpoint's base path, e.g. "/accounts/contoso/numbers";
// `extra_query` ("filter=...", already encoded) is appended after api-version and maxpagesize.
std::string list_target(const engine::run_context& ctx, std::string_view path, std::string_view extra_query = {});

// GETs `target` (from list_target) and every following page. Stops at the first request that
// fails (after the engine's retries), at a body that is not a page, or when the run stops.
awaitable<list_result> list_all(engine::run_context& ctx, std::string target, item_handler on_item);

}  // namespace acgprov::jobs
