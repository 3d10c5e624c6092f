#include "sim/transport/http_message.hpp"

namespace acgprov::sim {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view http_request::header(std::string_view name) const {
  for (const auto& f : headers)
    if (iequals(f.name, name)) return f.value;
  return {};
}

bool http_request::has_header(std::string_view name) const {
  for (const auto& f : headers)
    if (iequals(f.name, name)) return true;
  return false;
}

void http_response::set(std::string_view name, std::string value) {
  for (auto& f : headers)
    if (iequals(f.name, name)) {
      f.value = std::move(value);
      return;
    }
  headers.push_back({std::string(name), std::move(value)});
}

std::string_view http_response::header(std::string_view name) const {
  for (const auto& f : headers)
    if (iequals(f.name, name)) return f.value;
  return {};
}

void http_response::set_json(std::string json_text) {
  body = std::move(json_text);
  set("Content-Type", "application/json; charset=utf-8");
}

}  // namespace acgprov::sim
