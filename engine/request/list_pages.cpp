#include "engine/request/list_pages.hpp"

#include "engine/request/api_body.hpp"
#include "io/endpoint.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace acgprov::engine {

namespace {

std::string describe_failure(const api_outcome& out) {
  if (!out.response) return out.failure.empty() ? out.transport_error.message() : out.failure;
  std::string text = "HTTP " + std::to_string(out.response->status);
  auto errors = parse_error_body(out.response->status, out.response->body);
  if (!errors.empty()) text += " " + errors.front().code + ": " + errors.front().message;
  return text;
}

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

}  // namespace

std::string counted_list_target(const run_context& ctx, const std::string& path, std::string_view extra) {
  return list_target(path, ctx, {.count_records = true, .extra = extra});
}

awaitable<pages_read> read_pages(run_context& ctx, std::string target, request_kind kind, item_handler on_item,
                                 std::uint64_t max_pages) {
  pages_read res;
  const std::string& base = ctx.api.target().base_path;
  // Bounded by max_pages (narrowed by the count the first page reports, plus slack for
  // growth), and a nextLink equal to the page it came from ends the walk.
  while (res.pages < max_pages) {
    auto out = co_await send_api_request(ctx, get_request(target), kind);
    res.status = out.response ? out.response->status : 0;
    if (!out.response || out.response->status != 200) {
      res.error = "GET " + path_of(target) + ": " + describe_failure(out);
      res.failed = std::move(out);
      co_return res;
    }
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
    const boost::json::array* value = nullptr;
    if (!ec && doc.is_object())
      if (auto* v = doc.as_object().if_contains("value"); v && v->is_array()) value = &v->as_array();
    if (!value) {
      res.error = "GET " + path_of(target) + ": the answer is not a page ({\"value\": [...]})";
      res.failed = std::move(out);
      co_return res;
    }
    for (const auto& item : *value) {
      if (!item.is_object()) continue;
      on_item(item.as_object());
      ++res.items;
    }
    const auto* next = doc.as_object().if_contains("nextLink");
    if (!next || next->is_null() || (next->is_string() && next->as_string().empty())) {
      res.complete = true;
      co_return res;
    }
    std::optional<std::string> next_target;
    if (next->is_string()) next_target = io::same_origin_target(ctx.api.target(), std::string_view(next->as_string()));
    if (!next_target || next_target->compare(0, base.size(), base) != 0) {
      res.error = "the API's nextLink does not point at " + ctx.api.target().url() + "; the list is incomplete";
      co_return res;
    }
    std::string following = next_target->substr(base.size());
    if (following == target) {
      res.error = "the API's nextLink repeats the page it came from; the list is incomplete";
      co_return res;
    }
    target = std::move(following);
  }
  res.error = "more than " + std::to_string(max_pages) + " pages; the list is incomplete";
  co_return res;  // more pages than the list said it had: not a complete picture
}

}  // namespace acgprov::engine
