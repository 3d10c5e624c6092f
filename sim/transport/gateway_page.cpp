#include "sim/transport/gateway_page.hpp"

namespace acgprov::sim {

bool inside_api(const std::vector<std::string>& segments) {
  if (segments.empty()) return false;
  // "accounts:action" is never the first segment's form, but "accounts" may carry one only
  // below it; the collection names alone decide.
  const std::string& first = segments[0];
  return iequals(first, "accounts") || iequals(first, "numbers") || iequals(first, "teamsRequestsForInformation");
}

http_response gateway_not_found() {
  http_response r;
  r.status = 404;
  r.set("Content-Type", "text/html; charset=utf-8");
  r.body =
      "<!DOCTYPE html>\n<html><head><title>404 - Not Found</title></head>\n"
      "<body><h1>404 - File or directory not found.</h1>\n"
      "<p>The resource you are looking for might have been removed, had its name changed, or is "
      "temporarily unavailable.</p></body></html>\n";
  return r;
}

}  // namespace acgprov::sim
