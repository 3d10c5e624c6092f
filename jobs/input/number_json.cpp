#include "jobs/input/number_json.hpp"

#include "io/json_text.hpp"
#include "jobs/input/field_reading.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// Member lists live in static arrays: a braced list bound to a view would dangle.
using names = std::span<const std::string_view>;
constexpr std::array<std::string_view, 5> top_members{"action", "telephoneNumber", "accountName", "serviceDetails",
                                                      "configuration"};
constexpr std::array<std::string_view, 1> number_configuration_members{"customSipHeader"};
constexpr std::array<std::string_view, 3> teams_service_members{"enabled", "assignmentStatus", "configuration"};
constexpr std::array<std::string_view, 1> plain_service_members{"enabled"};
constexpr std::array<std::string_view, 7> teams_configuration_members{
    "usage",      "choosableCapabilities",    "additionalUsages",    "civicAddressId",
    "locationId", "allowTenantAddressUpdate", "displayedCountryCode"};

// Server-set members (api-contract §4.1, §4.2): accepted on input and left out of the PUT.
constexpr std::array<std::string_view, 5> read_only{"serviceProvisioningStatus", "serviceProvisioningErrors",
                                                    "numberCount", "acquiredCapabilities", "availableCapabilities"};

template <class List>
bool contains(const List& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string join(names list) {
  std::string out;
  for (auto n : list) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

// Walks one object: known members are passed to `on_member`, read-only ones skipped, null
// ones treated as absent, anything else refused.
template <class F>
std::optional<field_error> members(const json::object& obj, std::string_view parent, names known, F&& on_member) {
  for (const auto& kv : obj) {
    const std::string_view key = kv.key();
    if (contains(read_only, key) || kv.value().is_null()) continue;
    if (!contains(known, key)) {
      const std::string field = path(parent, key);
      return field_error{field, field + " is not a known member (known: " + join(known) + ")"};
    }
    if (auto err = on_member(key, kv.value(), path(parent, key))) return err;
  }
  return std::nullopt;
}

std::optional<field_error> string_member(const json::value& v, const std::string& field, json::object& out,
                                         std::string_view key) {
  if (!v.is_string()) return wrong_type(field, "a string", v);
  out[key] = v.get_string();
  return std::nullopt;
}

std::optional<field_error> string_array_member(const json::value& v, const std::string& field, json::object& out,
                                               std::string_view key) {
  if (!v.is_array()) return wrong_type(field, "an array of strings", v);
  for (const auto& item : v.get_array())
    if (!item.is_string())
      return field_error{field,
                         field + " must be an array of strings, but holds " + std::string(io::json_kind_name(item))};
  out[key] = v.get_array();
  return std::nullopt;
}

std::optional<field_error> teams_configuration(const json::object& in, const std::string& parent, json::object& out) {
  return members(
      in, parent, teams_configuration_members,
      [&](std::string_view key, const json::value& v, const std::string& field) -> std::optional<field_error> {
        if (key == "choosableCapabilities" || key == "additionalUsages") return string_array_member(v, field, out, key);
        if (key == "allowTenantAddressUpdate") {
          if (!v.is_bool()) return wrong_type(field, "true or false", v);
          out[key] = v.get_bool();
          return std::nullopt;
        }
        return string_member(v, field, out, key);
      });
}

std::optional<field_error> service_entry(std::string_view service, const json::value& v, const std::string& parent,
                                         json::object& out) {
  if (!v.is_object()) return wrong_type(parent, "an object", v);
  const bool teams = has_teams_configuration(service);
  const names known = teams ? names(teams_service_members) : names(plain_service_members);
  bool has_enabled = false;
  auto err =
      members(v.get_object(), parent, known,
              [&](std::string_view key, const json::value& m, const std::string& field) -> std::optional<field_error> {
                if (key == "enabled") {
                  if (!m.is_bool()) return wrong_type(field, "true or false", m);
                  out["enabled"] = m.get_bool();
                  has_enabled = true;
                  return std::nullopt;
                }
                if (key == "assignmentStatus") {
                  if (!m.is_string() || (m.get_string() != "assigned" && m.get_string() != "unassigned"))
                    return field_error{field, field + " must be \"assigned\" or \"unassigned\""};
                  out["assignmentStatus"] = m.get_string();
                  return std::nullopt;
                }
                if (!m.is_object()) return wrong_type(field, "an object", m);
                json::object config;
                if (auto e = teams_configuration(m.get_object(), field, config)) return e;
                out["configuration"] = std::move(config);
                return std::nullopt;
              });
  if (err) return err;
  if (!has_enabled) {
    const std::string field = parent + ".enabled";
    return field_error{field, field + " is required (true or false)"};
  }
  return std::nullopt;
}

std::optional<field_error> service_details(const json::value& v, json::object& out) {
  const std::string field = "serviceDetails";
  if (!v.is_object()) return wrong_type(field, "an object", v);
  // Entries in the canonical order, whatever the input's order: a stable body.
  for (const auto& kv : v.get_object()) {
    if (kv.value().is_null() || contains(read_only, kv.key())) continue;
    if (std::find(service_keys.begin(), service_keys.end(), kv.key()) == service_keys.end())
      return field_error{field + "." + std::string(kv.key()),
                         field + " names an unknown service " + quoted(kv.key()) + " (known: " + service_list() + ")"};
  }
  for (auto key : service_keys) {
    const auto* entry = v.get_object().if_contains(key);
    if (!entry || entry->is_null()) continue;
    json::object cleaned;
    if (auto err = service_entry(key, *entry, path(field, key), cleaned)) return err;
    out[key] = std::move(cleaned);
  }
  return std::nullopt;
}

std::optional<field_error> required_string(const json::object& in, std::string_view key, std::string_view& out) {
  const auto* v = in.if_contains(key);
  if (!v || v->is_null()) return field_error{std::string(key), std::string(key) + " is required"};
  if (!v->is_string()) return wrong_type(std::string(key), "a string", *v);
  out = v->get_string();
  return std::nullopt;
}

}  // namespace

std::variant<json::object, field_error> clean_number_resource(const json::object& in) {
  std::string_view number, account;
  if (auto err = required_string(in, "telephoneNumber", number)) return *err;
  if (auto err = check_telephone_number(number)) return *err;
  if (auto err = required_string(in, "accountName", account)) return *err;
  if (auto err = check_name_token(account, "accountName")) return *err;

  json::object details;
  json::object configuration;
  bool has_configuration = false;
  auto err = members(
      in, "", top_members,
      [&](std::string_view key, const json::value& v, const std::string& field) -> std::optional<field_error> {
        if (key == "serviceDetails") return service_details(v, details);
        if (key != "configuration") return std::nullopt;  // checked above, or the caller's
        if (!v.is_object()) return wrong_type(field, "an object", v);
        has_configuration = true;
        return members(v.get_object(), field, number_configuration_members,
                       [&](std::string_view, const json::value& m, const std::string& f) -> std::optional<field_error> {
                         if (!m.is_string()) return wrong_type(f, "a string", m);
                         if (auto e = check_name_token(m.get_string(), f)) return e;
                         configuration["customSipHeader"] = m.get_string();
                         return std::nullopt;
                       });
      });
  if (err) return *err;

  json::object out;
  out["telephoneNumber"] = number;
  out["accountName"] = account;
  out["serviceDetails"] = std::move(details);
  if (has_configuration && !configuration.empty()) out["configuration"] = std::move(configuration);
  return out;
}

}  // namespace acgprov::jobs
