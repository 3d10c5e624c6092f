#include "sim/chaos/test_controls.hpp"

#include "sim/api/api_error.hpp"
#include "sim/chaos/control_json.hpp"
#include "sim/transport/json_answer.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {

namespace json = boost::json;

namespace {

std::string string_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::optional<http_response> test_controls::handle(const http_request& req, std::string_view what, store& data,
                                                   sim_stats& stats) {
  if (what == "hold" && req.method == "GET")
    return json_answer(200, json::object{{"operation", hold_operation_}, {"held", held_}});
  if (what == "hold" && req.method == "POST") {
    auto body = control_body(req);
    if (!body || string_at(*body, "operation").empty())
      return control_refusal("POST /_sim/hold needs {\"operation\": operationId}.");
    if (hold_released_) *hold_released_ = true;  // a new hold lets the old one go
    auto* after = body->if_contains("after");
    if (after && (!after->is_int64() || after->as_int64() < 0))
      return control_refusal("hold: after must be a non-negative integer.");
    hold_operation_ = string_at(*body, "operation");
    hold_released_ = std::make_shared<bool>(false);
    held_ = 0;
    hold_passes_ = after ? static_cast<std::uint64_t>(after->as_int64()) : 0;
    return json_answer(200, json::object{{"operation", hold_operation_}, {"held", held_}});
  }
  if (what == "script-answers" && req.method == "GET")
    return json_answer(200, json::object{{"operation", script_operation_},
                                         {"left", static_cast<std::uint64_t>(script_.size())},
                                         {"given", script_given_}});
  if (what == "script-answers" && req.method == "POST") return set_script(req);
  if (what == "release" && req.method == "POST") {
    if (hold_released_) *hold_released_ = true;
    hold_released_.reset();
    hold_operation_.clear();
    return json_answer(200, json::object{{"held", held_}});
  }
  if (what == "refuse-batches" && req.method == "POST") {
    auto body = control_body(req);
    if (!body) return control_refusal("POST /_sim/refuse-batches needs a JSON object.");
    if (body->empty()) {
      batch_refusal_.reset();
      return json_answer(200, json::object{{"refusing", false}});
    }
    auto* status = body->if_contains("status");
    if (!status || !status->is_int64() || status->as_int64() < 400 || status->as_int64() > 599)
      return control_refusal("refuse-batches: status must be an integer 400..599.");
    auto code = string_at(*body, "code");
    batch_refusal_ = error_response(make_error(static_cast<unsigned>(status->as_int64()),
                                               code.empty() ? "InvalidRequest" : code, string_at(*body, "message")));
    return json_answer(200, json::object{{"refusing", true}});
  }
  if (what == "delete-number" && req.method == "POST") {
    auto body = control_body(req);
    if (!body) return control_refusal("POST /_sim/delete-number needs {accountName, telephoneNumber}.");
    auto account = string_at(*body, "accountName");
    auto number = string_at(*body, "telephoneNumber");
    auto* a = data.find_account(account);
    if (!a || !a->numbers.count(number))
      return error_response(
          make_error(404, codes::not_found, "Number '" + number + "' is not in account '" + account + "'."));
    data.erase_number(number);
    ++stats.writes_applied;
    http_response r;
    r.status = 204;
    return r;
  }
  if (what == "answer-override" && req.method == "POST") {
    auto body = control_body(req);
    auto op = body ? string_at(*body, "operation") : std::string();
    if (op.empty()) return control_refusal("POST /_sim/answer-override needs {\"operation\": operationId, ...}.");
    auto status = string_at(*body, "serviceProvisioningStatus");
    auto* unreadable = body->if_contains("unreadable");
    const bool cut = unreadable && unreadable->is_bool() && unreadable->as_bool();
    if (status.empty() && !cut) overrides_.erase(op);
    else overrides_[op] = {status, cut};
    return json_answer(200, json::object{{"operation", op}, {"active", overrides_.count(op) > 0}});
  }
  return std::nullopt;
}

http_response test_controls::set_script(const http_request& req) {
  auto body = control_body(req);
  auto* answers = body ? body->if_contains("answers") : nullptr;
  if (!answers || !answers->is_array())
    return control_refusal("POST /_sim/script-answers needs {\"answers\": [{\"status\": 400..599}, ...]}.");
  std::deque<scripted_answer> script;
  for (const auto& a : answers->as_array()) {
    auto* status = a.is_object() ? a.as_object().if_contains("status") : nullptr;
    if (!status || !status->is_int64() || status->as_int64() < 400 || status->as_int64() > 599)
      return control_refusal("script-answers: each answer needs a status, an integer 400..599.");
    scripted_answer s{static_cast<unsigned>(status->as_int64()), std::nullopt};
    if (auto* ra = a.as_object().if_contains("retryAfter")) {
      if (!ra->is_int64() || ra->as_int64() < 0)
        return control_refusal("script-answers: retryAfter must be a non-negative integer (seconds).");
      s.retry_after = ra->as_int64();
    }
    script.push_back(s);
  }
  // A new script replaces what is left of the old one (nothing is refused half set).
  script_ = std::move(script);
  script_operation_ = string_at(*body, "operation");
  script_given_ = 0;
  return json_answer(200, json::object{{"operation", script_operation_},
                                       {"left", static_cast<std::uint64_t>(script_.size())},
                                       {"given", script_given_}});
}

std::optional<scripted_answer> test_controls::take_scripted(std::string_view op) {
  if (script_.empty() || (!script_operation_.empty() && op != script_operation_)) return std::nullopt;
  auto next = script_.front();
  script_.pop_front();
  ++script_given_;
  return next;
}

void test_controls::on_answer(std::string_view op, handler_outcome& out) {
  if (out.what != disposition::respond) return;
  if (auto it = overrides_.find(op); it != overrides_.end() && out.response.status / 100 == 2) {
    if (it->second.unreadable) {
      out.response.body = out.response.body.substr(0, out.response.body.size() / 2);
    } else {
      boost::system::error_code ec;
      auto doc = json::parse(out.response.body, ec);
      if (!ec && doc.is_object()) {
        doc.as_object()["serviceProvisioningStatus"] = it->second.status;
        out.response.body = json::serialize(doc);
      }
    }
  }
  if (!hold_released_ || op != hold_operation_) return;
  if (hold_passes_ > 0) {
    --hold_passes_;
    return;
  }
  out.hold = hold_released_;
  ++held_;
}

std::optional<http_response> test_controls::batch_refusal(std::string_view op) const {
  if (!batch_refusal_ || (op != "Accounts_CreateOrUpdateNumbers" && op != "Accounts_DeleteNumbers"))
    return std::nullopt;
  return batch_refusal_;
}

}  // namespace acgprov::sim
