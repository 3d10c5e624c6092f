#include "sim/api/conditions.hpp"

namespace acgprov::sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True if the comma-separated list names `etag` (or is "*"). The seed sends bare ETags
// (12345); a bare value matches the quoted form too, so such clients still work.
bool list_matches(std::string_view list, const std::string& etag, bool weak_ok) {
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = trim(list.substr(0, comma));
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") {
      if (!weak_ok) {
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        continue;
      }
      item.remove_prefix(2);
    }
    if (item == etag) return true;
    if (etag.size() >= 2 && item == std::string_view(etag).substr(1, etag.size() - 2)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

precondition check_preconditions(std::string_view if_match, std::string_view if_none_match, const std::string* current,
                                 bool is_read) {
  if_match = trim(if_match);
  if_none_match = trim(if_none_match);
  if (!if_match.empty()) {
    if (!current) return precondition::failed;
    if (!list_matches(if_match, *current, false)) return precondition::failed;
  }
  if (!if_none_match.empty() && current) {
    if (list_matches(if_none_match, *current, true)) return is_read ? precondition::not_modified : precondition::failed;
  }
  return precondition::proceed;
}

}  // namespace acgprov::sim
