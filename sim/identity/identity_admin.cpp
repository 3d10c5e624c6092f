#include "sim/identity/identity_admin.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

std::string string_at(const json::value& v, const std::string& key) {
  if (!v.is_string()) fail("'" + key + "' must be a string");
  return std::string(v.as_string());
}

bool names(const client_registration& c, const client_update& u) {
  return c.client_id == u.client_id && (!u.tenant || c.tenant == *u.tenant);
}

client_update parse_client_update(const json::value& v, const std::string& where) {
  if (!v.is_object()) fail("'" + where + "' must be an object");
  client_update u;
  for (const auto& [k, item] : v.as_object()) {
    std::string key = where + "." + std::string(k);
    if (k == "clientId") u.client_id = string_at(item, key);
    else if (k == "tenant") u.tenant = string_at(item, key);
    else if (k == "secret") {
      u.secret = string_at(item, key);
      if (u.secret->empty()) fail("'" + key + "' must not be empty");
    } else if (k == "federatedAssertion") {
      u.federated_assertion = string_at(item, key);
      if (u.federated_assertion->empty()) fail("'" + key + "' must not be empty");
    } else if (k == "roles") {
      if (!item.is_array()) fail("'" + key + "' must be an array of strings");
      std::vector<std::string> roles;
      for (const auto& r : item.as_array()) roles.push_back(string_at(r, key + "[]"));
      u.roles = std::move(roles);
    } else fail("unknown key '" + key + "'");
  }
  if (u.client_id.empty()) fail("'" + where + ".clientId' is required");
  return u;
}

}  // namespace

identity_change parse_identity_change(const sim_config& config, const json::object& body) {
  identity_change change;
  for (const auto& [k, v] : body) {
    std::string key(k);
    if (k == "revokeTokens") {
      if (!v.is_bool()) fail("'revokeTokens' must be true or false");
      change.revoke_tokens = v.as_bool();
    } else if (k == "afterTokensIssued") {
      if (!v.is_int64() && !v.is_uint64()) fail("'afterTokensIssued' must be a non-negative integer");
      if (v.is_int64() && v.as_int64() < 0) fail("'afterTokensIssued' must be a non-negative integer");
      change.after_tokens_issued = v.is_uint64() ? v.as_uint64() : static_cast<std::uint64_t>(v.as_int64());
    } else if (k == "clients") {
      if (!v.is_array()) fail("'clients' must be an array");
      std::size_t i = 0;
      for (const auto& c : v.as_array())
        change.clients.push_back(parse_client_update(c, "clients[" + std::to_string(i++) + "]"));
    } else fail("unknown key '" + key + "'");
  }
  // Checked now, so that a change applied later cannot fail.
  for (const auto& u : change.clients) {
    bool known = false;
    for (const auto& c : config.clients) known = known || names(c, u);
    if (!known) fail("no client '" + u.client_id + "' is registered");
  }
  return change;
}

void apply_client_updates(sim_config& config, const std::vector<client_update>& updates) {
  for (const auto& u : updates)
    for (auto& c : config.clients) {
      if (!names(c, u)) continue;
      if (u.secret) c.secret = *u.secret;
      if (u.roles) c.roles = *u.roles;
      if (u.federated_assertion) {
        c.previous_federated_assertion = std::move(c.federated_assertion);
        c.federated_assertion = *u.federated_assertion;
      }
      break;
    }
}

}  // namespace acgprov::sim
