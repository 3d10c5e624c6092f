#include "jobs/resources/number_export.hpp"

#include "jobs/input/number_rules.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// Server-set members of numbers (api-contract §4.2): never part of what a client writes.
constexpr std::array<std::string_view, 5> read_only{"serviceProvisioningStatus", "serviceProvisioningErrors",
                                                    "acquiredCapabilities", "availableCapabilities", "numberCount"};

json::object without_read_only(const json::object& in) {
  json::object out;
  for (const auto& kv : in) {
    if (kv.value().is_null()) continue;
    if (std::find(read_only.begin(), read_only.end(), kv.key()) != read_only.end()) continue;
    if (kv.value().is_object()) out[kv.key()] = without_read_only(kv.value().get_object());
    else out[kv.key()] = kv.value();
  }
  return out;
}

const json::object* object_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string joined(const json::value* v) {
  std::string out;
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += ';';
    out += item.get_string();
  }
  return out;
}

}  // namespace

json::object exportable_number(const json::object& api) {
  json::object clean = without_read_only(api);
  // apply's member order: identity first.
  json::object out;
  for (std::string_view key : {"telephoneNumber", "accountName", "serviceDetails", "configuration"})
    if (auto* v = clean.if_contains(key)) out[key] = *v;
  for (const auto& kv : clean)
    if (!out.contains(kv.key())) out[kv.key()] = kv.value();
  return out;
}

number_csv_row number_csv(const json::object& api) {
  number_csv_row row;
  std::string services;
  const json::object* teams_config = nullptr;
  const json::object empty;
  if (const auto* details = object_at(api, "serviceDetails")) {
    for (auto key : service_keys) {
      const auto* entry = object_at(*details, key);
      if (!entry) continue;
      const auto* enabled = entry->if_contains("enabled");
      if (!enabled || !enabled->is_bool() || !enabled->get_bool()) {
        row.lossy = true;  // a disabled entry: the CSV names only enabled services
        continue;
      }
      if (!services.empty()) services += ';';
      services += key;
      if (entry->if_contains("assignmentStatus")) row.lossy = true;
      if (!has_teams_configuration(key)) continue;
      const auto* config = object_at(*entry, "configuration");
      const json::object& this_config = config ? *config : empty;
      if (!teams_config) {
        teams_config = &this_config;
      } else if (without_read_only(*teams_config) != without_read_only(this_config)) {
        row.lossy = true;  // one set of Teams columns for both services
      }
    }
  }
  std::string usage, capabilities, civic, location, allow;
  if (teams_config) {
    usage = string_at(*teams_config, "usage");
    capabilities = joined(teams_config->if_contains("choosableCapabilities"));
    civic = string_at(*teams_config, "civicAddressId");
    location = string_at(*teams_config, "locationId");
    if (auto* a = teams_config->if_contains("allowTenantAddressUpdate"); a && a->is_bool())
      allow = a->get_bool() ? "true" : "false";
    for (std::string_view key : {"additionalUsages", "displayedCountryCode"})
      if (auto* v = teams_config->if_contains(key); v && !v->is_null()) row.lossy = true;
  }
  std::string sip;
  if (const auto* config = object_at(api, "configuration")) sip = string_at(*config, "customSipHeader");
  row.cells = {string_at(api, "accountName"),
               string_at(api, "telephoneNumber"),
               std::move(services),
               std::move(usage),
               std::move(capabilities),
               std::move(civic),
               std::move(location),
               std::move(allow),
               std::move(sip)};
  return row;
}

}  // namespace acgprov::jobs
