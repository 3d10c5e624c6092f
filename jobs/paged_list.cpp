#include "jobs/paged_list.hpp"

#include "engine/api_body.hpp"
#include "io/endpoint.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// Far beyond any real list (500 items a page): only a server that links forever reaches it.
constexpr std::uint64_t max_pages = 10'000'000;

io::http_request get_request(std::string target) {
  io::http_request req;
  req.method = "GET";
  req.target = std::move(target);
  return req;
}

std::string describe_failure(const engine::api_outcome& out) {
  if (!out.response) return out.failure.empty() ? out.transport_error.message() : out.failure;
  std::string text = "HTTP " + std::to_string(out.response->status);
  auto errors = engine::parse_error_body(out.response->status, out.response->body);
  if (!errors.empty()) text += " " + errors.front().code + ": " + errors.front().message;
  return text;
}

}  // namespace

std::string list_target(const engine::run_context& ctx, std::string_view path, std::string_view extra_query) {
  std::string target(path);
  target += "?api-version=" + io::encode_query_value(ctx.config.api_version);
  target += "&maxpagesize=" + std::to_string(max_page_size);
  if (!extra_query.empty()) {
    target += '&';
    target += extra_query;
  }
  return target;
}

awaitable<list_result> list_all(engine::run_context& ctx, std::string target, item_handler on_item) {
  list_result res;
  const std::string& base = ctx.api.target().base_path;
  // Bounded: max_pages, and a nextLink equal to the page it came from ends the walk.
  while (res.pages < max_pages) {
    auto out = co_await engine::send_api_request(ctx, get_request(target), engine::request_kind::read);
    if (!out.response || out.response->status != 200) {
      res.error = "GET " + target.substr(0, target.find('?')) + ": " + describe_failure(out);
      res.failed = std::move(out);
      co_return res;
    }
    ++res.pages;
    boost::system::error_code ec;
    json::value doc = json::parse(out.response->body, ec);
    const json::array* value = nullptr;
    if (!ec && doc.is_object())
      if (auto* v = doc.as_object().if_contains("value"); v && v->is_array()) value = &v->as_array();
    if (!value) {
      res.error = "GET " + target.substr(0, target.find('?')) + ": the answer is not a page ({\"value\": [...]})";
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
  co_return res;
}

}  // namespace acgprov::jobs
