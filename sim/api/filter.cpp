#include "sim/api/filter.hpp"

#include "sim/transport/http_message.hpp"

#include <algorithm>
#include <cctype>

namespace acgprov::sim {
namespace {

struct lexer {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  }
  bool at_end() {
    skip_space();
    return pos >= text.size();
  }
  // An identifier: letters, digits, '_' and '.'.
  std::string_view word() {
    skip_space();
    std::size_t start = pos;
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_' || text[pos] == '.'))
      ++pos;
    return text.substr(start, pos - start);
  }
  bool punct(char c) {
    skip_space();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  std::optional<std::string> literal() {
    skip_space();
    if (pos >= text.size() || text[pos] != '\'') return std::nullopt;
    ++pos;
    std::string out;
    while (pos < text.size()) {
      char c = text[pos++];
      if (c == '\'') {
        if (pos < text.size() && text[pos] == '\'') {
          out.push_back('\'');
          ++pos;
          continue;
        }
        return out;
      }
      out.push_back(c);
    }
    return std::nullopt;  // unterminated
  }
};

}  // namespace

std::optional<filter_expr> parse_filter(std::string_view text, const std::vector<std::string_view>& fields,
                                        std::string& error) {
  filter_expr expr;
  lexer lx{text};
  auto known = [&](std::string_view f) { return std::find(fields.begin(), fields.end(), f) != fields.end(); };
  auto field_list = [&] {
    std::string s;
    for (auto f : fields) s += (s.empty() ? "" : ", ") + std::string(f);
    return s;
  };
  if (lx.at_end()) {
    error = "The filter expression is empty.";
    return std::nullopt;
  }
  for (;;) {
    filter_clause clause;
    auto first = lx.word();
    if (first.empty()) {
      error = "Expected a field name at position " + std::to_string(lx.pos) + " of the filter.";
      return std::nullopt;
    }
    if (iequals(first, "startswith") && lx.punct('(')) {
      clause.op = filter_clause::kind::startswith;
      clause.field = std::string(lx.word());
      auto value = lx.punct(',') ? lx.literal() : std::nullopt;
      if (!value || !lx.punct(')')) {
        error = "Expected startswith(field,'text') in the filter.";
        return std::nullopt;
      }
      clause.value = std::move(*value);
    } else {
      clause.field = std::string(first);
      auto op = lx.word();
      if (iequals(op, "eq")) clause.op = filter_clause::kind::eq;
      else if (iequals(op, "ne")) clause.op = filter_clause::kind::ne;
      else {
        error = "Unsupported filter operator '" + std::string(op) + "'; use eq, ne or startswith().";
        return std::nullopt;
      }
      auto value = lx.literal();
      if (!value) {
        error = "Expected a quoted literal after '" + clause.field + " " + std::string(op) + "' in the filter.";
        return std::nullopt;
      }
      clause.value = std::move(*value);
    }
    if (!known(clause.field)) {
      error = "Unsupported filter field '" + clause.field + "'; supported here: " + field_list() + ".";
      return std::nullopt;
    }
    expr.clauses.push_back(std::move(clause));
    if (lx.at_end()) break;
    if (!iequals(lx.word(), "and")) {
      error = "Expected 'and' at position " + std::to_string(lx.pos) + " of the filter.";
      return std::nullopt;
    }
  }
  return expr;
}

}  // namespace acgprov::sim
