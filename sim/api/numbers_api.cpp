// Operations 9-12 and 15: list, get, create-or-replace and delete numbers.
#include "sim/api/api_operations.hpp"
#include "sim/api/paging.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

const std::vector<std::string_view> number_filter_fields{"telephoneNumber", "accountName", "serviceProvisioningStatus"};

// Filter lookups straight from the record, so that non-matching numbers are never rendered.
std::optional<std::string> number_field(number_record& n, std::string_view field, steady_clock::time_point now) {
  if (field == "telephoneNumber") return n.input.telephone_number;
  if (field == "accountName") return n.input.account_name;
  if (field == "serviceProvisioningStatus") return std::string(to_string(n.sync.resolve(now)));
  return std::nullopt;
}

http_response list_numbers(api_context& ctx, const api_call& call, const account_record* account) {
  api_error error;
  auto page = parse_page_request(call.query, number_filter_fields, error);
  if (!page) return error_response(error);
  auto matches = [&](number_record& n) {
    return page->filter.matches([&](std::string_view f) { return number_field(n, f, call.now); });
  };
  auto render = [&](number_record& n) {
    auto o = ctx.data.render(n, call.now);
    n.sync.note_read();
    return o;
  };
  page_result result;
  if (account) {
    struct view {
      store& data;
      const std::set<std::string, std::less<>>& keys;
      struct iterator {
        store* data;
        std::set<std::string, std::less<>>::const_iterator it;
        number_record& operator*() const { return data->numbers.find(*it)->second; }
        iterator& operator++() {
          ++it;
          return *this;
        }
        bool operator!=(const iterator& o) const { return it != o.it; }
      };
      iterator begin() const { return {&data, keys.begin()}; }
      iterator end() const { return {&data, keys.end()}; }
    };
    result = build_page(*page, view{ctx.data, account->numbers}, matches, render);
  } else {
    struct view {
      store& data;
      struct iterator {
        std::map<std::string, number_record, std::less<>>::iterator it;
        number_record& operator*() const { return it->second; }
        iterator& operator++() {
          ++it;
          return *this;
        }
        bool operator!=(const iterator& o) const { return it != o.it; }
      };
      iterator begin() const { return {data.numbers.begin()}; }
      iterator end() const { return {data.numbers.end()}; }
    };
    result = build_page(*page, view{ctx.data}, matches, render);
  }
  return page_response(std::move(result), *page, ctx.base_url, call.raw_path, call.api_version);
}

// The number at /accounts/{a}/numbers/{n}, or nullptr when the account does not hold it.
number_record* number_in_account(api_context& ctx, const api_call& call) {
  auto* n = ctx.data.find_number(call.route.number);
  return n && n->input.account_name == call.route.account ? n : nullptr;
}

}  // namespace

std::optional<error_detail> number_conflict(store& data, const number_input& number, const account_record& account) {
  if (auto* held = data.find_number(number.telephone_number); held && held->input.account_name != number.account_name)
    return error_detail{
        std::string(codes::number_in_use),
        "The number " + number.telephone_number + " already belongs to account '" + held->input.account_name + "'.",
        "telephoneNumber"};
  std::string missing;
  for (service s : all_services)
    if ((number.services & bit(s)) && !(account.input.enabled & bit(s)))
      missing += (missing.empty() ? "" : ", ") + std::string(service_key(s));
  if (!missing.empty())
    return error_detail{std::string(codes::service_not_enabled),
                        "The number " + number.telephone_number + " enables " + missing +
                            ", which is not enabled on account '" + number.account_name + "'.",
                        "serviceDetails"};
  return std::nullopt;
}

number_record& apply_number(api_context& ctx, number_input number, const account_record& account,
                            steady_clock::time_point now) {
  number_record record;
  record.sync = ctx.planner.for_number(number, account, now);
  record.input = std::move(number);
  record.etag = ctx.ids.etag();
  std::string key = record.input.telephone_number;
  ctx.data.put_number(std::move(record));
  ++ctx.stats.writes_applied;
  return *ctx.data.find_number(key);
}

http_response list_account_numbers(api_context& ctx, const api_call& call) {
  auto* a = ctx.data.find_account(call.route.account);
  if (!a) return not_found("Account", call.route.account);
  return list_numbers(ctx, call, a);
}

http_response list_all_numbers(api_context& ctx, const api_call& call) { return list_numbers(ctx, call, nullptr); }

http_response get_number(api_context& ctx, const api_call& call) {
  if (!ctx.data.find_account(call.route.account)) return not_found("Account", call.route.account);
  auto* n = number_in_account(ctx, call);
  if (!n) return not_found("Number", call.route.number);
  if (auto r = check_conditions(call.request, &n->etag, true)) return *r;
  auto r = json_answer(200, ctx.data.render(*n, call.now));
  n->sync.note_read();
  r.set("ETag", n->etag);
  return r;
}

http_response put_number(api_context& ctx, const api_call& call) {
  const std::string& number = call.route.number;
  if (!is_e164(number))
    return error_response(
        make_error(400, codes::invalid_request,
                   "The telephone number '" + number +
                       "' in the path is not in E.164 format (^\\+[1-9]\\d+$, at most 16 characters).",
                   "telephoneNumber"));
  auto* account = ctx.data.find_account(call.route.account);
  if (!account) return not_found("Account", call.route.account);
  api_error error;
  auto body = parse_json_body(call.request, false, error);
  if (!body) return error_response(error);
  field_errors errors;
  auto input = parse_number(*body, call.route.account, number, "", errors);
  if (!input) return error_response(validation_error(errors));

  auto* existing = ctx.data.find_number(number);
  if (existing && existing->input.account_name != call.route.account) {
    auto conflict = number_conflict(ctx.data, *input, *account);
    return error_response(make_error(409, conflict->code, conflict->message, conflict->target));
  }
  if (auto r = check_conditions(call.request, existing ? &existing->etag : nullptr, false)) return *r;
  if (auto conflict = number_conflict(ctx.data, *input, *account))
    return error_response(make_error(409, conflict->code, conflict->message, conflict->target));

  bool created = existing == nullptr;
  auto& stored = apply_number(ctx, std::move(*input), *account, call.now);
  auto r = json_answer(created ? 201 : 200, ctx.data.render(stored, call.now));
  r.set("ETag", stored.etag);
  return r;
}

http_response delete_number(api_context& ctx, const api_call& call) {
  if (!ctx.data.find_account(call.route.account)) return not_found("Account", call.route.account);
  auto* n = number_in_account(ctx, call);
  if (auto r = check_conditions(call.request, n ? &n->etag : nullptr, false)) return *r;
  // Deleting a number the account does not hold is a success with nothing to do, as the Azure
  // guidelines make DELETE idempotent and as :deleteNumbers treats absent numbers: a retried
  // DELETE whose first attempt was applied must not turn into an error.
  if (!n) return no_content();
  ctx.data.erase_number(call.route.number);
  ++ctx.stats.writes_applied;
  return no_content();
}

}  // namespace acgprov::sim
