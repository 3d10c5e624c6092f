// POST /_sim/identity: run-time changes to clients and tokens (see identity_admin.hpp).
#include "sim/api/api_error.hpp"
#include "sim/app.hpp"
#include "sim/transport/json_answer.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;

void app::apply_identity_change(const identity_change& change) {
  apply_client_updates(config_, change.clients);
  if (change.revoke_tokens) tokens_.revoke_all();
}

void app::token_issued() {
  if (!pending_identity_ || --tokens_until_change_ > 0) return;
  identity_change change = std::move(*pending_identity_);
  pending_identity_.reset();
  apply_identity_change(change);
}

http_response app::post_identity(const http_request& req) {
  boost::system::error_code ec;
  auto body = json::parse(req.body, ec);
  if (ec || !body.is_object())
    return error_response(make_error(400, codes::invalid_request, "POST /_sim/identity needs a JSON object."));
  identity_change change;
  try {
    change = parse_identity_change(config_, body.as_object());
  } catch (const std::invalid_argument& e) {
    return error_response(make_error(400, codes::invalid_request, e.what()));
  }
  // A new change replaces one still waiting.
  pending_identity_.reset();
  const bool now = change.after_tokens_issued == 0;
  if (now) {
    apply_identity_change(change);
  } else {
    tokens_until_change_ = change.after_tokens_issued;
    pending_identity_ = std::move(change);
  }
  return json_answer(200, json::object{{"applied", now}, {"pending", !now}});
}

http_response app::get_identity() const {
  json::array clients;
  for (const auto& c : config_.clients) {
    if (c.federated_assertion.empty()) continue;
    // Counts only: the assertions themselves are credentials and never shown.
    clients.push_back(json::object{
        {"clientId", c.client_id},
        {"tenant", c.tenant},
        {"currentAssertionUses", tokens_.federated_uses(c, c.federated_assertion)},
        {"previousAssertionUses",
         c.previous_federated_assertion.empty() ? 0 : tokens_.federated_uses(c, c.previous_federated_assertion)}});
  }
  return json_answer(200, json::object{{"federatedClients", std::move(clients)}});
}

}  // namespace acgprov::sim
