#include "sim/state/sync_planner.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;

json::array sync_planner::backend_errors(const number_input& number, unsigned synced_services) {
  json::array errors;
  const auto* details = number.body.if_contains("serviceDetails");
  for (service s : {service::oc, service::tpm}) {
    if (!(synced_services & bit(s))) continue;
    const json::value* usage = nullptr;
    if (details && details->is_object())
      if (auto* svc = details->as_object().if_contains(service_key(s)); svc && svc->is_object())
        if (auto* cfg = svc->as_object().if_contains("configuration"); cfg && cfg->is_object())
          usage = cfg->as_object().if_contains("usage");
    if (!usage || !usage->is_string() || usage->as_string().empty()) {
      json::object e;
      e["code"] = "InvalidRequest";
      e["message"] = "Invalid/missing required configuration attributes: Usage";
      e["target"] = service_target(s);
      errors.push_back(std::move(e));
    }
  }
  return errors;
}

sync_state sync_planner::plan(bool needs_sync, std::string_view number, std::string_view account, json::array builtin,
                              steady_clock::time_point now) {
  sync_state st;
  if (!needs_sync) return st;  // synced at once, nothing to wait for
  st.shown = provisioning_status::pending;
  auto delay = config_.sync_delay;
  const sync_rule* rule = nullptr;
  for (const auto& r : config_.sync_rules) {
    if (r.number_prefix.empty() && r.account_prefix.empty()) {
      rule = &r;
      break;
    }
    if (!r.number_prefix.empty() && (number.empty() || number.substr(0, r.number_prefix.size()) != r.number_prefix))
      continue;
    if (!r.account_prefix.empty() && account.substr(0, r.account_prefix.size()) != r.account_prefix) continue;
    rule = &r;
    break;
  }
  if (rule) {
    if (rule->delay) delay = *rule->delay;
    st.reads_left = rule->pending_reads;
    st.held = rule->hold;
    switch (rule->outcome) {
      case sync_outcome::synced:
        st.outcome = provisioning_status::synced;
        break;
      case sync_outcome::failed:
        st.outcome = provisioning_status::failed;
        st.outcome_errors = rule->errors;
        break;
      case sync_outcome::never:
        st.never = true;
        break;
    }
  } else if (!builtin.empty()) {
    st.outcome = provisioning_status::failed;
    st.outcome_errors = std::move(builtin);
  }
  if (config_.faults.p_sync_never > 0 && faults_.draw_sync_never(config_.faults)) {
    st.never = true;
    stats_.count_fault("syncNever");
  }
  st.due = now + delay;
  return st;
}

sync_state sync_planner::for_account(const account_input& account, steady_clock::time_point now) {
  std::string name = account.body.contains("name") ? std::string(account.body.at("name").as_string()) : std::string();
  return plan(account.sync != 0, {}, name, {}, now);
}

sync_state sync_planner::for_number(const number_input& number, const account_record& account,
                                    steady_clock::time_point now) {
  // A number syncs through the services it enables whose account side has syncEnabled;
  // azureOperatorCallProtection has no syncEnabled and never makes a number pending.
  unsigned synced = number.services & account.input.sync & ~bit(service::aocp);
  return plan(synced != 0, number.telephone_number, number.account_name, backend_errors(number, synced), now);
}

sync_state sync_planner::for_rfi(steady_clock::time_point now) {
  // An RFI update is pushed to Operator Connect / Teams Phone Mobile (seed), hence pending.
  return plan(true, {}, {}, {}, now);
}

}  // namespace acgprov::sim
