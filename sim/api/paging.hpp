#pragma once
// Paging of the five list operations: top, skip, maxpagesize (default 200, clamped to 500),
// countRecords (x-ms-record-count) and filter, with an absolute nextLink carrying all of them.
#include "sim/api/api_error.hpp"
#include "sim/api/filter.hpp"
#include "sim/transport/url.hpp"

#include <boost/json/array.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace acgprov::sim {

inline constexpr std::int64_t default_page_size = 200;
inline constexpr std::int64_t max_page_size = 500;

struct page_request {
  std::optional<std::int64_t> top;  // items to return over all pages
  std::int64_t skip = 0;
  std::int64_t page_size = default_page_size;
  bool count_records = false;
  std::optional<std::string> filter_text;
  filter_expr filter;
};

// 400 (InvalidRequest) for non-integers, negatives, maxpagesize < 1, a bad filter.
std::optional<page_request> parse_page_request(const query_params& query, const std::vector<std::string_view>& fields,
                                               api_error& error);

struct page_result {
  boost::json::array value;
  std::int64_t total = 0;  // matching items (complete only when counted)
  bool more = false;       // a further page exists
};

// Walks `items` in order; `matches(item)` applies the filter, and only the items on the
// requested page are rendered: rendering the skipped ones made page k of a big account cost k
// pages of JSON, and a counted list render the whole account. Stops early unless counted.
template <class Range, class Matches, class Render>
page_result build_page(const page_request& p, Range&& items, Matches&& matches, Render&& render) {
  page_result r;
  std::int64_t limit = p.page_size;
  if (p.top && *p.top < limit) limit = *p.top;
  std::int64_t matched = 0;
  for (auto&& item : items) {
    if (!matches(item)) continue;
    ++matched;
    if (matched <= p.skip) continue;
    if (static_cast<std::int64_t>(r.value.size()) < limit) {
      r.value.push_back(render(item));
    } else {
      r.more = true;
      if (!p.count_records) break;
    }
  }
  r.total = matched;
  if (p.top && static_cast<std::int64_t>(r.value.size()) >= *p.top) r.more = false;
  return r;
}

// The same for small collections: `render(item)` yields the JSON object or nullopt when the
// filter rejects it. Each item is rendered once: the match keeps what it rendered for the
// page, which takes it right after.
template <class Range, class Render>
page_result build_page(const page_request& p, Range&& items, Render&& render) {
  std::optional<boost::json::object> rendered;
  return build_page(
      p, std::forward<Range>(items),
      [&](auto& item) {
        rendered = render(item);
        return rendered.has_value();
      },
      [&](auto&) { return std::move(*rendered); });
}

// The 200 answer: {"value":[...],"nextLink":...} plus x-ms-record-count when asked for.
// `base` is "https://127.0.0.1:PORT", `path` the raw request path.
http_response page_response(page_result result, const page_request& p, const std::string& base, std::string_view path,
                            const std::string& api_version);

}  // namespace acgprov::sim
