#include "sim/state/store.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;

std::string_view to_string(provisioning_status s) {
  switch (s) {
    case provisioning_status::pending:
      return "pending";
    case provisioning_status::synced:
      return "synced";
    case provisioning_status::failed:
      return "failed";
  }
  return "synced";
}

std::string lower_case(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

provisioning_status sync_state::resolve(steady_clock::time_point now) {
  if (shown != provisioning_status::pending || never || held) return shown;
  // Counted reads replace the delay. Else strictly after: the write's own answer (rendered at
  // the instant it was planned) says pending even with a zero delay, as the real service
  // answers a write before it syncs.
  if (reads_left ? *reads_left == 0 : now > due) shown = outcome;
  return shown;
}

void sync_state::note_read() {
  if (shown == provisioning_status::pending && !held && reads_left && *reads_left > 0) --*reads_left;
}

json::array sync_state::visible_errors() const {
  return shown == provisioning_status::failed ? outcome_errors : json::array{};
}

account_record* store::find_account(std::string_view name) {
  auto it = accounts.find(name);
  return it == accounts.end() ? nullptr : &it->second;
}

number_record* store::find_number(std::string_view telephone_number) {
  auto it = numbers.find(telephone_number);
  return it == numbers.end() ? nullptr : &it->second;
}

rfi_record* store::find_rfi(std::string_view tenant_id) {
  auto it = rfis.find(lower_case(tenant_id));
  return it == rfis.end() ? nullptr : &it->second;
}

void store::erase_number(std::string_view telephone_number) {
  auto it = numbers.find(telephone_number);
  if (it == numbers.end()) return;
  if (auto* a = find_account(it->second.input.account_name)) {
    for (service s : all_services)
      if (it->second.input.services & bit(s)) --a->number_count[static_cast<unsigned>(s)];
    a->numbers.erase(it->first);
  }
  numbers.erase(it);
}

void store::put_number(number_record record) {
  std::string key = record.input.telephone_number;
  erase_number(key);
  auto& a = accounts.at(record.input.account_name);
  for (service s : all_services)
    if (record.input.services & bit(s)) ++a.number_count[static_cast<unsigned>(s)];
  a.numbers.insert(key);
  numbers.insert_or_assign(std::move(key), std::move(record));
}

void store::erase_account(std::string_view name) {
  auto it = accounts.find(name);
  if (it == accounts.end()) return;
  for (const auto& n : it->second.numbers) numbers.erase(n);
  accounts.erase(it);
}

std::string_view store::subdomain_status(const account_record& a) {
  bool dr_enabled = a.input.enabled & bit(service::dr);
  if (dr_enabled && a.input.dr_configured && a.sync.shown == provisioning_status::synced) return "provisioned";
  return "notProvisioned";
}

json::object store::render(account_record& a, steady_clock::time_point now) {
  auto status = a.sync.resolve(now);
  json::object o = a.input.body;
  if (auto* sd = o.if_contains("serviceDetails"); sd && sd->is_object()) {
    auto& details = sd->as_object();
    for (service s : all_services) {
      auto* svc = details.if_contains(service_key(s));
      if (!svc || !svc->is_object()) continue;
      auto& so = svc->as_object();
      so["numberCount"] = a.number_count[static_cast<unsigned>(s)];
      if (s == service::dr) so["subdomainStatus"] = subdomain_status(a);
    }
  }
  o["serviceProvisioningStatus"] = to_string(status);
  o["serviceProvisioningErrors"] = a.sync.visible_errors();
  return o;
}

json::object store::render(number_record& n, steady_clock::time_point now) {
  auto status = n.sync.resolve(now);
  json::object o = n.input.body;
  o["serviceProvisioningStatus"] = to_string(status);
  o["serviceProvisioningErrors"] = n.sync.visible_errors();
  return o;
}

json::object store::render(rfi_record& r, steady_clock::time_point now) {
  auto status = r.sync.resolve(now);
  json::object o = r.body;
  o["serviceProvisioningStatus"] = to_string(status);
  o["serviceProvisioningErrors"] = r.sync.visible_errors();
  return o;
}

}  // namespace acgprov::sim
