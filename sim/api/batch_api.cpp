// Operations 5 and 6: :createOrUpdateNumbers and :deleteNumbers, at most 100 numbers each.
#include "sim/api/api_operations.hpp"

#include <boost/json.hpp>

#include <unordered_map>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

constexpr std::size_t max_batch = 100;

// The "numbers" array of a batch body, or an error answer.
const json::array* batch_items(const json::value& body, api_error& error) {
  const json::value* numbers = body.is_object() ? body.as_object().if_contains("numbers") : nullptr;
  if (!numbers || !numbers->is_array()) {
    error = make_error(400, codes::invalid_request, "The request body must be an object with a 'numbers' array.",
                       "numbers");
    return nullptr;
  }
  if (numbers->as_array().size() > max_batch) {
    error = make_error(
        400, codes::invalid_request,
        "A batch holds at most 100 numbers; this one has " + std::to_string(numbers->as_array().size()) + ".",
        "numbers");
    return nullptr;
  }
  return &numbers->as_array();
}

// What both batches start with: the account the path names and the body's "numbers" array.
struct batch_request {
  account_record* account = nullptr;
  json::value body;
  const json::array* items = nullptr;  // inside `body`
};

// Fills `batch`; the answer when the batch is refused before its items are looked at.
std::optional<http_response> read_batch(api_context& ctx, const api_call& call, batch_request& batch) {
  batch.account = ctx.data.find_account(call.route.account);
  if (!batch.account) return not_found("Account", call.route.account);
  api_error error;
  auto body = parse_json_body(call.request, false, error);
  if (!body) return error_response(error);
  batch.body = std::move(*body);
  batch.items = batch_items(batch.body, error);
  if (!batch.items) return error_response(error);
  return std::nullopt;
}

std::string item_number(const json::value& item) {
  if (item.is_object())
    if (auto* n = item.as_object().if_contains("telephoneNumber"); n && n->is_string())
      return std::string(n->as_string());
  return {};
}

std::string item_target(std::size_t i) { return "numbers[" + std::to_string(i) + "]"; }

struct item_problem {
  std::size_t index;
  unsigned status;  // 400 or 409
  error_detail detail;
};

// The answer to a batch with bad items in atomic mode: 400 if any item is invalid, else 409
// with the common conflict code (or Conflict when they differ); one detail per bad item.
api_error batch_error(const std::vector<item_problem>& problems, std::size_t total) {
  bool any_invalid = false;
  std::string conflict_code;
  bool mixed = false;
  for (const auto& p : problems) {
    if (p.status == 400) any_invalid = true;
    else if (conflict_code.empty()) conflict_code = p.detail.code;
    else if (conflict_code != p.detail.code) mixed = true;
  }
  api_error e;
  e.status = any_invalid ? 400 : 409;
  e.code = any_invalid ? std::string(codes::invalid_request) : mixed ? std::string(codes::conflict) : conflict_code;
  e.message = std::to_string(problems.size()) + " of " + std::to_string(total) +
              " numbers in the batch cannot be applied; nothing was applied. See details.";
  e.target = "numbers";
  for (const auto& p : problems) e.details.push_back(p.detail);
  return e;
}

}  // namespace

http_response create_or_update_numbers(api_context& ctx, const api_call& call) {
  batch_request batch;
  if (auto refused = read_batch(ctx, call, batch)) return *refused;
  account_record* account = batch.account;
  const json::array* items = batch.items;

  // Validate everything against the state before the batch, then apply.
  std::vector<std::optional<number_input>> inputs(items->size());
  std::vector<item_problem> problems;
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    std::string number = item_number(item);
    std::string label = number.empty() ? item_target(i) : number;
    field_errors errors;
    auto input = parse_number(item, call.route.account, "", item_target(i) + ".", errors);
    if (!input) {
      problems.push_back(
          {i, 400, {std::string(codes::invalid_request), label + ": " + errors.front().message, item_target(i)}});
      continue;
    }
    auto [it, fresh] = seen.emplace(input->telephone_number, i);
    if (!fresh) {
      problems.push_back(
          {i,
           400,
           {std::string(codes::invalid_request),
            label + ": the number appears more than once in the batch (first at " + item_target(it->second) + ").",
            item_target(i)}});
      continue;
    }
    if (auto conflict = number_conflict(ctx.data, *input, *account)) {
      problems.push_back({i, 409, {conflict->code, conflict->message, item_target(i)}});
      continue;
    }
    inputs[i] = std::move(input);
  }

  if (!problems.empty() && ctx.config.batch_atomic) return error_response(batch_error(problems, items->size()));

  // Non-atomic mode answers one element per input, in order: stored numbers for the applied
  // items, and for the refused ones the item as sent with serviceProvisioningStatus "failed"
  // and the reason in serviceProvisioningErrors (target numbers[i]) - nothing stored for them.
  std::vector<const item_problem*> problem_at(items->size(), nullptr);
  for (const auto& p : problems) problem_at[p.index] = &p;
  json::array out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (inputs[i]) {
      auto& stored = apply_number(ctx, std::move(*inputs[i]), *account, call.now);
      out.push_back(ctx.data.render(stored, call.now));
    } else {
      json::object echo = (*items)[i].is_object() ? (*items)[i].as_object() : json::object{};
      echo["serviceProvisioningStatus"] = "failed";
      echo["serviceProvisioningErrors"] = json::array{error_object(problem_at[i]->detail)};
      out.push_back(std::move(echo));
    }
  }
  json::object result;
  result["numbers"] = std::move(out);
  return json_answer(200, result);
}

http_response delete_numbers(api_context& ctx, const api_call& call) {
  batch_request batch;
  if (auto refused = read_batch(ctx, call, batch)) return *refused;
  const json::array* items = batch.items;
  // A delete batch has no body to report items in, so an invalid item always refuses the
  // whole batch, whatever batchAtomic says.
  std::vector<std::string> numbers;
  std::vector<item_problem> problems;
  for (std::size_t i = 0; i < items->size(); ++i) {
    field_errors errors;
    auto n = parse_number_identifier((*items)[i], item_target(i) + ".", errors);
    if (!n) {
      std::string label = item_number((*items)[i]);
      problems.push_back({i,
                          400,
                          {std::string(codes::invalid_request),
                           (label.empty() ? item_target(i) : label) + ": " + errors.front().message, item_target(i)}});
      continue;
    }
    numbers.push_back(std::move(*n));
  }
  if (!problems.empty()) return error_response(batch_error(problems, items->size()));
  // Numbers the account does not hold (absent, or in another account) are skipped.
  for (const auto& n : numbers) {
    auto* record = ctx.data.find_number(n);
    if (!record || record->input.account_name != call.route.account) continue;
    ctx.data.erase_number(n);
    ++ctx.stats.writes_applied;
  }
  return no_content();
}

}  // namespace acgprov::sim
