#include "sim/state/seed.hpp"

#include "sim/transport/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument("seed: " + what); }

const json::array& list(const json::object& seed, std::string_view key) {
  static const json::array empty;
  auto* v = seed.if_contains(key);
  if (!v) return empty;
  if (!v->is_array()) fail("'" + std::string(key) + "' must be an array");
  return v->as_array();
}

std::string string_member(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string describe(const field_errors& errors) {
  std::string s;
  for (const auto& e : errors) s += (s.empty() ? "" : "; ") + e.target + ": " + e.message;
  return s;
}

// Honours a seeded serviceProvisioningStatus.
sync_state seeded_sync(const json::object& o, std::chrono::milliseconds delay, steady_clock::time_point now,
                       const std::string& where) {
  sync_state st;
  std::string status = string_member(o, "serviceProvisioningStatus");
  if (status.empty() || status == "synced") return st;
  if (status == "pending") {
    st.shown = provisioning_status::pending;
    st.due = now + delay;
    // Emulator-only members (not stored): pending for N reads, or until released.
    if (auto* n = o.if_contains("pendingReads")) {
      if (!n->is_int64() || n->as_int64() < 0) fail(where + ": pendingReads must be a whole number >= 0");
      st.reads_left = static_cast<std::uint32_t>(std::min<std::int64_t>(n->as_int64(), 1'000'000));
    }
    if (auto* h = o.if_contains("hold")) {
      if (!h->is_bool()) fail(where + ": hold must be true or false");
      st.held = h->as_bool();
    }
  } else if (status == "failed") {
    st.shown = st.outcome = provisioning_status::failed;
    if (auto* e = o.if_contains("serviceProvisioningErrors"); e && e->is_array()) st.outcome_errors = e->as_array();
  } else {
    fail(where + ": serviceProvisioningStatus must be pending, synced or failed");
  }
  return st;
}

}  // namespace

void load_seed(store& data, const json::object& seed, id_source& ids, std::chrono::milliseconds sync_delay,
               steady_clock::time_point now) {
  for (const auto& [k, v] : seed)
    if (k != "accounts" && k != "numbers" && k != "civicAddresses" && k != "rfis")
      fail("unknown key '" + std::string(k) + "'");

  std::size_t i = 0;
  for (const auto& item : list(seed, "accounts")) {
    std::string where = "accounts[" + std::to_string(i++) + "]";
    if (!item.is_object()) fail(where + " must be an object");
    std::string name = string_member(item.as_object(), "name");
    field_errors errors;
    auto input = parse_account(item, name, errors);
    if (!input) fail(where + ": " + describe(errors));
    if (data.find_account(name)) fail(where + ": duplicate account '" + name + "'");
    account_record rec;
    rec.input = std::move(*input);
    rec.etag = ids.etag();
    rec.sync = seeded_sync(item.as_object(), sync_delay, now, where);
    data.accounts.emplace(name, std::move(rec));
  }

  i = 0;
  for (const auto& item : list(seed, "numbers")) {
    std::string where = "numbers[" + std::to_string(i++) + "]";
    if (!item.is_object()) fail(where + " must be an object");
    std::string account_name = string_member(item.as_object(), "accountName");
    field_errors errors;
    auto input = parse_number(item, account_name, "", "", errors);
    if (!input) fail(where + ": " + describe(errors));
    auto* account = data.find_account(account_name);
    if (!account) fail(where + ": unknown account '" + account_name + "'");
    if (data.find_number(input->telephone_number)) fail(where + ": duplicate number " + input->telephone_number);
    for (service s : all_services)
      if ((input->services & bit(s)) && !(account->input.enabled & bit(s)))
        fail(where + ": " + std::string(service_key(s)) + " is not enabled on account '" + account_name + "'");
    number_record rec;
    rec.input = std::move(*input);
    rec.etag = ids.etag();
    rec.sync = seeded_sync(item.as_object(), sync_delay, now, where);
    data.put_number(std::move(rec));
  }

  i = 0;
  for (const auto& item : list(seed, "civicAddresses")) {
    std::string where = "civicAddresses[" + std::to_string(i++) + "]";
    if (!item.is_object()) fail(where + " must be an object");
    json::object body = item.as_object();
    std::string id = string_member(body, "id");
    std::string tenant = string_member(body, "tenantId");
    if (id.empty()) fail(where + ": 'id' is required");
    if (tenant.empty())
      fail(where + ": 'tenantId' is required (addresses belong to the account with that teamsTenantId)");
    if (data.civic_addresses.count(id)) fail(where + ": duplicate id '" + id + "'");
    // Locations name their address; the first (or the isDefault one) is the default location.
    if (auto* locs = body.if_contains("locations"); locs && locs->is_array()) {
      for (auto& l : locs->as_array()) {
        if (!l.is_object() || string_member(l.as_object(), "id").empty())
          fail(where + ": every location needs an 'id'");
        l.as_object()["civicAddressId"] = id;
        if (string_member(body, "defaultLocationId").empty()) {
          auto* d = l.as_object().if_contains("isDefault");
          if (d && d->is_bool() && d->as_bool()) body["defaultLocationId"] = string_member(l.as_object(), "id");
        }
      }
      if (string_member(body, "defaultLocationId").empty() && !locs->as_array().empty())
        body["defaultLocationId"] = string_member(locs->as_array().front().as_object(), "id");
    }
    if (string_member(body, "defaultLocationId").empty()) fail(where + ": needs 'defaultLocationId' or 'locations'");
    if (!body.contains("validationStatus")) body["validationStatus"] = "validated";
    civic_address_record rec{std::move(body), tenant, ids.etag()};
    data.civic_addresses.emplace(id, std::move(rec));
  }

  i = 0;
  std::string stamp = format_iso8601(std::chrono::system_clock::now());
  for (const auto& item : list(seed, "rfis")) {
    std::string where = "rfis[" + std::to_string(i++) + "]";
    if (!item.is_object()) fail(where + " must be an object");
    json::object body = item.as_object();
    std::string tenant = string_member(body, "tenantId");
    if (!is_guid(tenant)) fail(where + ": 'tenantId' must be a GUID");
    if (data.find_rfi(tenant)) fail(where + ": duplicate tenantId " + tenant);
    rfi_record rec;
    rec.sync = seeded_sync(body, sync_delay, now, where);
    body.erase("serviceProvisioningStatus");
    body.erase("serviceProvisioningErrors");
    if (!body.contains("id")) body["id"] = ids.uuid();
    if (!body.contains("productContext")) body["productContext"] = "teams";
    if (!body.contains("status")) body["status"] = "active";
    if (!body.contains("consentedOn")) body["consentedOn"] = stamp;
    if (!body.contains("lastModifiedOn")) body["lastModifiedOn"] = stamp;
    if (!body.contains("consentedCountries")) body["consentedCountries"] = json::array{};
    if (!body.contains("contacts")) body["contacts"] = json::array{};
    if (!body.contains("customerRelationship")) body["customerRelationship"] = json::object{};
    rec.body = std::move(body);
    rec.etag = ids.etag();
    data.rfis.emplace(lower_case(tenant), std::move(rec));
  }
}

}  // namespace acgprov::sim
