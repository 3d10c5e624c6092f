#include "jobs/input/rfi_row.hpp"

#include "jobs/input/number_rules.hpp"

#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// RequestForInformationResource members a client cannot set (api-contract §4.6).
constexpr std::array<std::string_view, 12> read_only{"id",
                                                     "accountName",
                                                     "productContext",
                                                     "operatorId",
                                                     "status",
                                                     "consentedOn",
                                                     "lastModifiedOn",
                                                     "consentedCountries",
                                                     "contacts",
                                                     "serviceProvisioningStatus",
                                                     "serviceProvisioningErrors",
                                                     "etag"};

constexpr std::string_view invalid_code = "InvalidField";

bool is_read_only(std::string_view key) {
  return std::find(read_only.begin(), read_only.end(), key) != read_only.end();
}

std::string string_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto* v = o->if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

const json::object* object_at(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

std::optional<field_error> relationship_member(const json::value& v, const std::string& field, json::object& out,
                                               std::string_view key) {
  if (v.is_null()) {
    out[key] = nullptr;  // merge patch: remove
    return std::nullopt;
  }
  if (!v.is_string()) return field_error{field, field + " must be a string or null"};
  if (!is_valid_utf8(v.get_string())) return field_error{field, field + " is not valid UTF-8"};
  out[key] = v.get_string();
  return std::nullopt;
}

}  // namespace

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::variant<resource_task, invalid_row> to_rfi_task(const io::input_record& rec) {
  resource_task task;
  task.file = rec.file;
  task.line = rec.line;
  json::object relationship;
  auto refuse = [&](std::string field, std::string message) {
    return invalid_resource(rec, "update", task.key, std::string(invalid_code), std::move(message), std::move(field));
  };

  if (!rec.fields.empty()) {
    for (const auto& [column, value] : rec.fields) {
      const auto v = trim(value);
      if (column == "tenantId") {
        task.key = std::string(v);
      } else if (!v.empty()) {
        if (!is_valid_utf8(v)) return refuse(column, column + " is not valid UTF-8");
        relationship[column] = v;
      }
    }
  } else {
    for (const auto& kv : rec.object) {
      const std::string key(kv.key());
      const auto& v = kv.value();
      if (key == "tenantId") {
        if (!v.is_string()) return refuse(key, "tenantId must be a string");
        task.key = std::string(v.get_string());
      } else if (key == "customerRelationship") {
        if (v.is_null()) continue;
        if (!v.is_object()) return refuse(key, "customerRelationship must be an object");
        for (const auto& m : v.get_object()) {
          const std::string field = key + "." + std::string(m.key());
          if (m.key() == "lastModifiedOn") continue;  // read-only
          if (m.key() != "status" && m.key() != "comment")
            return refuse(field, field + " is not a known member (known: status, comment)");
          if (auto e = relationship_member(m.value(), field, relationship, m.key()))
            return refuse(e->field, e->message);
        }
      } else if (!is_read_only(key)) {
        return refuse(key, key + " is not a known member (known: tenantId, customerRelationship)");
      }
    }
  }
  if (task.key.empty()) return refuse("tenantId", "tenantId is required");
  if (!is_guid(task.key)) {
    std::string shown = quoted(task.key);
    task.key = printable(task.key);
    return refuse("tenantId", "tenantId " + shown + " is not a GUID");
  }
  if (relationship.empty())
    return refuse("customerRelationship", "nothing to update: give the customer relationship's status and/or comment");
  task.body["customerRelationship"] = std::move(relationship);
  return task;
}

std::vector<std::string> rfi_csv_cells(const json::object& api) {
  auto joined_strings = [](const json::value* v) {
    std::string out;
    if (!v || !v->is_array()) return out;
    for (const auto& item : v->get_array()) {
      if (!item.is_string()) continue;
      if (!out.empty()) out += "; ";
      out += item.get_string();
    }
    return out;
  };
  std::string contacts, company, size;
  if (auto* list = api.if_contains("contacts"); list && list->is_array()) {
    for (const auto& c : list->get_array()) {
      if (!c.is_object()) continue;
      const auto& o = c.get_object();
      std::string one = string_at(&o, "fullName");
      if (auto email = string_at(&o, "email"); !email.empty()) one += (one.empty() ? "<" : " <") + email + ">";
      if (!one.empty()) contacts += (contacts.empty() ? "" : "; ") + one;
      if (company.empty()) company = string_at(&o, "companyName");
      if (size.empty()) size = string_at(&o, "companySize");
    }
  }
  const json::object* rel = object_at(api, "customerRelationship");
  return {string_at(&api, "tenantId"),
          string_at(&api, "id"),
          string_at(&api, "accountName"),
          string_at(&api, "productContext"),
          string_at(&api, "operatorId"),
          string_at(&api, "status"),
          string_at(&api, "consentedOn"),
          string_at(&api, "lastModifiedOn"),
          joined_strings(api.if_contains("consentedCountries")),
          std::move(contacts),
          std::move(company),
          std::move(size),
          string_at(rel, "status"),
          string_at(rel, "comment"),
          string_at(rel, "lastModifiedOn"),
          string_at(&api, "serviceProvisioningStatus")};
}

std::string rfi_status(const json::object& api) { return string_at(&api, "status"); }

}  // namespace acgprov::jobs
