#pragma once
// The list `filter` grammar. The contract names the parameter but no grammar, so the emulator
// takes a small OData-like subset (docs/sim.md):
//   filter := clause { "and" clause }
//   clause := field ("eq" | "ne") literal | "startswith(" field "," literal ")"
//   literal := '...' with '' for a quote
// Keywords are case-insensitive; field names are case-sensitive and limited per collection.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

struct filter_clause {
  enum class kind { eq, ne, startswith };
  kind op = kind::eq;
  std::string field;
  std::string value;
};

struct filter_expr {
  std::vector<filter_clause> clauses;  // all must hold

  bool empty() const { return clauses.empty(); }
  // `lookup(field)` returns the item's value of a field, or nullopt when it has none.
  template <class Lookup>
  bool matches(Lookup&& lookup) const {
    for (const auto& c : clauses) {
      std::optional<std::string> v = lookup(c.field);
      bool hit = false;
      switch (c.op) {
        case filter_clause::kind::eq:
          hit = v && *v == c.value;
          break;
        case filter_clause::kind::ne:
          hit = !v || *v != c.value;
          break;
        case filter_clause::kind::startswith:
          hit = v && v->compare(0, c.value.size(), c.value) == 0;
          break;
      }
      if (!hit) return false;
    }
    return true;
  }
};

// nullopt with `error` set when the text does not parse or names a field not in `fields`.
std::optional<filter_expr> parse_filter(std::string_view text, const std::vector<std::string_view>& fields,
                                        std::string& error);

}  // namespace acgprov::sim
