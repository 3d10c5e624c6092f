#include "jobs/resources/civic_export.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// A member as a cell: strings as they are, booleans and numbers as JSON text, absent/null empty.
std::string cell(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

}  // namespace

std::vector<std::vector<std::string>> civic_csv_rows(const json::object& address) {
  std::vector<std::string> base;
  base.reserve(civic_csv_columns.size());
  base.push_back(cell(address, "id"));
  // The address members: every column up to (not including) locationId, after civicAddressId.
  for (std::size_t i = 1; i < civic_csv_columns.size() && civic_csv_columns[i] != "locationId"; ++i)
    base.push_back(cell(address, civic_csv_columns[i]));

  std::vector<std::vector<std::string>> rows;
  const json::value* locations = address.if_contains("locations");
  if (locations && locations->is_array())
    for (const auto& loc : locations->get_array()) {
      if (!loc.is_object()) continue;
      const auto& l = loc.get_object();
      auto row = base;
      for (std::string_view key : {"id", "description", "additionalInfo", "isDefault", "elin"})
        row.push_back(cell(l, key));
      rows.push_back(std::move(row));
    }
  if (rows.empty()) {
    base.resize(civic_csv_columns.size());
    rows.push_back(std::move(base));
  }
  return rows;
}

}  // namespace acgprov::jobs
