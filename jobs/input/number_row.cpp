#include "jobs/input/number_row.hpp"

#include "jobs/input/field_reading.hpp"
#include "jobs/input/number_json.hpp"
#include "jobs/input/number_rules.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

// What is known of a row so far, for its report row if it is refused.
struct row_identity {
  std::string action = "upsert";
  std::string account;
  std::string number;
};

invalid_row make_invalid(const io::input_record& rec, const row_identity& id, std::string_view code,
                         std::string message, std::string target) {
  invalid_row out;
  auto& r = out.row;
  r.file = rec.file;
  r.line = rec.line;
  r.action = printable(id.action);
  r.account_name = printable(id.account);
  r.telephone_number = printable(id.number);
  r.outcome = model::outcome::invalid;
  r.errors.push_back({std::string(code), std::move(message), std::move(target)});
  return out;
}

invalid_row field_invalid(const io::input_record& rec, const row_identity& id, field_error e) {
  return make_invalid(rec, id, invalid_field_code, std::move(e.message), std::move(e.field));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<engine::number_action> parse_action(std::string_view word) {
  const auto w = lower(word);
  if (w.empty() || w == "upsert") return engine::number_action::upsert;
  if (w == "delete") return engine::number_action::remove;
  return std::nullopt;
}

field_error bad_action(std::string_view word) {
  return {"action", "action " + quoted(word) + " is not upsert or delete"};
}

template <class F>
void split_list(std::string_view cell, F&& each) {
  while (!cell.empty()) {
    const auto semi = cell.find(';');
    const auto item = trim(cell.substr(0, semi));
    if (!item.empty()) each(item);
    if (semi == std::string_view::npos) break;
    cell.remove_prefix(semi + 1);
  }
}

// ---- CSV ----------------------------------------------------------------------------------

std::variant<engine::number_task, invalid_row> from_csv(const io::input_record& rec) {
  const csv_cells cell(rec);
  row_identity id;
  const auto action_cell = cell["action"];
  id.account = cell["accountName"];
  id.number = cell["telephoneNumber"];
  const auto action = parse_action(action_cell);
  if (!action) {
    id.action = action_cell;
    return field_invalid(rec, id, bad_action(action_cell));
  }
  id.action = action_word(*action);
  if (auto e = check_name_token(id.account, "accountName")) return field_invalid(rec, id, *e);
  if (auto e = check_telephone_number(id.number)) return field_invalid(rec, id, *e);

  engine::number_task task;
  task.file = rec.file;
  task.line = rec.line;
  task.action = *action;
  task.account = id.account;
  task.number = id.number;
  if (*action == engine::number_action::remove) return task;

  // services: which entries serviceDetails gets.
  std::vector<std::string_view> services;
  std::optional<field_error> err;
  split_list(cell["services"], [&](std::string_view word) {
    if (err) return;
    const auto key = canonical_service(word);
    if (!key)
      err = field_error{"services",
                        "services names an unknown service " + quoted(word) + " (known: " + service_list() + ")"};
    else if (std::find(services.begin(), services.end(), *key) == services.end()) services.push_back(*key);
  });
  if (err) return field_invalid(rec, id, *err);

  // The Teams number settings, in the API's member order; empty cells are left out.
  json::object teams;
  for (std::string_view column : {"usage", "choosableCapabilities", "civicAddressId", "locationId"}) {
    const auto value = cell[column];
    if (value.empty()) continue;
    if (!is_valid_utf8(value))
      return field_invalid(rec, id, {std::string(column), std::string(column) + " is not valid UTF-8"});
    if (column == "choosableCapabilities") {
      json::array list;
      split_list(value, [&](std::string_view c) { list.emplace_back(c); });
      if (!list.empty()) teams[column] = std::move(list);
    } else {
      teams[column] = value;
    }
  }
  if (const auto allow = cell["allowTenantAddressUpdate"]; !allow.empty()) {
    const auto w = lower(allow);
    if (w != "true" && w != "false")
      return field_invalid(
          rec, id, {"allowTenantAddressUpdate", "allowTenantAddressUpdate " + quoted(allow) + " is not true or false"});
    teams["allowTenantAddressUpdate"] = (w == "true");
  }
  const bool any_teams_service =
      std::any_of(services.begin(), services.end(), [](auto s) { return has_teams_configuration(s); });
  if (!teams.empty() && !any_teams_service) {
    // Name the first Teams setting given, in column order.
    std::string first;
    for (auto column : {"usage", "choosableCapabilities", "civicAddressId", "locationId", "allowTenantAddressUpdate"})
      if (first.empty() && !cell[column].empty()) first = column;
    return field_invalid(rec, id,
                         {first, first + " is a Teams number setting, but services enables "
                                         "neither teamsOperatorConnect nor teamsPhoneMobile"});
  }

  json::object details;
  for (auto key : service_keys) {
    if (std::find(services.begin(), services.end(), key) == services.end()) continue;
    json::object entry{{"enabled", true}};
    if (has_teams_configuration(key) && !teams.empty()) entry["configuration"] = teams;
    details[key] = std::move(entry);
  }

  json::object& res = task.resource;
  res["telephoneNumber"] = id.number;
  res["accountName"] = id.account;
  res["serviceDetails"] = std::move(details);
  if (const auto sip = cell["customSipHeader"]; !sip.empty()) {
    if (auto e = check_name_token(sip, "customSipHeader")) return field_invalid(rec, id, *e);
    res["configuration"] = json::object{{"customSipHeader", sip}};
  }
  return task;
}

// ---- JSON ---------------------------------------------------------------------------------

// A member shown in the report: its text if a string, else its JSON.
std::string shown(const json::object& obj, std::string_view key) {
  const auto* v = obj.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

std::variant<engine::number_task, invalid_row> from_json(const io::input_record& rec) {
  const json::object& obj = rec.object;
  row_identity id;
  id.account = shown(obj, "accountName");
  id.number = shown(obj, "telephoneNumber");

  engine::number_action action = engine::number_action::upsert;
  if (const auto* a = obj.if_contains("action"); a && !a->is_null()) {
    if (!a->is_string()) {
      id.action = json::serialize(*a);
      return field_invalid(rec, id, {"action", "action must be the string \"upsert\" or \"delete\""});
    }
    const auto parsed = parse_action(a->get_string());
    if (!parsed) {
      id.action = a->get_string();
      return field_invalid(rec, id, bad_action(a->get_string()));
    }
    action = *parsed;
  }
  id.action = action_word(action);

  engine::number_task task;
  task.file = rec.file;
  task.line = rec.line;
  task.action = action;
  if (action == engine::number_action::remove) {
    // Only the identity matters to a delete; the rest of an exported resource is ignored.
    for (std::string_view key : {"accountName", "telephoneNumber"}) {
      const auto* v = obj.if_contains(key);
      if (!v || v->is_null()) return field_invalid(rec, id, {std::string(key), std::string(key) + " is required"});
      if (!v->is_string()) return field_invalid(rec, id, {std::string(key), std::string(key) + " must be a string"});
    }
    if (auto e = check_name_token(id.account, "accountName")) return field_invalid(rec, id, *e);
    if (auto e = check_telephone_number(id.number)) return field_invalid(rec, id, *e);
    task.account = id.account;
    task.number = id.number;
    return task;
  }

  auto cleaned = clean_number_resource(obj);
  if (auto* e = std::get_if<field_error>(&cleaned)) return field_invalid(rec, id, std::move(*e));
  task.resource = std::move(std::get<json::object>(cleaned));
  task.account = id.account;
  task.number = id.number;
  return task;
}

}  // namespace

std::string_view action_word(engine::number_action action) {
  return action == engine::number_action::remove ? "delete" : "upsert";
}

std::variant<engine::number_task, invalid_row> to_number_task(const io::input_record& rec) {
  if (!rec.error.empty()) {
    row_identity id;
    id.action.clear();  // unknown: the record could not be read
    return make_invalid(rec, id, unreadable_record_code, rec.error, "");
  }
  if (!rec.fields.empty()) return from_csv(rec);
  return from_json(rec);
}

invalid_row duplicate_row(const engine::number_task& task, std::string_view first_file, std::uint64_t first_line) {
  io::input_record where;
  where.file = task.file;
  where.line = task.line;
  row_identity id{std::string(action_word(task.action)), task.account, task.number};
  std::string first(first_file);
  if (first_line != 0) first += ":" + std::to_string(first_line);
  return make_invalid(
      where, id, duplicate_number_code,
      "duplicate of " + first + " (telephoneNumber " + task.number + " appears more than once in this run)",
      "telephoneNumber");
}

}  // namespace acgprov::jobs
