#pragma once
// Walking one list operation of the API (the plan's reads, the account directory, the sync
// watch's sweeps, preflight's civic addresses, the exports): the first page, then each
// nextLink (same origin and base path only: our bearer token goes nowhere else), each page
// through send_api_request (rate limit, retries, token). Bounded by `max_pages`, narrowed by
// the size the first page reports (x-ms-record-count, asked for with countRecords=true).
#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "engine/run_context.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace acgprov::engine {

struct pages_read {
  bool complete = false;               // every page was read
  int status = 0;                      // the last answer's HTTP status (0: none)
  std::optional<std::uint64_t> total;  // x-ms-record-count of the first page
  std::uint64_t pages = 0;
  std::uint64_t items = 0;  // objects handed to on_item
  api_outcome failed;       // the request that ended it early (when a request did)
  std::string error;        // one line: why the list is incomplete (when !complete)
};

// Called for each element of each page's `value` that is an object, in order. May throw
// (e.g. a write error of the output): the exception ends the walk and propagates.
using item_handler = std::function<void(const boost::json::object& item)>;

// Far beyond any real list (500 items a page): only a server that links forever reaches it.
inline constexpr std::uint64_t max_list_pages = 10'000'000;

// "PATH?api-version=...&maxpagesize=500&countRecords=true" plus `extra` ("filter=...",
// encoded), below the endpoint's base path.
std::string counted_list_target(const run_context& ctx, const std::string& path, std::string_view extra = {});

// GETs `target` (a list_target) and every following page. Stops at the first answer that is
// not a 200 page (after the engine's retries; status and failed tell which), at a body that
// is not a page, at a nextLink that leaves the API or repeats its page, or after max_pages.
awaitable<pages_read> read_pages(run_context& ctx, std::string target, request_kind kind, item_handler on_item,
                                 std::uint64_t max_pages = max_list_pages);

}  // namespace acgprov::engine
