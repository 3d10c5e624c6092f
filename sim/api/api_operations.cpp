#include "sim/api/api_operations.hpp"

#include "sim/api/conditions.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

bool is_json_media_type(std::string_view ct) {
  auto semi = ct.find(';');
  auto type = ct.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (iequals(type, "application/json")) return true;
  return type.size() > 5 && iequals(type.substr(type.size() - 5), "+json") &&
         iequals(type.substr(0, 12), "application/");
}

}  // namespace

std::optional<json::value> parse_json_body(const http_request& req, bool optional, api_error& error) {
  if (req.body.empty()) {
    if (optional) return json::value(nullptr);
    error = make_error(400, codes::invalid_request, "A JSON request body is required.");
    return std::nullopt;
  }
  auto ct = req.header("Content-Type");
  if (!ct.empty() && !is_json_media_type(ct)) {
    error = make_error(415, codes::unsupported_media_type,
                       "Content-Type '" + std::string(ct) + "' is not supported; send application/json.");
    return std::nullopt;
  }
  json::parse_options strict;  // the defaults are strict: no comments, trailing commas, bad UTF-8
  boost::system::error_code ec;
  auto v = json::parse(req.body, ec, {}, strict);
  if (ec) {
    error = make_error(400, codes::invalid_request, "The request body is not valid JSON: " + ec.message() + ".");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> top_level_string(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

http_response no_content() {
  http_response r;
  r.status = 204;
  return r;
}

http_response not_found(std::string_view what, std::string_view id, std::string target) {
  return error_response(make_error(404, codes::not_found,
                                   std::string(what) + " '" + std::string(id) + "' was not found.", std::move(target)));
}

api_error validation_error(const field_errors& errors, std::string message_prefix) {
  api_error e = make_error(400, codes::invalid_request, message_prefix + errors.front().message, errors.front().target);
  if (errors.size() > 1 || !message_prefix.empty())
    for (const auto& f : errors) e.details.push_back({std::string(codes::invalid_request), f.message, f.target});
  return e;
}

std::optional<http_response> check_conditions(const http_request& req, const std::string* current_etag, bool is_read) {
  auto verdict = check_preconditions(req.header("If-Match"), req.header("If-None-Match"), current_etag, is_read);
  if (verdict == precondition::proceed) return std::nullopt;
  if (verdict == precondition::not_modified) {
    http_response r;
    r.status = 304;
    if (current_etag) r.set("ETag", *current_etag);
    return r;
  }
  std::string why = current_etag ? "The resource's ETag does not satisfy the If-Match / If-None-Match condition."
                                 : "The resource does not exist, so If-Match cannot be satisfied.";
  return error_response(make_error(412, codes::precondition_failed, why));
}

http_response run_operation(api_context& ctx, const api_call& call) {
  if (ctx.config.refuse_filters && query_value(call.query, "filter"))
    return error_response(make_error(400, codes::invalid_request, "The filter expression is not supported.", "filter"));
  switch (call.route.op) {
    case operation::accounts_list:
      return list_accounts(ctx, call);
    case operation::accounts_get:
      return get_account(ctx, call);
    case operation::accounts_put:
      return put_account(ctx, call);
    case operation::accounts_delete:
      return delete_account(ctx, call);
    case operation::create_or_update_numbers:
      return create_or_update_numbers(ctx, call);
    case operation::delete_numbers:
      return delete_numbers(ctx, call);
    case operation::get_capability_plans:
      return get_capability_plans(ctx, call);
    case operation::get_available_capabilities:
      return get_available_capabilities(ctx, call);
    case operation::account_numbers_list:
      return list_account_numbers(ctx, call);
    case operation::number_get:
      return get_number(ctx, call);
    case operation::number_put:
      return put_number(ctx, call);
    case operation::number_delete:
      return delete_number(ctx, call);
    case operation::civic_addresses_list:
      return list_civic_addresses(ctx, call);
    case operation::civic_address_get:
      return get_civic_address(ctx, call);
    case operation::numbers_list:
      return list_all_numbers(ctx, call);
    case operation::rfi_list:
      return list_rfis(ctx, call);
    case operation::rfi_get:
      return get_rfi(ctx, call);
    case operation::rfi_patch:
      return patch_rfi(ctx, call);
    case operation::none:
      break;
  }
  return error_response(make_error(404, codes::not_found, "No operation matches this request."));
}

}  // namespace acgprov::sim
