// Operations 7-8 and 13-18: Teams capability plans and capabilities, civic addresses, RFIs.
#include "sim/api/api_operations.hpp"
#include "sim/api/paging.hpp"
#include "sim/api/rendered_list.hpp"
#include "sim/transport/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

// Teams capability operations need Operator Connect or Teams Phone Mobile on the account and
// its Teams tenant (the plans come from that tenant's Operator Connect offer).
std::optional<http_response> require_teams(const account_record& a) {
  if (!(a.input.enabled & (bit(service::oc) | bit(service::tpm))))
    return error_response(make_error(409, codes::service_not_enabled,
                                     "Account '" + std::string(a.input.body.at("name").as_string()) +
                                         "' has neither teamsOperatorConnect nor teamsPhoneMobile enabled.",
                                     "serviceDetails"));
  if (a.input.teams_tenant_id.empty())
    return error_response(make_error(
        409, codes::service_not_enabled,
        "Account '" + std::string(a.input.body.at("name").as_string()) + "' has no serviceDetails.teamsTenantId.",
        "serviceDetails.teamsTenantId"));
  return std::nullopt;
}

// Capabilities one number can have: the mandatory and choosable capabilities of the plan whose
// usage its Operator Connect (else Teams Phone Mobile) configuration names.
std::vector<std::string> number_capabilities(const sim_config& config, const number_record& n) {
  std::vector<std::string> caps;
  const auto& details = n.input.body.at("serviceDetails").as_object();
  std::string usage;
  for (service s : {service::oc, service::tpm}) {
    auto* svc = details.if_contains(service_key(s));
    if (!svc || !(n.input.services & bit(s))) continue;
    if (auto* cfg = svc->as_object().if_contains("configuration"))
      if (auto* u = cfg->as_object().if_contains("usage"); u && u->is_string()) {
        usage = std::string(u->as_string());
        break;
      }
  }
  for (const auto& plan : config.capability_plans) {
    if (!plan.is_object()) continue;
    auto* u = plan.as_object().if_contains("usage");
    if (!u || !u->is_string() || u->as_string() != usage) continue;
    for (std::string_view key : {"mandatoryCapabilities", "choosableCapabilities"})
      if (auto* list = plan.as_object().if_contains(key); list && list->is_array())
        for (const auto& c : list->as_array())
          if (c.is_string() && std::find(caps.begin(), caps.end(), c.as_string()) == caps.end())
            caps.emplace_back(c.as_string());
    break;
  }
  return caps;
}

std::optional<http_response> check_tenant_id(const std::string& tenant_id) {
  if (is_guid(tenant_id)) return std::nullopt;
  return error_response(make_error(400, codes::invalid_request,
                                   "The tenantId '" + tenant_id + "' in the path is not a GUID.", "tenantId"));
}

bool same_tenant(const civic_address_record& c, const account_record& a) {
  return !a.input.teams_tenant_id.empty() && lower_case(c.tenant_id) == lower_case(a.input.teams_tenant_id);
}

}  // namespace

http_response get_capability_plans(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  if (auto r = require_teams(*a)) return *r;
  json::object body;
  body["capabilityPlans"] = ctx.config.capability_plans;
  return json_answer(200, body);
}

http_response get_available_capabilities(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  api_error error;
  auto body = parse_json_body(call.request, false, error);
  if (!body) return error_response(error);
  const json::value* numbers = body->is_object() ? body->as_object().if_contains("numbers") : nullptr;
  if (!numbers || !numbers->is_array() || numbers->as_array().empty())
    return error_response(make_error(400, codes::invalid_request,
                                     "The request body must be an object with a non-empty 'numbers' array.",
                                     "numbers"));
  if (auto r = require_teams(*a)) return *r;
  // The capabilities available to all the numbers given (the intersection over them).
  std::optional<std::vector<std::string>> common;
  const auto& items = numbers->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    field_errors errors;
    std::string target = "numbers[" + std::to_string(i) + "]";
    auto n = parse_number_identifier(items[i], target + ".", errors);
    if (!n) return error_response(validation_error(errors));
    auto* record = ctx.data.find_number(*n);
    if (!record || record->input.account_name != call.route.account)
      return not_found("Number", *n + "' in account '" + call.route.account, target);
    auto caps = number_capabilities(ctx.config, *record);
    if (!common) {
      common = std::move(caps);
    } else {
      std::erase_if(*common,
                    [&](const std::string& c) { return std::find(caps.begin(), caps.end(), c) == caps.end(); });
    }
  }
  json::array out;
  for (const auto& c : *common) out.emplace_back(c);
  json::object result;
  result["availableCapabilities"] = std::move(out);
  return json_answer(200, result);
}

http_response list_civic_addresses(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  api_error error;
  auto page = parse_page_request(call.query,
                                 {"id", "country", "stateOrProvince", "cityOrTown", "postalOrZipCode",
                                  "validationStatus", "companyName", "description"},
                                 error);
  if (!page) return error_response(error);
  auto result = build_page(*page, ctx.data.civic_addresses, [&](auto& entry) -> std::optional<json::object> {
    if (!same_tenant(entry.second, *a)) return std::nullopt;
    const json::object& o = entry.second.body;
    if (!page->filter.matches([&](std::string_view f) { return top_level_string(o, f); })) return std::nullopt;
    return o;
  });
  return page_response(std::move(result), *page, ctx.base_url, call.raw_path, call.api_version);
}

http_response get_civic_address(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  auto it = ctx.data.civic_addresses.find(call.route.civic_address_id);
  if (it == ctx.data.civic_addresses.end() || !same_tenant(it->second, *a))
    return not_found("Civic address", call.route.civic_address_id);
  if (auto r = check_conditions(call.request, &it->second.etag, true)) return *r;
  auto r = json_answer(200, it->second.body);
  r.set("ETag", it->second.etag);
  return r;
}

http_response list_rfis(api_context& ctx, const api_call& call) {
  return list_rendered(
      ctx, call, ctx.data.rfis,
      {"tenantId", "accountName", "status", "productContext", "operatorId", "serviceProvisioningStatus"});
}

http_response get_rfi(api_context& ctx, const api_call& call) {
  if (auto r = check_tenant_id(call.route.tenant_id)) return *r;
  auto* rfi = ctx.data.find_rfi(call.route.tenant_id);
  if (!rfi) return not_found("Request for information", call.route.tenant_id);
  if (auto r = check_conditions(call.request, &rfi->etag, true)) return *r;
  auto r = json_answer(200, ctx.data.render(*rfi, call.now));
  rfi->sync.note_read();
  r.set("ETag", rfi->etag);
  return r;
}

http_response patch_rfi(api_context& ctx, const api_call& call) {
  if (auto r = check_tenant_id(call.route.tenant_id)) return *r;
  api_error error;
  auto body = parse_json_body(call.request, false, error);
  if (!body) return error_response(error);
  if (!body->is_object())
    return error_response(make_error(400, codes::invalid_request, "The merge-patch body must be a JSON object."));
  // RFIs come from customers' Teams consents; an operator cannot create one, so a PATCH of an
  // unknown tenant is 404 although the swagger template also declares 201.
  auto* rfi = ctx.data.find_rfi(call.route.tenant_id);
  if (!rfi) return not_found("Request for information", call.route.tenant_id);
  if (auto r = check_conditions(call.request, &rfi->etag, false)) return *r;

  // JSON merge patch (RFC 7396) restricted to the one writable member, customerRelationship
  // {status, comment}; read-only members in the patch are ignored.
  const auto& patch = body->as_object();
  json::object relationship;
  if (auto* cur = rfi->body.if_contains("customerRelationship"); cur && cur->is_object())
    relationship = cur->as_object();
  if (auto* cr = patch.if_contains("customerRelationship")) {
    if (cr->is_null()) {
      relationship.clear();
    } else if (!cr->is_object()) {
      return error_response(make_error(400, codes::invalid_request, "'customerRelationship' must be an object or null.",
                                       "customerRelationship"));
    } else {
      for (std::string_view key : {"status", "comment"}) {
        auto* v = cr->as_object().if_contains(key);
        if (!v) continue;
        if (v->is_null()) relationship.erase(key);
        else if (v->is_string()) relationship[key] = v->as_string();
        else
          return error_response(make_error(400, codes::invalid_request,
                                           "'customerRelationship." + std::string(key) + "' must be a string or null.",
                                           "customerRelationship." + std::string(key)));
      }
    }
  }
  auto stamp = format_iso8601(std::chrono::system_clock::now());
  relationship["lastModifiedOn"] = stamp;
  rfi->body["customerRelationship"] = std::move(relationship);
  rfi->body["lastModifiedOn"] = stamp;
  rfi->sync = ctx.planner.for_rfi(call.now);
  rfi->etag = ctx.ids.etag();
  ++ctx.stats.writes_applied;
  auto r = json_answer(200, ctx.data.render(*rfi, call.now));
  r.set("ETag", rfi->etag);
  return r;
}

}  // namespace acgprov::sim
