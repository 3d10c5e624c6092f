#include "engine/request/api_body.hpp"

#include <boost/json.hpp>

#include "io/utf8.hpp"

namespace acgprov::engine {

namespace json = boost::json;

namespace {

std::string string_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

model::api_error to_api_error(const json::object& o) {
  return {string_at(o, "code"), string_at(o, "message"), string_at(o, "target")};
}

std::vector<model::api_error> errors_of(const json::value* v) {
  std::vector<model::api_error> out;
  if (!v || !v->is_array()) return out;
  for (const auto& e : v->as_array())
    if (e.is_object()) out.push_back(to_api_error(e.as_object()));
  return out;
}

}  // namespace

std::vector<model::api_error> parse_error_body(int http_status, std::string_view body) {
  boost::system::error_code ec;
  auto doc = json::parse(body, ec);
  if (!ec && doc.is_object()) {
    if (auto* err = doc.as_object().if_contains("error"); err && err->is_object()) {
      std::vector<model::api_error> out{to_api_error(err->as_object())};
      for (auto& d : errors_of(err->as_object().if_contains("details"))) out.push_back(std::move(d));
      return out;
    }
  }
  // An error page is quoted in the report: 200 bytes, cut between characters, never inside one.
  std::string excerpt(io::utf8_prefix(io::valid_utf8(body.substr(0, 204)), 200));
  return {{std::string(model::codes::http_status_prefix) + std::to_string(http_status),
           excerpt.empty() ? "HTTP " + std::to_string(http_status) + " with no body" : excerpt, ""}};
}

std::optional<provisioning_state> parse_provisioning_state(std::string_view body) {
  boost::system::error_code ec;
  auto doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  const auto& o = doc.as_object();
  return provisioning_state{string_at(o, "serviceProvisioningStatus"),
                            errors_of(o.if_contains("serviceProvisioningErrors"))};
}

std::unordered_map<std::string, provisioning_state> parse_number_states(std::string_view body,
                                                                        std::string_view array_key) {
  std::unordered_map<std::string, provisioning_state> out;
  boost::system::error_code ec;
  auto doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return out;
  auto* arr = doc.as_object().if_contains(array_key);
  if (!arr || !arr->is_array()) return out;
  for (const auto& item : arr->as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    auto* n = o.if_contains("telephoneNumber");
    if (!n || !n->is_string()) continue;
    out.emplace(std::string(n->as_string()), provisioning_state{string_at(o, "serviceProvisioningStatus"),
                                                                errors_of(o.if_contains("serviceProvisioningErrors"))});
  }
  return out;
}

}  // namespace acgprov::engine
