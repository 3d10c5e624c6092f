#include "jobs/input/account_row.hpp"

#include "jobs/input/field_reading.hpp"
#include "jobs/input/header_rules.hpp"
#include "jobs/input/number_rules.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

constexpr std::string_view direct_routing = "teamsDirectRouting";
constexpr std::string_view call_protection = "azureOperatorCallProtection";

// Server-set members of an account (api-contract §4.1).
constexpr std::array<std::string_view, 4> read_only{"serviceProvisioningStatus", "serviceProvisioningErrors",
                                                    "numberCount", "subdomainStatus"};

bool is_read_only(std::string_view key) {
  return std::find(read_only.begin(), read_only.end(), key) != read_only.end();
}
bool has_sync(std::string_view service) { return service != call_protection; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool token_chars(std::string_view s, bool allow_equals) {
  return std::all_of(s.begin(), s.end(), [&](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || (allow_equals && c == '=');
  });
}

std::optional<field_error> check_subdomain(std::string_view v, const std::string& field) {
  if (v.empty() || v.size() > 10 || !token_chars(v, false))
    return field_error{field, field + " " + quoted(v) + " must be 1-10 characters of A-Z a-z 0-9 _ -"};
  return std::nullopt;
}

std::optional<field_error> check_token(std::string_view v, const std::string& field) {
  if (v.empty() || v.size() > 100 || !token_chars(v, true))
    return field_error{field, field + " " + quoted(v) + " must be 1-100 characters of A-Z a-z 0-9 = _ -"};
  return std::nullopt;
}

std::optional<field_error> check_text(std::string_view v, const std::string& field) {
  if (!is_valid_utf8(v)) return field_error{field, field + " is not valid UTF-8"};
  return std::nullopt;
}

// ---- CSV ----------------------------------------------------------------------------------

std::optional<field_error> parse_bool(std::string_view cell, const std::string& column, std::optional<bool>& out) {
  if (cell.empty()) return std::nullopt;
  const auto w = lower(cell);
  if (w != "true" && w != "false") return field_error{column, column + " " + quoted(cell) + " is not true or false"};
  out = (w == "true");
  return std::nullopt;
}

std::variant<json::object, field_error> from_csv(const io::input_record& rec, std::string& etag) {
  const csv_cells cell(rec);
  json::object body;
  body["name"] = cell["name"];
  if (auto v = cell["correlationId"]; !v.empty()) {
    if (auto e = check_text(v, "correlationId")) return *e;
    body["correlationId"] = v;
  }
  json::object details;
  if (auto v = cell["teamsTenantId"]; !v.empty()) {
    if (auto e = check_text(v, "teamsTenantId")) return *e;
    details["teamsTenantId"] = v;
  }
  for (auto service : service_keys) {
    const std::string prefix(service);
    std::optional<bool> enabled, sync;
    if (auto e = parse_bool(cell[prefix + ".enabled"], prefix + ".enabled", enabled)) return *e;
    if (has_sync(service))
      if (auto e = parse_bool(cell[prefix + ".syncEnabled"], prefix + ".syncEnabled", sync)) return *e;
    json::object dr_config;
    if (service == direct_routing) {
      const auto subdomain = cell["teamsDirectRouting.subdomain"];
      const auto token1 = cell["teamsDirectRouting.region1Token"];
      const auto token2 = cell["teamsDirectRouting.region2Token"];
      std::optional<bool> screening;
      if (auto e = parse_bool(cell["teamsDirectRouting.callScreening"], "teamsDirectRouting.callScreening", screening))
        return *e;
      if (!subdomain.empty() || !token1.empty() || !token2.empty() || screening) {
        if (auto e = check_subdomain(subdomain, "teamsDirectRouting.subdomain")) return *e;
        if (auto e = check_token(token1, "teamsDirectRouting.region1Token")) return *e;
        if (auto e = check_token(token2, "teamsDirectRouting.region2Token")) return *e;
        // "enabled by default" (api-contract §4.1).
        dr_config["callScreening"] = screening.value_or(true);
        dr_config["subdomain"] = subdomain;
        dr_config["subdomainTokens"] = json::object{{"region1Token", token1}, {"region2Token", token2}};
      }
    }
    if (!enabled) {
      if (sync)
        return field_error{prefix + ".syncEnabled", prefix + ".syncEnabled is given but " + prefix + ".enabled is not"};
      if (!dr_config.empty())
        return field_error{"teamsDirectRouting.enabled",
                           "the Direct Routing configuration is given but teamsDirectRouting.enabled is not"};
      continue;
    }
    if (has_sync(service) && !sync)
      return field_error{prefix + ".syncEnabled",
                         prefix + ".syncEnabled is required (true or false) when " + prefix + ".enabled is given"};
    json::object entry;
    entry["enabled"] = *enabled;
    if (sync) entry["syncEnabled"] = *sync;
    if (!dr_config.empty()) entry["configuration"] = std::move(dr_config);
    details[service] = std::move(entry);
  }
  if (!details.empty()) body["serviceDetails"] = std::move(details);
  etag = std::string(cell["etag"]);
  return body;
}

// ---- JSON ---------------------------------------------------------------------------------

field_error unknown_member(const std::string& field, std::string_view known) {
  return {field, field + " is not a known member (known: " + std::string(known) + ")"};
}

std::string path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::optional<field_error> dr_configuration(const json::value& v, const std::string& field, json::object& out) {
  if (!v.is_object()) return wrong_type(field, "an object", v);
  for (const auto& kv : v.get_object()) {
    const std::string f = path(field, kv.key());
    const auto& m = kv.value();
    if (m.is_null()) continue;
    if (kv.key() == "callScreening") {
      if (!m.is_bool()) return wrong_type(f, "true or false", m);
      out["callScreening"] = m.get_bool();
    } else if (kv.key() == "subdomain") {
      if (!m.is_string()) return wrong_type(f, "a string", m);
      if (auto e = check_subdomain(m.get_string(), f)) return e;
      out["subdomain"] = m.get_string();
    } else if (kv.key() == "subdomainTokens") {
      if (!m.is_object()) return wrong_type(f, "an object", m);
      json::object tokens;
      for (const auto& t : m.get_object()) {
        const std::string tf = path(f, t.key());
        if (t.value().is_null()) continue;
        if (t.key() != "region1Token" && t.key() != "region2Token")
          return unknown_member(tf, "region1Token, region2Token");
        if (!t.value().is_string()) return wrong_type(tf, "a string", t.value());
        if (auto e = check_token(t.value().get_string(), tf)) return e;
        tokens[t.key()] = t.value().get_string();
      }
      out["subdomainTokens"] = std::move(tokens);
    } else {
      return unknown_member(f, "callScreening, subdomain, subdomainTokens");
    }
  }
  return std::nullopt;
}

std::optional<field_error> service_entry(std::string_view service, const json::value& v, const std::string& field,
                                         json::object& out) {
  if (!v.is_object()) return wrong_type(field, "an object", v);
  bool enabled = false, sync = false;
  for (const auto& kv : v.get_object()) {
    const std::string f = path(field, kv.key());
    const auto& m = kv.value();
    if (m.is_null() || is_read_only(kv.key())) continue;
    if (kv.key() == "enabled" || (kv.key() == "syncEnabled" && has_sync(service))) {
      if (!m.is_bool()) return wrong_type(f, "true or false", m);
      out[kv.key()] = m.get_bool();
      (kv.key() == "enabled" ? enabled : sync) = true;
    } else if (kv.key() == "configuration" && service == direct_routing) {
      json::object config;
      if (auto e = dr_configuration(m, f, config)) return e;
      out["configuration"] = std::move(config);
    } else {
      std::string known = has_sync(service) ? "enabled, syncEnabled" : "enabled";
      if (service == direct_routing) known += ", configuration";
      return unknown_member(f, known);
    }
  }
  if (!enabled) return field_error{path(field, "enabled"), path(field, "enabled") + " is required"};
  if (has_sync(service) && !sync)
    return field_error{path(field, "syncEnabled"), path(field, "syncEnabled") + " is required"};
  return std::nullopt;
}

std::variant<json::object, field_error> from_json(const json::object& in, std::string& etag) {
  json::object body;
  for (const auto& kv : in) {
    const std::string key(kv.key());
    const auto& v = kv.value();
    if (v.is_null() || is_read_only(key)) continue;
    if (key == "name" || key == "correlationId" || key == "etag") {
      if (!v.is_string()) return wrong_type(key, "a string", v);
      if (auto e = check_text(v.get_string(), key)) return *e;
      if (key == "etag") etag = std::string(v.get_string());
      else body[key] = v.get_string();
    } else if (key == "serviceDetails") {
      if (!v.is_object()) return wrong_type(key, "an object", v);
      json::object details;
      for (const auto& s : v.get_object()) {
        const std::string f = path(key, s.key());
        if (s.value().is_null()) continue;
        if (s.key() == "teamsTenantId") {
          if (!s.value().is_string()) return wrong_type(f, "a string", s.value());
          details["teamsTenantId"] = s.value().get_string();
          continue;
        }
        const auto service = canonical_service(s.key());
        if (!service || *service != s.key()) return unknown_member(f, "teamsTenantId, " + service_list());
        json::object entry;
        if (auto e = service_entry(*service, s.value(), f, entry)) return *e;
        details[*service] = std::move(entry);
      }
      body["serviceDetails"] = std::move(details);
    } else {
      return unknown_member(key, "name, correlationId, serviceDetails, etag");
    }
  }
  if (!body.contains("name")) return field_error{"name", "name is required"};
  return body;
}

// ---- export -------------------------------------------------------------------------------

json::object settings_of(const json::object& in) {
  json::object out;
  for (const auto& kv : in) {
    if (kv.value().is_null() || is_read_only(kv.key())) continue;
    if (kv.value().is_object()) out[kv.key()] = settings_of(kv.value().get_object());
    else out[kv.key()] = kv.value();
  }
  return out;
}

const json::object* object_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto* v = o->if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string bool_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto* v = o->if_contains(key);
  return v && v->is_bool() ? (v->get_bool() ? "true" : "false") : "";
}

}  // namespace

std::variant<resource_task, invalid_row> to_account_task(const io::input_record& rec) {
  resource_task task;
  task.file = rec.file;
  task.line = rec.line;
  std::string shown_name;
  std::variant<json::object, field_error> parsed;
  if (!rec.fields.empty()) {
    shown_name = std::string(csv_cells(rec)["name"]);
    parsed = from_csv(rec, task.if_match);
  } else {
    if (auto* n = rec.object.if_contains("name"); n && n->is_string()) shown_name = std::string(n->get_string());
    parsed = from_json(rec.object, task.if_match);
  }
  auto refuse = [&](field_error e) {
    return invalid_resource(rec, "upsert", shown_name, std::string(invalid_account_code), std::move(e.message),
                            std::move(e.field));
  };
  if (auto* e = std::get_if<field_error>(&parsed)) return refuse(std::move(*e));
  task.body = std::move(std::get<json::object>(parsed));
  if (auto e = check_name_token(shown_name, "name")) return refuse(std::move(*e));
  // The etag goes out as If-Match: refused here, with its own code, before it nears the wire.
  if (!task.if_match.empty())
    if (auto e = check_etag(task.if_match))
      return invalid_resource(rec, "upsert", shown_name, std::string(invalid_header_value_code), std::move(e->message),
                              std::move(e->field));
  task.key = shown_name;
  return task;
}

json::object account_settings(const json::object& account) { return settings_of(account); }

json::object exportable_account(const json::object& api) {
  json::object clean = settings_of(api);
  json::object out;
  for (std::string_view key : {"name", "correlationId", "serviceDetails"})
    if (auto* v = clean.if_contains(key)) out[key] = *v;
  for (const auto& kv : clean)
    if (!out.contains(kv.key())) out[kv.key()] = kv.value();
  return out;
}

std::vector<std::string> account_csv_cells(const json::object& api) {
  const json::object* details = object_at(api, "serviceDetails");
  auto service = [&](std::string_view key) { return details ? object_at(*details, key) : nullptr; };
  const json::object* dr = service(direct_routing);
  const json::object* dr_config = dr ? object_at(*dr, "configuration") : nullptr;
  const json::object* tokens = dr_config ? object_at(*dr_config, "subdomainTokens") : nullptr;
  return {string_at(&api, "name"),
          string_at(&api, "correlationId"),
          string_at(details, "teamsTenantId"),
          bool_at(service("teamsOperatorConnect"), "enabled"),
          bool_at(service("teamsOperatorConnect"), "syncEnabled"),
          bool_at(service("teamsPhoneMobile"), "enabled"),
          bool_at(service("teamsPhoneMobile"), "syncEnabled"),
          bool_at(dr, "enabled"),
          bool_at(dr, "syncEnabled"),
          bool_at(dr_config, "callScreening"),
          string_at(dr_config, "subdomain"),
          string_at(tokens, "region1Token"),
          string_at(tokens, "region2Token"),
          bool_at(service("zoomPhoneCloudPeering"), "enabled"),
          bool_at(service("zoomPhoneCloudPeering"), "syncEnabled"),
          bool_at(service(call_protection), "enabled")};
}

std::string subdomain_status_of(const json::object& api) {
  const json::object* details = object_at(api, "serviceDetails");
  const json::object* dr = details ? object_at(*details, direct_routing) : nullptr;
  return string_at(dr, "subdomainStatus");
}

}  // namespace acgprov::jobs
