#include "sim/api/paging.hpp"

#include "sim/transport/json_answer.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace acgprov::sim {
namespace {

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<page_request> parse_page_request(const query_params& query, const std::vector<std::string_view>& fields,
                                               api_error& error) {
  page_request p;
  auto int_param = [&](std::string_view name, std::int64_t min) -> std::optional<std::optional<std::int64_t>> {
    auto text = query_value(query, name);
    if (!text) return std::optional<std::int64_t>{};
    auto v = parse_int(*text);
    if (!v || *v < min || *v > 2147483647) {
      error = make_error(400, codes::invalid_request,
                         "The query parameter '" + std::string(name) + "' must be an integer of at least " +
                             std::to_string(min) + ", not '" + *text + "'.",
                         std::string(name));
      return std::nullopt;
    }
    return std::optional<std::int64_t>{*v};
  };
  auto top = int_param("top", 0);
  if (!top) return std::nullopt;
  p.top = *top;
  auto skip = int_param("skip", 0);
  if (!skip) return std::nullopt;
  p.skip = skip->value_or(0);
  auto size = int_param("maxpagesize", 1);
  if (!size) return std::nullopt;
  // Above the maximum the page is clamped rather than refused: a client asking for more than
  // the server gives simply follows nextLink.
  p.page_size = std::min(size->value_or(default_page_size), max_page_size);
  if (auto c = query_value(query, "countRecords")) {
    if (iequals(*c, "true")) p.count_records = true;
    else if (iequals(*c, "false")) p.count_records = false;
    else {
      error = make_error(400, codes::invalid_request, "The query parameter 'countRecords' must be true or false.",
                         "countRecords");
      return std::nullopt;
    }
  }
  if (auto f = query_value(query, "filter")) {
    std::string why;
    auto expr = parse_filter(*f, fields, why);
    if (!expr) {
      error = make_error(400, codes::invalid_request, "Invalid filter: " + why, "filter");
      return std::nullopt;
    }
    p.filter = std::move(*expr);
    p.filter_text = *f;
  }
  return p;
}

http_response page_response(page_result result, const page_request& p, const std::string& base, std::string_view path,
                            const std::string& api_version) {
  boost::json::object body;
  auto returned = static_cast<std::int64_t>(result.value.size());
  body["value"] = std::move(result.value);
  if (result.more) {
    std::string link = base + std::string(path) + "?api-version=" + percent_encode(api_version) +
                       "&skip=" + std::to_string(p.skip + returned) + "&maxpagesize=" + std::to_string(p.page_size);
    if (p.top) link += "&top=" + std::to_string(*p.top - returned);
    if (p.filter_text) link += "&filter=" + percent_encode(*p.filter_text);
    if (p.count_records) link += "&countRecords=true";
    body["nextLink"] = std::move(link);
  }
  http_response r = json_answer(200, body);
  if (p.count_records) r.set("x-ms-record-count", std::to_string(result.total));
  return r;
}

}  // namespace acgprov::sim
