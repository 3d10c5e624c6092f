#pragma once
// Maps method + decoded path segments to one of the 18 operations of 2024-02-29-preview.
// Literal segments and action names match case-insensitively (as ASP.NET routing does);
// account names, numbers and ids are taken verbatim.
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

enum class operation {
  none,
  accounts_list,
  accounts_get,
  accounts_put,
  accounts_delete,
  create_or_update_numbers,
  delete_numbers,
  get_capability_plans,
  get_available_capabilities,
  account_numbers_list,
  number_get,
  number_put,
  number_delete,
  civic_addresses_list,
  civic_address_get,
  numbers_list,
  rfi_list,
  rfi_get,
  rfi_patch,
};

struct route_match {
  operation op = operation::none;
  bool path_known = false;  // the path names a resource but not with this method (405)
  std::string account;
  std::string number;
  std::string civic_address_id;
  std::string tenant_id;
};

route_match match_route(std::string_view method, const std::vector<std::string>& segments);

// The swagger's operationId, e.g. "Accounts_CreateOrReplaceNumber"; "Unknown" for none.
std::string_view operation_name(operation op);

enum class access { read, write, remove };
// Read: GET. Write: PUT, PATCH and POST actions. Delete (remove): DELETE and :deleteNumbers.
access required_access(operation op);
// Operations that declare Repeatability-Request-ID / -First-Sent (swagger [P]).
bool accepts_repeatability(operation op);
// All but GET /numbers declare x-ms-client-request-id.
bool echoes_client_request_id(operation op);
// Operations that change state (for the writes counter and the request log).
bool is_write(operation op);

}  // namespace acgprov::sim
