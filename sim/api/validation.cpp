#include "sim/api/validation.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

bool charset_ok(std::string_view s, std::size_t min, std::size_t max, bool allow_equals) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              (allow_equals && c == '=');
    if (!ok) return false;
  }
  return true;
}

// Validation context: records errors with full targets.
struct checker {
  field_errors& errors;
  std::string prefix;
  bool ok = true;

  void error(const std::string& path, std::string message) {
    errors.push_back({prefix + path, std::move(message)});
    ok = false;
  }

  // Absent and null are the same for optional members.
  static const json::value* member(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && !v->is_null() ? v : nullptr;
  }

  // The member when it has the JSON type `is` tests; otherwise nullptr, with an error when it is
  // present or required. `what` names the type in the error: "an object", "a boolean", ...
  const json::value* typed(const json::object& o, std::string_view key, const std::string& path, bool required,
                           bool (json::value::*is)() const noexcept, std::string_view what) {
    auto* v = member(o, key);
    if (!v) {
      if (required) error(path, "The field '" + path + "' is required.");
      return nullptr;
    }
    if (!(v->*is)()) {
      error(path, "The field '" + path + "' must be " + std::string(what) + ".");
      return nullptr;
    }
    return v;
  }

  const json::object* object(const json::object& o, std::string_view key, const std::string& path, bool required) {
    auto* v = typed(o, key, path, required, &json::value::is_object, "an object");
    return v ? &v->as_object() : nullptr;
  }

  std::optional<bool> boolean(const json::object& o, std::string_view key, const std::string& path, bool required) {
    auto* v = typed(o, key, path, required, &json::value::is_bool, "a boolean");
    if (!v) return std::nullopt;
    return v->as_bool();
  }

  std::optional<std::string> string(const json::object& o, std::string_view key, const std::string& path,
                                    bool required) {
    auto* v = typed(o, key, path, required, &json::value::is_string, "a string");
    if (!v) return std::nullopt;
    return std::string(v->as_string());
  }

  std::optional<json::array> string_array(const json::object& o, std::string_view key, const std::string& path) {
    auto* v = member(o, key);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
      error(path, "The field '" + path + "' must be an array of strings.");
      return std::nullopt;
    }
    for (const auto& item : v->as_array())
      if (!item.is_string()) {
        error(path, "The field '" + path + "' must be an array of strings.");
        return std::nullopt;
      }
    return v->as_array();
  }
};

// OC and TPM number configuration (TeamsOperatorConnectNumberConfig / TeamsPhoneMobileNumberConfig).
// usage and choosableCapabilities are "required" in the swagger, but the seed shows the service
// accepting an empty usage and failing in the backend with "Invalid/missing required
// configuration attributes: Usage" - so they are not enforced here; sync reports them.
json::object teams_number_config(checker& c, const json::object& in, const std::string& path) {
  json::object out;
  if (auto s = c.string(in, "usage", path + ".usage", false)) out["usage"] = *s;
  if (auto a = c.string_array(in, "choosableCapabilities", path + ".choosableCapabilities"))
    out["choosableCapabilities"] = *a;
  if (auto a = c.string_array(in, "additionalUsages", path + ".additionalUsages")) out["additionalUsages"] = *a;
  if (auto s = c.string(in, "civicAddressId", path + ".civicAddressId", false)) out["civicAddressId"] = *s;
  if (auto s = c.string(in, "locationId", path + ".locationId", false)) out["locationId"] = *s;
  auto allow = c.boolean(in, "allowTenantAddressUpdate", path + ".allowTenantAddressUpdate", false);
  out["allowTenantAddressUpdate"] = allow.value_or(false);  // swagger default
  if (auto s = c.string(in, "displayedCountryCode", path + ".displayedCountryCode", false))
    out["displayedCountryCode"] = *s;
  return out;
}

}  // namespace

bool is_e164(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  for (std::size_t i = 2; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_account_name(std::string_view s) { return charset_ok(s, 1, 100, false); }
bool is_subdomain(std::string_view s) { return charset_ok(s, 1, 10, false); }
bool is_subdomain_token(std::string_view s) { return charset_ok(s, 1, 100, true); }
bool is_custom_sip_header(std::string_view s) { return charset_ok(s, 1, 100, false); }

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

namespace {

struct service_names {
  std::string_view key, target, label;
};

// One row a service, in the order of enum service.
constexpr service_names names[] = {
    {"teamsOperatorConnect", "oc", "Teams Operator Connect"},
    {"teamsDirectRouting", "dr", "Teams Direct Routing"},
    {"teamsPhoneMobile", "tpm", "Teams Phone Mobile"},
    {"zoomPhoneCloudPeering", "zoom", "Zoom Phone Cloud Peering"},
    {"azureOperatorCallProtection", "aocp", "Azure Operator Call Protection"},
};
static_assert(std::size(names) == all_services.size());

}  // namespace

std::string_view service_key(service s) { return names[static_cast<std::size_t>(s)].key; }
std::string_view service_target(service s) { return names[static_cast<std::size_t>(s)].target; }
std::string_view service_label(service s) { return names[static_cast<std::size_t>(s)].label; }

std::optional<account_input> parse_account(const json::value& body, std::string_view path_name, field_errors& errors) {
  checker c{errors, ""};
  if (!body.is_object()) {
    c.error("", "The request body must be a JSON object (AccountResource).");
    return std::nullopt;
  }
  const auto& in = body.as_object();
  account_input out;
  if (auto name = c.string(in, "name", "name", true)) {
    if (!is_account_name(*name))
      c.error("name", "The field 'name' must be 1-100 characters matching ^([A-Za-z0-9_-]+)$.");
    else if (*name != path_name)
      c.error("name", "The field 'name' (" + *name + ") must equal the account name in the path (" +
                          std::string(path_name) + ").");
    out.body["name"] = *name;
  }
  if (auto s = c.string(in, "correlationId", "correlationId", false)) out.body["correlationId"] = *s;
  if (auto* sd = c.object(in, "serviceDetails", "serviceDetails", false)) {
    json::object details;
    if (auto t = c.string(*sd, "teamsTenantId", "serviceDetails.teamsTenantId", false)) {
      details["teamsTenantId"] = *t;
      out.teams_tenant_id = *t;
    }
    for (service s : all_services) {
      std::string path = "serviceDetails." + std::string(service_key(s));
      auto* svc = c.object(*sd, service_key(s), path, false);
      if (!svc) continue;
      json::object o;
      auto enabled = c.boolean(*svc, "enabled", path + ".enabled", true);
      std::optional<bool> sync;
      if (s != service::aocp) sync = c.boolean(*svc, "syncEnabled", path + ".syncEnabled", true);
      if (sync) o["syncEnabled"] = *sync;
      if (enabled) o["enabled"] = *enabled;
      if (enabled.value_or(false)) {
        out.enabled |= bit(s);
        if (sync.value_or(false)) out.sync |= bit(s);
      }
      if (s == service::dr) {
        if (auto* cfg = c.object(*svc, "configuration", path + ".configuration", false)) {
          std::string cpath = path + ".configuration";
          json::object co;
          if (auto b = c.boolean(*cfg, "callScreening", cpath + ".callScreening", true)) co["callScreening"] = *b;
          if (auto sub = c.string(*cfg, "subdomain", cpath + ".subdomain", true)) {
            if (!is_subdomain(*sub))
              c.error(cpath + ".subdomain",
                      "The field 'subdomain' must be 1-10 characters matching ^([A-Za-z0-9_-]+)$.");
            co["subdomain"] = *sub;
          }
          if (auto* tokens = c.object(*cfg, "subdomainTokens", cpath + ".subdomainTokens", true)) {
            json::object to;
            for (std::string_view key : {"region1Token", "region2Token"}) {
              std::string tpath = cpath + ".subdomainTokens." + std::string(key);
              if (auto t = c.string(*tokens, key, tpath, true)) {
                if (!is_subdomain_token(*t))
                  c.error(tpath, "The field '" + std::string(key) +
                                     "' must be 1-100 characters matching ^([A-Za-z0-9=_-]+)$.");
                to[key] = *t;
              }
            }
            co["subdomainTokens"] = std::move(to);
          }
          o["configuration"] = std::move(co);
          out.dr_configured = true;
        }
      }
      details[service_key(s)] = std::move(o);
    }
    out.body["serviceDetails"] = std::move(details);
  }
  if (!c.ok) return std::nullopt;
  return out;
}

std::optional<number_input> parse_number(const json::value& body, std::string_view path_account,
                                         std::string_view path_number, const std::string& prefix,
                                         field_errors& errors) {
  checker c{errors, prefix};
  if (!body.is_object()) {
    c.error("", "The value must be a JSON object (NumberResource).");
    return std::nullopt;
  }
  const auto& in = body.as_object();
  number_input out;
  if (auto n = c.string(in, "telephoneNumber", "telephoneNumber", true)) {
    if (!is_e164(*n))
      c.error("telephoneNumber",
              "The telephone number '" + *n + "' is not in E.164 format (^\\+[1-9]\\d+$, at most 16 characters).");
    else if (!path_number.empty() && *n != path_number)
      c.error("telephoneNumber", "The field 'telephoneNumber' (" + *n + ") must equal the number in the path (" +
                                     std::string(path_number) + ").");
    out.telephone_number = *n;
    out.body["telephoneNumber"] = *n;
  }
  if (auto a = c.string(in, "accountName", "accountName", true)) {
    if (!is_account_name(*a))
      c.error("accountName", "The field 'accountName' must be 1-100 characters matching ^([A-Za-z0-9_-]+)$.");
    else if (*a != path_account)
      c.error("accountName", "The field 'accountName' (" + *a + ") must equal the account name in the path (" +
                                 std::string(path_account) + ").");
    out.account_name = *a;
    out.body["accountName"] = *a;
  }
  if (auto* sd = c.object(in, "serviceDetails", "serviceDetails", true)) {
    json::object details;
    for (service s : all_services) {
      std::string path = "serviceDetails." + std::string(service_key(s));
      auto* svc = c.object(*sd, service_key(s), path, false);
      if (!svc) continue;
      json::object o;
      auto enabled = c.boolean(*svc, "enabled", path + ".enabled", true);
      if (enabled) o["enabled"] = *enabled;
      if (enabled.value_or(false)) out.services |= bit(s);
      if (s == service::oc || s == service::tpm) {
        if (auto st = c.string(*svc, "assignmentStatus", path + ".assignmentStatus", false)) {
          if (*st != "assigned" && *st != "unassigned")
            c.error(path + ".assignmentStatus", "The field 'assignmentStatus' must be 'assigned' or 'unassigned'.");
          o["assignmentStatus"] = *st;
        }
        if (auto* cfg = c.object(*svc, "configuration", path + ".configuration", false))
          o["configuration"] = teams_number_config(c, *cfg, path + ".configuration");
      }
      details[service_key(s)] = std::move(o);
    }
    out.body["serviceDetails"] = std::move(details);
  }
  if (auto* cfg = c.object(in, "configuration", "configuration", false)) {
    json::object co;
    if (auto h = c.string(*cfg, "customSipHeader", "configuration.customSipHeader", false)) {
      if (!is_custom_sip_header(*h))
        c.error("configuration.customSipHeader",
                "The field 'customSipHeader' must be 1-100 characters matching ^([A-Za-z0-9_-])+$.");
      co["customSipHeader"] = *h;
    }
    out.body["configuration"] = std::move(co);
  }
  if (!c.ok) return std::nullopt;
  return out;
}

std::optional<std::string> parse_number_identifier(const json::value& item, const std::string& prefix,
                                                   field_errors& errors) {
  checker c{errors, prefix};
  if (!item.is_object()) {
    c.error("", "The value must be a JSON object (NumberIdentifier).");
    return std::nullopt;
  }
  auto n = c.string(item.as_object(), "telephoneNumber", "telephoneNumber", true);
  if (!n) return std::nullopt;
  if (!is_e164(*n)) {
    c.error("telephoneNumber",
            "The telephone number '" + *n + "' is not in E.164 format (^\\+[1-9]\\d+$, 3-16 characters).");
    return std::nullopt;
  }
  return n;
}

}  // namespace acgprov::sim
