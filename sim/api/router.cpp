#include "sim/api/router.hpp"

#include "sim/transport/http_message.hpp"

namespace acgprov::sim {
namespace {

route_match make(operation op) {
  route_match m;
  m.op = op;
  m.path_known = true;
  return m;
}

route_match known_path() {
  route_match m;
  m.path_known = true;
  return m;
}

route_match account_routes(std::string_view method, const std::vector<std::string>& s) {
  const std::string& name_and_action = s[1];
  auto colon = name_and_action.rfind(':');
  if (s.size() == 2 && colon != std::string::npos) {
    std::string_view action = std::string_view(name_and_action).substr(colon + 1);
    operation op = operation::none;
    if (iequals(action, "createOrUpdateNumbers")) op = operation::create_or_update_numbers;
    else if (iequals(action, "deleteNumbers")) op = operation::delete_numbers;
    else if (iequals(action, "getTeamsCapabilityPlans")) op = operation::get_capability_plans;
    else if (iequals(action, "getTeamsAvailableCapabilities")) op = operation::get_available_capabilities;
    if (op == operation::none) return {};
    route_match m = method == "POST" ? make(op) : known_path();
    m.account = name_and_action.substr(0, colon);
    return m;
  }
  route_match m;
  if (s.size() == 2) {
    if (method == "GET") m = make(operation::accounts_get);
    else if (method == "PUT") m = make(operation::accounts_put);
    else if (method == "DELETE") m = make(operation::accounts_delete);
    else m = known_path();
  } else if (s.size() == 3 && iequals(s[2], "numbers")) {
    m = method == "GET" ? make(operation::account_numbers_list) : known_path();
  } else if (s.size() == 4 && iequals(s[2], "numbers")) {
    if (method == "GET") m = make(operation::number_get);
    else if (method == "PUT") m = make(operation::number_put);
    else if (method == "DELETE") m = make(operation::number_delete);
    else m = known_path();
    m.number = s[3];
  } else if (s.size() == 3 && iequals(s[2], "teamsCivicAddresses")) {
    m = method == "GET" ? make(operation::civic_addresses_list) : known_path();
  } else if (s.size() == 4 && iequals(s[2], "teamsCivicAddresses")) {
    m = method == "GET" ? make(operation::civic_address_get) : known_path();
    m.civic_address_id = s[3];
  } else {
    return {};
  }
  m.account = s[1];
  return m;
}

}  // namespace

route_match match_route(std::string_view method, const std::vector<std::string>& s) {
  if (s.empty()) return {};
  if (iequals(s[0], "accounts")) {
    if (s.size() == 1) return method == "GET" ? make(operation::accounts_list) : known_path();
    return account_routes(method, s);
  }
  if (iequals(s[0], "numbers") && s.size() == 1) return method == "GET" ? make(operation::numbers_list) : known_path();
  if (iequals(s[0], "teamsRequestsForInformation")) {
    if (s.size() == 1) return method == "GET" ? make(operation::rfi_list) : known_path();
    if (s.size() == 2) {
      route_match m = method == "GET"     ? make(operation::rfi_get)
                      : method == "PATCH" ? make(operation::rfi_patch)
                                          : known_path();
      m.tenant_id = s[1];
      return m;
    }
  }
  return {};
}

std::string_view operation_name(operation op) {
  switch (op) {
    case operation::accounts_list:
      return "Accounts_List";
    case operation::accounts_get:
      return "Accounts_Get";
    case operation::accounts_put:
      return "Accounts_CreateOrReplace";
    case operation::accounts_delete:
      return "Accounts_Delete";
    case operation::create_or_update_numbers:
      return "Accounts_CreateOrUpdateNumbers";
    case operation::delete_numbers:
      return "Accounts_DeleteNumbers";
    case operation::get_capability_plans:
      return "Accounts_GetTeamsCapabilityPlans";
    case operation::get_available_capabilities:
      return "Accounts_GetTeamsAvailableCapabilities";
    case operation::account_numbers_list:
      return "Accounts_ListNumbers";
    case operation::number_get:
      return "Accounts_GetNumber";
    case operation::number_put:
      return "Accounts_CreateOrReplaceNumber";
    case operation::number_delete:
      return "Accounts_DeleteNumber";
    case operation::civic_addresses_list:
      return "Accounts_ListTeamsCivicAddresses";
    case operation::civic_address_get:
      return "Accounts_GetTeamsCivicAddress";
    case operation::numbers_list:
      return "ListNumbers";
    case operation::rfi_list:
      return "TeamsRequestsForInformation_List";
    case operation::rfi_get:
      return "TeamsRequestsForInformation_GetRequestForInformation";
    case operation::rfi_patch:
      return "TeamsRequestsForInformation_CreateOrUpdateRequestForInformation";
    case operation::none:
      break;
  }
  return "Unknown";
}

access required_access(operation op) {
  switch (op) {
    case operation::accounts_put:
    case operation::create_or_update_numbers:
    case operation::get_capability_plans:
    case operation::get_available_capabilities:
    case operation::number_put:
    case operation::rfi_patch:
      return access::write;
    case operation::accounts_delete:
    case operation::delete_numbers:
    case operation::number_delete:
      return access::remove;
    default:
      return access::read;
  }
}

bool accepts_repeatability(operation op) {
  switch (op) {
    case operation::accounts_put:
    case operation::accounts_delete:
    case operation::create_or_update_numbers:
    case operation::delete_numbers:
    case operation::get_capability_plans:
    case operation::get_available_capabilities:
    case operation::number_put:
    case operation::number_delete:
    case operation::rfi_patch:
      return true;
    default:
      return false;
  }
}

bool echoes_client_request_id(operation op) { return op != operation::numbers_list; }

bool is_write(operation op) {
  switch (op) {
    case operation::accounts_put:
    case operation::accounts_delete:
    case operation::create_or_update_numbers:
    case operation::delete_numbers:
    case operation::number_put:
    case operation::number_delete:
    case operation::rfi_patch:
      return true;
    default:
      return false;
  }
}

}  // namespace acgprov::sim
