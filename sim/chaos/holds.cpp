#include "sim/chaos/holds.hpp"

#include "sim/api/api_error.hpp"
#include "sim/chaos/control_json.hpp"
#include "sim/transport/json_answer.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;

namespace {

json::object token_state(const token_holds& t) {
  return json::object{{"holding", t.holding()}, {"held", t.held_total()}, {"releases", t.releases()}};
}

bool release(sync_state& s) {
  if (!s.held) return false;
  s.held = false;
  return true;
}

// Releases the held syncs `filter` names ({}: all; accountName: the account and its numbers;
// telephoneNumber: that number).
std::optional<http_response> release_syncs(store& data, const json::object& filter) {
  std::string account, number;
  for (const auto& [k, v] : filter) {
    if (!v.is_string()) return control_refusal("POST /_sim/release-syncs: '" + std::string(k) + "' must be a string");
    if (k == "accountName") account = v.as_string();
    else if (k == "telephoneNumber") number = v.as_string();
    else return control_refusal("POST /_sim/release-syncs: unknown key '" + std::string(k) + "'");
  }
  std::uint64_t released = 0;
  const bool all = account.empty() && number.empty();
  if (number.empty())
    for (auto& [name, a] : data.accounts)
      if (all || name == account) released += release(a.sync);
  for (auto& [n, rec] : data.numbers)
    if (all || n == number || (number.empty() && rec.input.account_name == account)) released += release(rec.sync);
  if (all)
    for (auto& [t, r] : data.rfis) released += release(r.sync);
  return json_answer(200, json::object{{"released", released}});
}

}  // namespace

bool token_holds::hold_this() {
  if (!holding_) return false;
  if (answer_first_ > 0) {
    --answer_first_;
    return false;
  }
  ++held_total_;
  return true;
}

void token_holds::start(std::uint64_t after) {
  holding_ = true;
  answer_first_ = after;
}

void token_holds::release() {
  holding_ = false;
  answer_first_ = 0;
  ++releases_;
}

std::optional<http_response> handle_holds(token_holds& tokens, store& data, const http_request& req,
                                          const std::vector<std::string>& s) {
  if (s.size() != 2) return std::nullopt;
  const std::string& what = s[1];
  if (what == "token-hold" && req.method == "GET") return json_answer(200, token_state(tokens));
  if (what == "token-hold" && req.method == "POST") {
    auto body = control_body(req);
    if (!body) return control_refusal("POST /_sim/token-hold needs a JSON object (or no body).");
    std::uint64_t after = 0;
    if (auto* a = body->if_contains("after")) {
      if (!a->is_int64() || a->as_int64() < 0)
        return control_refusal("POST /_sim/token-hold: 'after' must be a whole number >= 0");
      after = static_cast<std::uint64_t>(a->as_int64());
    }
    tokens.start(after);
    return json_answer(200, token_state(tokens));
  }
  if (what == "token-release" && req.method == "POST") {
    tokens.release();
    return json_answer(200, token_state(tokens));
  }
  if (what == "release-syncs" && req.method == "POST") {
    auto body = control_body(req);
    if (!body) return control_refusal("POST /_sim/release-syncs needs a JSON object (or no body).");
    return release_syncs(data, *body);
  }
  return std::nullopt;
}

}  // namespace acgprov::sim
