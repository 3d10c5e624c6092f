#include "jobs/input/input_accounts.hpp"

#include "io/record_reader.hpp"

namespace acgprov::jobs {

std::optional<std::set<std::string>> named_accounts(const std::vector<input_spec>& inputs) {
  for (const auto& in : inputs)
    if (in.path == "-") return std::nullopt;
  std::set<std::string> out;
  for (const auto& in : inputs) {
    auto reader = io::open_reader(in.path, in.format);
    // Bounded by the input: every pass reads one record.
    while (auto rec = reader->next()) {
      if (!rec->error.empty()) continue;
      if (!rec->fields.empty()) {
        for (const auto& [name, value] : rec->fields)
          if (name == "accountName") out.insert(value);
      } else if (const auto* v = rec->object.if_contains("accountName"); v && v->is_string()) {
        out.emplace(v->as_string());
      }
    }
  }
  return out;
}

}  // namespace acgprov::jobs
