#include "tests/support/prometheus_text.hpp"

#include <cmath>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace acgprov::test {

namespace {

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

struct line_parser {
  const std::string& line;
  std::size_t lineno;
  std::size_t pos = 0;

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("metrics line " + std::to_string(lineno) + ": " + why + ": " + line);
  }
  bool done() const { return pos >= line.size(); }
  char peek() const { return done() ? '\0' : line[pos]; }
  void skip_blanks() {
    while (!done() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  }
  std::string name(bool label) {
    const std::size_t start = pos;
    if (done() || !name_start(line[pos]) || (label && line[pos] == ':')) fail("a name was expected");
    while (!done() && name_char(line[pos]) && !(label && line[pos] == ':')) ++pos;
    return line.substr(start, pos - start);
  }
  std::string token() {
    const std::size_t start = pos;
    while (!done() && line[pos] != ' ' && line[pos] != '\t') ++pos;
    return line.substr(start, pos - start);
  }
  // A label value: "..." with \\, \" and \n escapes.
  std::string quoted() {
    if (peek() != '"') fail("a quoted label value was expected");
    ++pos;
    std::string out;
    for (;;) {
      if (done()) fail("an unterminated label value");
      char c = line[pos++];
      if (c == '"') return out;
      if (c == '\\') {
        if (done()) fail("an escape at the end of the line");
        char e = line[pos++];
        if (e == '\\') out += '\\';
        else if (e == '"') out += '"';
        else if (e == 'n') out += '\n';
        else fail("an unknown escape \\" + std::string(1, e));
      } else {
        out += c;
      }
    }
  }
};

double parse_value(const line_parser& p, const std::string& text) {
  if (text == "+Inf" || text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return NAN;
  if (text.empty()) p.fail("a value was expected");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) p.fail("not a number: '" + text + "'");
  return v;
}

std::string unescape_help(const line_parser& p, const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i >= text.size()) p.fail("an escape at the end of HELP");
    if (text[i] == '\\') out += '\\';
    else if (text[i] == 'n') out += '\n';
    else p.fail("an unknown escape in HELP");
  }
  return out;
}

// The family a sample name belongs to (histogram and summary samples carry suffixes).
std::string family_of(const prom_exposition& e, const std::string& sample) {
  if (e.families.count(sample)) return sample;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (sample.size() > s.size() && sample.compare(sample.size() - s.size(), s.size(), s) == 0) {
      const std::string base = sample.substr(0, sample.size() - s.size());
      auto it = e.families.find(base);
      if (it != e.families.end() && (it->second.type == "histogram" || it->second.type == "summary")) return base;
    }
  }
  return sample;
}

}  // namespace

prom_exposition parse_prometheus_text(const std::string& text) {
  prom_exposition out;
  std::set<std::string> closed;  // families whose samples ended (another family's began)
  std::string current;
  std::size_t lineno = 0;
  std::size_t start = 0;
  if (!text.empty() && text.back() != '\n') throw std::runtime_error("metrics: the last line has no newline");
  while (start < text.size()) {
    const std::size_t eol = text.find('\n', start);
    const std::string line = text.substr(start, eol - start);
    start = eol + 1;
    ++lineno;
    line_parser p{line, lineno};
    p.skip_blanks();
    if (p.done()) continue;
    if (p.peek() == '#') {
      ++p.pos;
      p.skip_blanks();
      const std::string keyword = p.token();
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
      p.skip_blanks();
      const std::string name = p.name(false);
      auto [it, fresh] = out.families.try_emplace(name);
      if (fresh) {
        it->second.name = name;
        it->second.type = "untyped";
        out.order.push_back(name);
      }
      if (closed.count(name) || (!it->second.samples.empty())) p.fail(keyword + " after the family's samples");
      if (keyword == "HELP") {
        if (p.peek() == ' ') ++p.pos;
        if (!it->second.help.empty()) p.fail("a second HELP");
        it->second.help = unescape_help(p, line.substr(p.pos));
        if (it->second.help.empty()) p.fail("an empty HELP");
      } else {
        p.skip_blanks();
        const std::string type = p.token();
        static const std::set<std::string> types{"counter", "gauge", "histogram", "summary", "untyped"};
        if (!types.count(type)) p.fail("an unknown TYPE");
        if (it->second.type != "untyped" || !it->second.samples.empty()) p.fail("a second TYPE");
        it->second.type = type;
        p.skip_blanks();
        if (!p.done()) p.fail("more after the TYPE");
      }
      continue;
    }
    prom_sample s;
    s.name = p.name(false);
    if (p.peek() == '{') {
      ++p.pos;
      p.skip_blanks();
      while (p.peek() != '}') {
        const std::string label = p.name(true);
        p.skip_blanks();
        if (p.peek() != '=') p.fail("'=' was expected after label " + label);
        ++p.pos;
        p.skip_blanks();
        const std::string value = p.quoted();
        if (!s.labels.emplace(label, value).second) p.fail("label " + label + " twice");
        p.skip_blanks();
        if (p.peek() == ',') {
          ++p.pos;
          p.skip_blanks();
        } else if (p.peek() != '}') {
          p.fail("',' or '}' was expected");
        }
      }
      ++p.pos;
    }
    if (p.peek() != ' ' && p.peek() != '\t') p.fail("a blank before the value was expected");
    p.skip_blanks();
    s.value = parse_value(p, p.token());
    p.skip_blanks();
    if (!p.done()) {
      const std::string stamp = p.token();
      char* end = nullptr;
      (void)std::strtoll(stamp.c_str(), &end, 10);
      if (stamp.empty() || end != stamp.c_str() + stamp.size()) p.fail("a bad timestamp");
      p.skip_blanks();
      if (!p.done()) p.fail("more after the timestamp");
    }
    const std::string family = family_of(out, s.name);
    if (family != current) {
      if (!current.empty()) closed.insert(current);
      if (closed.count(family)) p.fail("the samples of " + family + " are not together");
      current = family;
    }
    auto [it, fresh] = out.families.try_emplace(family);
    if (fresh) {
      it->second.name = family;
      it->second.type = "untyped";
      out.order.push_back(family);
    }
    for (const auto& other : it->second.samples)
      if (other.name == s.name && other.labels == s.labels) p.fail("a sample repeated with the same labels");
    it->second.samples.push_back(std::move(s));
  }
  return out;
}

}  // namespace acgprov::test
