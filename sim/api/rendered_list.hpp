#pragma once
// The list operations whose filter fields are top-level strings of the resource as rendered
// (accounts, RFIs): one page of a collection of the store, each listed resource's sync noted
// as read.
#include "sim/api/api_operations.hpp"
#include "sim/api/paging.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

template <class Collection>
http_response list_rendered(api_context& ctx, const api_call& call, Collection& items,
                            const std::vector<std::string_view>& filter_fields) {
  api_error error;
  auto page = parse_page_request(call.query, filter_fields, error);
  if (!page) return error_response(error);
  auto result = build_page(*page, items, [&](auto& entry) -> std::optional<boost::json::object> {
    boost::json::object o = ctx.data.render(entry.second, call.now);
    if (!page->filter.matches([&](std::string_view f) { return top_level_string(o, f); })) return std::nullopt;
    entry.second.sync.note_read();
    return o;
  });
  return page_response(std::move(result), *page, ctx.base_url, call.raw_path, call.api_version);
}

}  // namespace acgprov::sim
