// Operations 1-4: list, get, create-or-replace and delete accounts.
#include "sim/api/api_operations.hpp"
#include "sim/api/rendered_list.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;

http_response list_accounts(api_context& ctx, const api_call& call) {
  return list_rendered(ctx, call, ctx.data.accounts, {"name", "correlationId", "serviceProvisioningStatus"});
}

http_response get_account(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  if (auto r = check_conditions(call.request, &a->etag, true)) return *r;
  auto r = json_answer(200, ctx.data.render(*a, call.now));
  a->sync.note_read();
  r.set("ETag", a->etag);
  return r;
}

http_response put_account(api_context& ctx, const api_call& call) {
  const std::string& name = call.route.account;
  if (!is_account_name(name))
    return error_response(make_error(
        400, codes::invalid_request,
        "The account name '" + name + "' must be 1-100 characters matching ^([A-Za-z0-9_-]+)$.", "accountName"));
  api_error error;
  auto body = parse_json_body(call.request, false, error);
  if (!body) return error_response(error);
  field_errors errors;
  auto input = parse_account(*body, name, errors);
  if (!input) return error_response(validation_error(errors));

  auto* existing = ctx.data.find_account(name);
  if (auto r = check_conditions(call.request, existing ? &existing->etag : nullptr, false)) return *r;
  if (existing) {
    auto teams_numbers = existing->number_count[static_cast<unsigned>(service::oc)] +
                         existing->number_count[static_cast<unsigned>(service::tpm)];
    if (teams_numbers > 0 && existing->input.teams_tenant_id != input->teams_tenant_id)
      return error_response(make_error(409, codes::teams_tenant_locked,
                                       "The teamsTenantId of account '" + name + "' cannot change while it has " +
                                           std::to_string(teams_numbers) +
                                           " Operator Connect or Teams Phone Mobile numbers.",
                                       "serviceDetails.teamsTenantId"));
  }

  account_record record;
  record.sync = ctx.planner.for_account(*input, call.now);
  record.input = std::move(*input);
  record.etag = ctx.ids.etag();
  bool created = existing == nullptr;
  if (existing) {
    record.number_count = existing->number_count;
    record.numbers = std::move(existing->numbers);
  }
  auto& stored = ctx.data.accounts.insert_or_assign(name, std::move(record)).first->second;
  ++ctx.stats.writes_applied;
  auto r = json_answer(created ? 201 : 200, ctx.data.render(stored, call.now));
  r.set("ETag", stored.etag);
  return r;
}

http_response delete_account(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  if (auto r = check_conditions(call.request, &a->etag, false)) return *r;
  bool delete_numbers = false;
  if (auto v = query_value(call.query, "deleteNumbers")) {
    if (iequals(*v, "true")) delete_numbers = true;
    else if (!iequals(*v, "false"))
      return error_response(make_error(400, codes::invalid_request,
                                       "The query parameter 'deleteNumbers' must be true or false.", "deleteNumbers"));
  }
  if (!a->numbers.empty() && !delete_numbers)
    return error_response(make_error(409, codes::account_has_numbers,
                                     "Account '" + call.route.account + "' still has " +
                                         std::to_string(a->numbers.size()) +
                                         " numbers; delete them first or pass deleteNumbers=true."));
  ctx.stats.writes_applied += 1 + a->numbers.size();
  ctx.data.erase_account(call.route.account);
  return no_content();
}

}  // namespace acgprov::sim
