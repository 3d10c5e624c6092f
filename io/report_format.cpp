#include "io/report_format.hpp"

#include "io/utf8.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace acgprov::io {

namespace json = boost::json;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

json::value string_or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(valid_utf8(s));
}

json::value number_or_null(std::uint64_t n) { return n == 0 ? json::value(nullptr) : json::value(n); }

std::uint64_t digest_from(std::string_view column, std::string_view text) {
  if (text.empty()) return 0;
  std::uint64_t value = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc{} || p != text.data() + text.size() || text.size() != 16)
    throw std::invalid_argument(std::string(column) + " is not 16 hex digits: \"" + std::string(text) + "\"");
  return value;
}

json::array errors_array(const std::vector<model::api_error>& errors) {
  json::array out;
  out.reserve(errors.size());
  for (const auto& e : errors)
    out.push_back(json::object{
        {"code", valid_utf8(e.code)}, {"message", valid_utf8(e.message)}, {"target", valid_utf8(e.target)}});
  return out;
}

std::vector<model::api_error> errors_from(const json::value& v) {
  std::vector<model::api_error> out;
  if (v.is_null()) return out;
  if (!v.is_array()) throw std::invalid_argument("errors is not an array");
  for (const auto& e : v.get_array()) {
    if (!e.is_object()) throw std::invalid_argument("errors holds a non-object");
    model::api_error err;
    const auto& o = e.get_object();
    auto str = [&](std::string_view key) -> std::string {
      const auto* p = o.if_contains(key);
      if (!p || p->is_null()) return {};
      if (!p->is_string()) throw std::invalid_argument("errors[]." + std::string(key) + " is not a string");
      return std::string(p->get_string());
    };
    err.code = str("code");
    err.message = str("message");
    err.target = str("target");
    out.push_back(std::move(err));
  }
  return out;
}

template <class T>
T number_from(std::string_view column, std::string_view text) {
  T value{};
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || p != text.data() + text.size())
    throw std::invalid_argument(std::string(column) + " is not a number: \"" + std::string(text) + "\"");
  return value;
}

template <class T>
T number_from(std::string_view column, const json::value* v) {
  if (!v || v->is_null()) return T{};
  json::error_code ec;
  const auto n = v->to_number<T>(ec);
  if (ec) throw std::invalid_argument(std::string(column) + " is not a whole number");
  return n;
}

std::string string_from(std::string_view column, const json::value* v) {
  if (!v || v->is_null()) return {};
  if (!v->is_string()) throw std::invalid_argument(std::string(column) + " is not a string");
  return std::string(v->get_string());
}

model::outcome outcome_from(std::string_view text) {
  if (auto o = model::parse_outcome(text)) return *o;
  throw std::invalid_argument("outcome \"" + std::string(text) + "\" is not a known outcome");
}

}  // namespace

std::optional<report_format> report_format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto ext = lower(path.substr(dot + 1));
  if (ext == "jsonl" || ext == "ndjson") return report_format::jsonl;
  if (ext == "csv") return report_format::csv;
  return std::nullopt;
}

std::string digest_text(std::uint64_t digest) {
  if (digest == 0) return {};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(digest));
  return text;
}

json::object to_json(const model::report_row& row) {
  json::object o;
  o.reserve(report_columns.size());
  o["file"] = valid_utf8(row.file);
  o["line"] = row.line;
  o["action"] = valid_utf8(row.action);
  o["accountName"] = valid_utf8(row.account_name);
  o["telephoneNumber"] = valid_utf8(row.telephone_number);
  o["outcome"] = model::to_string(row.outcome);
  o["httpStatus"] = row.http_status == 0 ? json::value(nullptr) : json::value(row.http_status);
  o["serviceProvisioningStatus"] = string_or_null(row.service_provisioning_status);
  o["errors"] = errors_array(row.errors);
  o["attempts"] = row.attempts;
  o["elapsedMs"] = row.elapsed_ms;
  o["requestId"] = string_or_null(row.request_id);
  o["subdomainStatus"] = string_or_null(row.subdomain_status);
  o["record"] = number_or_null(row.record);
  o["recordDigest"] = string_or_null(digest_text(row.record_digest));
  return o;
}

std::string to_jsonl_line(const model::report_row& row) {
  std::string out = json::serialize(to_json(row));
  out.push_back('\n');
  return out;
}

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string csv_header_line() {
  std::string out;
  for (auto c : report_columns) {
    if (!out.empty()) out.push_back(',');
    out += c;
  }
  out.push_back('\n');
  return out;
}

std::string to_csv_line(const model::report_row& row) {
  std::string out;
  auto cell = [&](std::string_view s, bool first = false) {
    if (!first) out.push_back(',');
    out += csv_cell(valid_utf8(s));
  };
  cell(row.file, true);
  cell(std::to_string(row.line));
  cell(row.action);
  cell(row.account_name);
  cell(row.telephone_number);
  cell(model::to_string(row.outcome));
  cell(row.http_status == 0 ? std::string() : std::to_string(row.http_status));
  cell(row.service_provisioning_status);
  cell(row.errors.empty() ? std::string() : json::serialize(errors_array(row.errors)));
  cell(std::to_string(row.attempts));
  cell(std::to_string(row.elapsed_ms));
  cell(row.request_id);
  cell(row.subdomain_status);
  cell(row.record == 0 ? std::string() : std::to_string(row.record));
  cell(digest_text(row.record_digest));
  out.push_back('\n');
  return out;
}

model::report_row row_from_json(const json::object& o) {
  model::report_row row;
  row.file = string_from("file", o.if_contains("file"));
  row.line = number_from<std::uint64_t>("line", o.if_contains("line"));
  row.action = string_from("action", o.if_contains("action"));
  row.account_name = string_from("accountName", o.if_contains("accountName"));
  row.telephone_number = string_from("telephoneNumber", o.if_contains("telephoneNumber"));
  const auto* out = o.if_contains("outcome");
  if (!out || !out->is_string()) throw std::invalid_argument("outcome is missing");
  row.outcome = outcome_from(out->get_string());
  row.http_status = number_from<int>("httpStatus", o.if_contains("httpStatus"));
  row.service_provisioning_status =
      string_from("serviceProvisioningStatus", o.if_contains("serviceProvisioningStatus"));
  if (const auto* e = o.if_contains("errors")) row.errors = errors_from(*e);
  row.attempts = number_from<std::uint32_t>("attempts", o.if_contains("attempts"));
  row.elapsed_ms = number_from<std::uint64_t>("elapsedMs", o.if_contains("elapsedMs"));
  row.request_id = string_from("requestId", o.if_contains("requestId"));
  row.subdomain_status = string_from("subdomainStatus", o.if_contains("subdomainStatus"));
  row.record = number_from<std::uint64_t>("record", o.if_contains("record"));
  row.record_digest = digest_from("recordDigest", string_from("recordDigest", o.if_contains("recordDigest")));
  return row;
}

model::report_row row_from_csv(const std::vector<std::string>& columns, const std::vector<std::string>& cells) {
  if (columns.size() != cells.size())
    throw std::invalid_argument("expected " + std::to_string(columns.size()) + " fields, found " +
                                std::to_string(cells.size()));
  model::report_row row;
  bool has_outcome = false;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i];
    const std::string& v = cells[i];
    if (c == "file") row.file = v;
    else if (c == "line") row.line = number_from<std::uint64_t>(c, v);
    else if (c == "action") row.action = v;
    else if (c == "accountName") row.account_name = v;
    else if (c == "telephoneNumber") row.telephone_number = v;
    else if (c == "outcome") {
      row.outcome = outcome_from(v);
      has_outcome = true;
    } else if (c == "httpStatus") row.http_status = v.empty() ? 0 : number_from<int>(c, v);
    else if (c == "serviceProvisioningStatus") row.service_provisioning_status = v;
    else if (c == "errors") {
      if (!v.empty()) {
        json::error_code ec;
        const json::value parsed = json::parse(v, ec);
        if (ec) throw std::invalid_argument("errors is not JSON: " + ec.message());
        row.errors = errors_from(parsed);
      }
    } else if (c == "attempts") row.attempts = v.empty() ? 0 : number_from<std::uint32_t>(c, v);
    else if (c == "elapsedMs") row.elapsed_ms = v.empty() ? 0 : number_from<std::uint64_t>(c, v);
    else if (c == "requestId") row.request_id = v;
    else if (c == "subdomainStatus") row.subdomain_status = v;
    else if (c == "record") row.record = v.empty() ? 0 : number_from<std::uint64_t>(c, v);
    else if (c == "recordDigest") row.record_digest = digest_from(c, v);
  }
  if (!has_outcome) throw std::invalid_argument("outcome is missing");
  return row;
}

}  // namespace acgprov::io
