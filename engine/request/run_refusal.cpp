#include "engine/request/run_refusal.hpp"

#include "engine/request/api_body.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>

#include <array>

namespace acgprov::engine {

namespace {

// Codes Azure front ends use for an api-version they refuse (ARM's and the Provisioning API's).
constexpr std::array<std::string_view, 4> api_version_codes{"UnsupportedApiVersion", "InvalidApiVersionParameter",
                                                            "MissingApiVersionParameter", "NoRegisteredProviderFound"};

std::string first_error(const io::http_response& res) {
  auto errors = parse_error_body(res.status, res.body);
  if (errors.empty()) return {};
  const auto& e = errors.front();
  return e.code + (e.message.empty() ? "" : ": " + e.message);
}

}  // namespace

bool is_api_error(const io::http_response& res) {
  if (!res.header("x-ms-error-code").empty()) return true;
  boost::system::error_code ec;
  auto doc = boost::json::parse(res.body, ec);
  if (ec || !doc.is_object()) return false;
  auto* err = doc.as_object().if_contains("error");
  if (!err || !err->is_object()) return false;
  auto* code = err->as_object().if_contains("code");
  return code && code->is_string() && !code->as_string().empty();
}

std::optional<std::string> run_refusal(const io::http_response& res, std::string_view method, std::string_view path) {
  const std::string request = std::string(method) + " " + std::string(path);
  if (res.status == 403)
    return "the API refuses this client's token for " + request + " (HTTP 403 " + first_error(res) +
           "): grant the app the role it needs (ProvisioningAPI.Write, .Delete or .Read), then --resume";
  if ((res.status == 404 || res.status == 405) && !is_api_error(res)) {
    std::string type(res.header("Content-Type"));
    if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
    return "the endpoint does not answer like the Provisioning API: HTTP " + std::to_string(res.status) +
           (type.empty() ? std::string(" without the API's error body")
                         : " " + type + " without the API's error body") +
           " for " + request + "; check --endpoint and its base path";
  }
  if (res.status == 400) {
    auto errors = parse_error_body(res.status, res.body);
    const auto& e = errors.front();  // never empty
    for (auto code : api_version_codes)
      if (e.code == code || e.target == "api-version")
        return "the API refuses the api-version (HTTP 400 " + e.code + ": " + e.message + "); check --api-version";
    if (boost::algorithm::iequals(res.header("Repeatability-Result"), "rejected"))
      return "the API refuses the Repeatability headers of " + request + " (HTTP 400 " + e.code + ": " + e.message +
             ")";
  }
  return std::nullopt;
}

}  // namespace acgprov::engine
