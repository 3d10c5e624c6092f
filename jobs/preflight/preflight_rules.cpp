#include "jobs/preflight/preflight_rules.hpp"

#include "jobs/input/number_rules.hpp"

#include <boost/json/value.hpp>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

const json::object* object_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool enabled(const json::object* entry) {
  if (!entry) return false;
  auto* e = entry->if_contains("enabled");
  return e && e->is_bool() && e->get_bool();
}

std::uint8_t bit(std::size_t i) { return static_cast<std::uint8_t>(1u << i); }

template <class Range>
std::string listed(const Range& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += std::string(i);
  }
  return out.empty() ? "none" : out;
}

// Calls f(key, configuration) for each enabled Operator Connect / Teams Phone Mobile entry.
template <class F>
void each_teams_config(const json::object& resource, F&& f) {
  const auto* details = object_at(resource, "serviceDetails");
  if (!details) return;
  for (auto key : service_keys) {
    if (!has_teams_configuration(key)) continue;
    const auto* entry = object_at(*details, key);
    if (!enabled(entry)) continue;
    if (const auto* config = object_at(*entry, "configuration")) f(key, *config);
  }
}

std::string config_path(std::string_view service, std::string_view field) {
  return "serviceDetails." + std::string(service) + ".configuration." + std::string(field);
}

}  // namespace

bool account_facts::teams_ready() const {
  if (!has_tenant) return false;
  for (std::size_t i = 0; i < service_keys.size(); ++i)
    if (has_teams_configuration(service_keys[i]) && (services & bit(i))) return true;
  return false;
}

account_facts facts_from_account(const json::object& account) {
  account_facts f;
  f.exists = true;
  if (const auto* details = object_at(account, "serviceDetails")) {
    f.has_tenant = !string_at(*details, "teamsTenantId").empty();
    for (std::size_t i = 0; i < service_keys.size(); ++i)
      if (enabled(object_at(*details, service_keys[i]))) f.services |= bit(i);
  }
  return f;
}

void add_civic_address(civic_facts& facts, const json::object& address) {
  const std::string id = string_at(address, "id");
  if (id.empty()) return;
  facts.addresses.insert(id);
  if (auto* locations = address.if_contains("locations"); locations && locations->is_array())
    for (const auto& l : locations->get_array())
      if (l.is_object())
        if (auto loc = string_at(l.get_object(), "id"); !loc.empty()) facts.location_address.emplace(loc, id);
}

plan_facts plans_from(const json::object& answer) {
  plan_facts p;
  auto* plans = answer.if_contains("capabilityPlans");
  if (!plans || !plans->is_array()) return p;
  for (const auto& plan : plans->get_array()) {
    if (!plan.is_object()) continue;
    const auto& o = plan.get_object();
    auto& caps = p.capabilities[string_at(o, "usage")];
    for (std::string_view list : {"mandatoryCapabilities", "choosableCapabilities"})
      if (auto* v = o.if_contains(list); v && v->is_array())
        for (const auto& c : v->get_array())
          if (c.is_string()) caps.insert(std::string(c.get_string()));
  }
  return p;
}

bool needs_civic(const json::object& resource) {
  bool needed = false;
  each_teams_config(resource, [&](std::string_view, const json::object& config) {
    if (!string_at(config, "civicAddressId").empty() || !string_at(config, "locationId").empty()) needed = true;
  });
  return needed;
}

bool needs_plans(const json::object& resource) {
  bool needed = false;
  each_teams_config(resource, [&](std::string_view, const json::object& config) {
    if (!string_at(config, "usage").empty()) needed = true;
    if (auto* caps = config.if_contains("choosableCapabilities");
        caps && caps->is_array() && !caps->get_array().empty())
      needed = true;
  });
  return needed;
}

std::optional<model::api_error> check_number(const account_facts& facts, const std::string& account,
                                             const json::object& resource) {
  if (!facts.exists)
    return model::api_error{std::string(account_not_found_code), "account " + account + " does not exist",
                            "accountName"};

  if (const auto* details = object_at(resource, "serviceDetails"))
    for (std::size_t i = 0; i < service_keys.size(); ++i) {
      if (!enabled(object_at(*details, service_keys[i])) || (facts.services & bit(i))) continue;
      std::vector<std::string_view> has;
      for (std::size_t j = 0; j < service_keys.size(); ++j)
        if (facts.services & bit(j)) has.push_back(service_keys[j]);
      return model::api_error{
          std::string(service_not_enabled_code),
          std::string(service_keys[i]) + " is not enabled on account " + account + " (it has: " + listed(has) + ")",
          "serviceDetails." + std::string(service_keys[i])};
    }

  std::optional<model::api_error> err;
  each_teams_config(resource, [&](std::string_view service, const json::object& config) {
    if (err) return;
    const std::string civic = string_at(config, "civicAddressId");
    const std::string location = string_at(config, "locationId");
    if (facts.civic) {
      if (!civic.empty() && !facts.civic->addresses.count(civic)) {
        err = model::api_error{std::string(unknown_civic_address_code),
                               "civicAddressId " + quoted(civic) + " is not one of account " + account +
                                   "'s civic addresses (see acgprov civic-addresses export --account " + account + ")",
                               config_path(service, "civicAddressId")};
        return;
      }
      if (!location.empty()) {
        auto it = facts.civic->location_address.find(location);
        if (it == facts.civic->location_address.end()) {
          err = model::api_error{std::string(unknown_location_code),
                                 "locationId " + quoted(location) + " is not a location of any of account " + account +
                                     "'s civic addresses",
                                 config_path(service, "locationId")};
          return;
        }
        if (!civic.empty() && it->second != civic) {
          err = model::api_error{std::string(unknown_location_code),
                                 "locationId " + quoted(location) + " belongs to civic address " + quoted(it->second) +
                                     ", not to civicAddressId " + quoted(civic),
                                 config_path(service, "locationId")};
          return;
        }
      }
    }
    if (!facts.plans) return;
    const auto& plans = facts.plans->capabilities;
    const std::string usage = string_at(config, "usage");
    const std::set<std::string>* offered = nullptr;
    std::set<std::string> any_plan;
    if (!usage.empty()) {
      auto it = plans.find(usage);
      if (it == plans.end()) {
        std::vector<std::string> usages;
        for (const auto& [u, caps] : plans) usages.push_back(u);
        err = model::api_error{std::string(usage_not_offered_code),
                               "usage " + quoted(usage) + " is not offered by account " + account +
                                   "'s Teams capability plans (offered: " + listed(usages) + ")",
                               config_path(service, "usage")};
        return;
      }
      offered = &it->second;
    } else {
      // No usage (the backend will say so): the capabilities must at least be in some plan.
      for (const auto& [u, caps] : plans) any_plan.insert(caps.begin(), caps.end());
      offered = &any_plan;
    }
    if (auto* caps = config.if_contains("choosableCapabilities"); caps && caps->is_array())
      for (const auto& c : caps->get_array()) {
        if (!c.is_string() || offered->count(std::string(c.get_string()))) continue;
        const std::string plan = usage.empty() ? "any capability plan of account " + account
                                               : "the capability plan for usage " + quoted(usage);
        err = model::api_error{std::string(capability_not_offered_code),
                               "choosableCapabilities names " + quoted(c.get_string()) + ", which " + plan +
                                   " does not offer (offered: " + listed(*offered) + ")",
                               config_path(service, "choosableCapabilities")};
        return;
      }
  });
  return err;
}

}  // namespace acgprov::jobs
