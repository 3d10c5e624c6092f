#include "engine/list_pages.hpp"

#include "io/endpoint.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace acgprov::engine {

namespace {

io::http_request get_request(std::string target) {
  io::http_request req;
  req.method = "GET";
  req.target = std::move(target);
  return req;
}

}  // namespace

std::string counted_list_target(const run_context& ctx, const std::string& path, const std::string& extra) {
  std::string target = path + "?api-version=" + io::encode_query_value(ctx.config.api_version) +
                       "&maxpagesize=" + std::to_string(api_page_size) + "&countRecords=true";
  if (!extra.empty()) target += "&" + extra;
  return target;
}

awaitable<pages_read> read_pages(run_context& ctx, std::string target, request_kind kind,
                                 std::function<void(const boost::json::object&)> on_item, std::uint64_t max_pages) {
  pages_read res;
  const std::string& base = ctx.api.target().base_path;
  // Bounded by max_pages, narrowed by the count the first page reports (plus slack for growth).
  while (res.pages < max_pages && !ctx.stopping) {
    auto out = co_await send_api_request(ctx, get_request(target), kind);
    res.status = out.response ? out.response->status : 0;
    if (!out.response || out.response->status != 200) co_return res;
    ++res.pages;
    if (res.pages == 1) {
      auto count = out.response->header("x-ms-record-count");
      std::uint64_t total = 0;
      if (std::from_chars(count.data(), count.data() + count.size(), total).ec == std::errc()) {
        res.total = total;
        max_pages = std::min<std::uint64_t>(max_pages, total / api_page_size + 3);
      }
    }
    boost::system::error_code ec;
    auto doc = boost::json::parse(out.response->body, ec);
    if (ec || !doc.is_object()) co_return res;
    const auto& obj = doc.as_object();
    auto* value = obj.if_contains("value");
    if (!value || !value->is_array()) co_return res;
    for (const auto& item : value->as_array())
      if (item.is_object()) on_item(item.as_object());
    auto* next = obj.if_contains("nextLink");
    if (!next || next->is_null() || (next->is_string() && next->as_string().empty())) {
      res.complete = true;
      co_return res;
    }
    if (!next->is_string()) co_return res;
    auto next_target = io::same_origin_target(ctx.api.target(), std::string_view(next->as_string()));
    if (!next_target || next_target->compare(0, base.size(), base) != 0) co_return res;
    std::string following = next_target->substr(base.size());
    if (following == target) co_return res;  // a link to itself: the list would never end
    target = std::move(following);
  }
  co_return res;  // more pages than the list said it had: not a complete picture
}

}  // namespace acgprov::engine
