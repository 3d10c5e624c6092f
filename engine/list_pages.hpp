#pragma once
// Walking one list operation of the API inside the engine (the plan's reads, the account
// directory, the sync watch's sweeps): the first page, then each nextLink (same origin and
// base path only: our bearer token goes nowhere else), bounded by the size the first page
// reports (x-ms-record-count, asked for with countRecords=true) plus slack.
#include "engine/api_request.hpp"
#include "engine/run_context.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace acgprov::engine {

// The API's largest page (api-contract §3.2): fewest requests for a whole list.
inline constexpr std::size_t api_page_size = 500;

struct pages_read {
  bool complete = false;              // every page was read
  int status = 0;                     // the last answer's HTTP status (0: none)
  std::optional<std::uint64_t> total;  // x-ms-record-count of the first page
  std::uint64_t pages = 0;
};

// "PATH?api-version=...&maxpagesize=500&countRecords=true" plus `extra` ("filter=...",
// encoded), below the endpoint's base path.
std::string counted_list_target(const run_context& ctx, const std::string& path, const std::string& extra = {});

// `on_item` gets every element of every page's `value` that is an object. `max_pages` bounds
// the walk; a first page's count narrows it. Stops at the first answer that is not a 200
// page (status tells which), when the run stops, or at a nextLink that leaves the API.
awaitable<pages_read> read_pages(run_context& ctx, std::string target, request_kind kind,
                                 std::function<void(const boost::json::object&)> on_item,
                                 std::uint64_t max_pages = 1'000'000);

}  // namespace acgprov::engine
