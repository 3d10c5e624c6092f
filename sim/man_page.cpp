#include "sim/man_page.hpp"

#include <sstream>
#include <vector>

namespace acgprov::sim {

namespace {

// roff: a hyphen is \- (else it may break or print as a dash), a backslash \e, and a line
// that starts with '.' or '\'' would be a request: \& in front keeps it text.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '-') out += "\\-";
    else if (c == '\\') out += "\\e";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

bool is_option(const std::string& line) { return line.rfind("  --", 0) == 0; }
bool at_margin(const std::string& line) { return !line.empty() && line[0] != ' '; }

}  // namespace

std::string man_page(const std::string& help, const std::string& version) {
  std::vector<std::string> lines;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::ostringstream m;
  m << ".\\\" Generated from `acgprov-sim --help` (sim/config.cpp) by `acgprov-sim --man-page`; do not edit.\n"
    << ".TH ACGPROV-SIM 1 \"\" \"acgprov-sim " << version << "\" \"User Commands\"\n";
  std::size_t i = 0;
  if (i < lines.size()) {
    m << ".SH NAME\n" << roff(lines[i]) << "\n";
    ++i;
  }
  bool options = false, literal = false;
  auto end_literal = [&] {
    if (literal) m << ".fi\n";
    literal = false;
  };
  for (; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool next_is_option = i + 1 < lines.size() && is_option(lines[i + 1]);
    if (line.rfind("Usage: ", 0) == 0) {
      m << ".SH SYNOPSIS\n" << roff(line.substr(7)) << "\n.SH DESCRIPTION\n";
    } else if (line.empty()) {
      end_literal();
      m << ".PP\n";
    } else if (at_margin(line) && next_is_option) {  // a section of flags
      end_literal();
      if (!options) m << ".SH OPTIONS\n";
      options = true;
      m << ".SS " << roff(line) << "\n";
    } else if (is_option(line)) {
      end_literal();
      // "  --flag ARGS   meaning": the flag and its arguments end at the first run of two
      // spaces; the meaning goes on in the indented lines below it.
      const std::string body = line.substr(2);
      const auto gap = body.find("  ");
      m << ".TP\n.B " << roff(trim(body.substr(0, gap))) << "\n";
      if (gap != std::string::npos) m << roff(trim(body.substr(gap))) << "\n";
      while (i + 1 < lines.size() && !lines[i + 1].empty() && !is_option(lines[i + 1]) && !at_margin(lines[i + 1]))
        m << roff(trim(lines[++i])) << "\n";
    } else if (!options && line[0] == ' ') {  // an example, as written
      if (!literal) m << ".nf\n";
      literal = true;
      m << roff(line) << "\n";
    } else {
      end_literal();
      m << roff(line) << "\n";
    }
  }
  end_literal();
  m << ".SH SEE ALSO\n.BR acgprov (1);\n"
    << "docs/sim.md (installed under /usr/share/doc/acgprov\\-sim) for the test controls under /_sim/.\n";
  return m.str();
}

}  // namespace acgprov::sim
