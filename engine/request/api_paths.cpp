#include "engine/request/api_paths.hpp"

#include "io/endpoint.hpp"

namespace acgprov::engine {

namespace {

io::http_request request(std::string method, std::string target, std::string body = {}) {
  io::http_request req;
  req.method = std::move(method);
  req.target = std::move(target);
  req.body = std::move(body);
  return req;
}

}  // namespace

std::string accounts_path() { return "/accounts"; }

std::string account_path(std::string_view account) { return accounts_path() + "/" + io::encode_path_segment(account); }

std::string account_action_path(std::string_view account, std::string_view action) {
  return account_path(account) + ":" + std::string(action);
}

std::string numbers_path(std::string_view account) { return account_path(account) + "/numbers"; }

std::string number_path(std::string_view account, std::string_view number) {
  return numbers_path(account) + "/" + io::encode_path_segment(number);
}

std::string all_numbers_path() { return "/numbers"; }

std::string civic_addresses_path(std::string_view account) { return account_path(account) + "/teamsCivicAddresses"; }

std::string rfi_path(std::string_view tenant_id) {
  return "/teamsRequestsForInformation/" + io::encode_path_segment(tenant_id);
}

std::string versioned(std::string path, std::string_view api_version) {
  return path + "?api-version=" + io::encode_query_value(api_version);
}

std::string versioned(std::string path, const run_context& ctx) {
  return versioned(std::move(path), ctx.config.api_version);
}

std::string list_target(std::string path, std::string_view api_version, const list_query& q) {
  std::string target = versioned(std::move(path), api_version) + "&maxpagesize=" + std::to_string(q.page_size);
  if (q.count_records) target += "&countRecords=true";
  if (!q.extra.empty()) {
    target += '&';
    target += q.extra;
  }
  return target;
}

std::string list_target(std::string path, const run_context& ctx, const list_query& q) {
  return list_target(std::move(path), ctx.config.api_version, q);
}

io::http_request get_request(std::string target) { return request("GET", std::move(target)); }
io::http_request delete_request(std::string target) { return request("DELETE", std::move(target)); }
io::http_request put_request(std::string target, std::string body) {
  return request("PUT", std::move(target), std::move(body));
}
io::http_request post_request(std::string target, std::string body) {
  return request("POST", std::move(target), std::move(body));
}
io::http_request patch_request(std::string target, std::string body, std::string_view content_type) {
  auto req = request("PATCH", std::move(target), std::move(body));
  req.headers.emplace_back("Content-Type", std::string(content_type));
  return req;
}

}  // namespace acgprov::engine
