#include "jobs/cli/cli_docs.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace acgprov::jobs {

namespace {

// `text` folded at `width` columns, every line after the first indented by `indent`.
std::string wrap(std::string_view text, std::size_t first_column, std::size_t indent, std::size_t width = 100) {
  std::string out, word;
  std::size_t column = first_column;
  std::istringstream in{std::string(text)};
  bool first = true;
  while (in >> word) {
    if (!first && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
  }
  return out;
}

std::string option_label(const option_spec& o) {
  std::string label(o.names);
  for (std::size_t at = 0; (at = label.find(',', at)) != std::string::npos; at += 2) label.replace(at, 1, ", ");
  if (!o.value.empty()) label += " " + std::string(o.value);
  if (!o.negation.empty()) label += ", " + std::string(o.negation);
  return label;
}

std::vector<std::string> command_words(std::string_view words) {
  std::vector<std::string> out;
  std::istringstream in{std::string(words)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The first words of the commands ("apply", "accounts", ...), in table order.
std::vector<std::string> top_words() {
  std::vector<std::string> out;
  for (const auto& c : command_table()) {
    auto first = command_words(c.words).front();
    if (std::find(out.begin(), out.end(), first) == out.end()) out.push_back(first);
  }
  return out;
}

std::vector<std::string> subcommands_of(const std::string& top) {
  std::vector<std::string> out;
  for (const auto& c : command_table()) {
    auto w = command_words(c.words);
    if (w.size() == 2 && w[0] == top) out.push_back(w[1]);
  }
  return out;
}

std::string roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '-') out += "\\-";
    else if (c == '\\') out += "\\e";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep = " ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Every name a user may type for the command's options (both of a switch's names).
std::vector<std::string> typed_names(const command_spec& c) {
  std::vector<std::string> out;
  for (const auto* g : c.groups)
    for (const auto& o : g->options) {
      if (o.hidden) continue;
      for (const auto& n : command_words([&] {
             std::string s(o.names);
             for (auto& ch : s)
               if (ch == ',') ch = ' ';
             return s;
           }()))
        out.push_back(n);
      if (!o.negation.empty()) out.emplace_back(o.negation);
    }
  return out;
}

bool names_files(const option_spec& o) { return o.value == "PATH" || o.value == "FILE" || o.value == "PEM"; }

}  // namespace

std::string command_help(const command_spec& c) {
  std::string out = "usage: acgprov " + std::string(c.words) + " " + std::string(c.synopsis) + "\n\n";
  if (!c.description.empty()) out += wrap(c.description, 0, 0) + "\n";
  for (const auto* g : c.groups) {
    out += "\n" + std::string(g->title) + ":\n";
    for (const auto& o : g->options) {
      if (o.hidden) continue;
      std::string label = "  " + option_label(o);
      if (label.size() + 2 > 24) out += label + "\n" + std::string(24, ' ');
      else out += label + std::string(24 - label.size(), ' ');
      out += wrap(o.help, 24, 24) + "\n";
    }
  }
  out += "\n" + wrap("exit codes: " + std::string(c.exit_codes), 0, 0) + "\n";
  return out;
}

std::string commands_help(std::string_view prefix) {
  std::string out = "usage: acgprov " +
                    (prefix.empty() ? std::string("COMMAND") : std::string(prefix) + " SUBCOMMAND") +
                    " [options]\n\ncommands:\n";
  for (const auto& c : command_table()) {
    if (!prefix.empty() && command_words(c.words).front() != prefix) continue;
    std::string line = "  " + std::string(c.words) + " " + std::string(c.synopsis);
    out += line + "\n" + std::string(6, ' ') + std::string(c.summary) + " (see acgprov " + std::string(c.words) +
           " --help)\n";
  }
  out += "\nevery command also takes:\n";
  for (const auto& o : common_options().options) {
    std::string label = "  " + option_label(o);
    out += label + std::string(label.size() < 24 ? 24 - label.size() : 1, ' ') + wrap(o.help, 24, 24) + "\n";
  }
  out += "\n" + wrap("exit codes: " + std::string(exit_codes_text), 0, 0) + "\n";
  return out;
}

std::string man_page() {
  std::ostringstream m;
  m << ".\\\" Generated from the option table (jobs/cli/option_table.cpp) by `acgprov __describe man`; do not edit.\n"
    << ".TH ACGPROV 1 \"\" \"acgprov\" \"User Commands\"\n"
    << ".SH NAME\nacgprov \\- bulk provisioning for the Azure Communications Gateway Provisioning API\n"
    << ".SH SYNOPSIS\n";
  for (const auto& c : command_table()) m << ".B acgprov " << roff(c.words) << "\n" << roff(c.synopsis) << "\n.br\n";
  m << ".SH DESCRIPTION\n"
    << "acgprov loads telephone numbers, accounts and RFI updates into the Provisioning API of Azure "
       "Communications Gateway, writes one report row per input row, and exports what the API holds. "
       "Options may be given as \\fB\\-\\-flag value\\fR or \\fB\\-\\-flag=value\\fR; an option given again "
       "wins over the earlier one; \\fB\\-\\-\\fR ends the options (what follows is an INPUT even if it "
       "starts with \\-). Every switch has an opposite (\\fB\\-\\-resume\\fR, \\fB\\-\\-no\\-resume\\fR), so "
       "that the command line wins over a job file.\n"
    << ".SH COMMANDS\n";
  std::vector<const option_group*> groups;
  for (const auto& c : command_table()) {
    m << ".SS \"acgprov " << roff(c.words) << "\"\n" << roff(c.description) << "\n.PP\nOptions: ";
    std::vector<std::string> titles;
    for (const auto* g : c.groups) {
      titles.push_back(roff(g->title));
      if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    }
    m << join(titles, ", ") << ".\n.PP\nExit status: " << roff(c.exit_codes) << ".\n";
  }
  m << ".SH OPTIONS\n";
  std::set<std::string> titles_done;
  for (const auto* g : groups) {
    // Groups of the same title (apply's and accounts apply's) under one heading.
    if (titles_done.insert(std::string(g->title)).second) m << ".SS \"" << roff(g->title) << "\"\n";
    for (const auto& o : g->options) {
      if (o.hidden) continue;
      m << ".TP\n.B " << roff(option_label(o)) << "\n" << roff(o.help);
      if (!o.choices.empty()) {
        std::vector<std::string> cs(o.choices.begin(), o.choices.end());
        m << " (one of: " << roff(join(cs, ", ")) << ")";
      }
      m << "\n";
    }
  }
  m << ".SH ENVIRONMENT\n";
  const std::pair<const char*, const char*> env[] = {
      {"ACGPROV_ENDPOINT", "the API base URL, when --endpoint is not given (over a job file's endpoint)"},
      {"ACGPROV_TENANT", "the directory tenant (over a job file's tenant)"},
      {"ACGPROV_CLIENT_ID", "the application (client) id (over a job file's client-id)"},
      {"ACGPROV_CLIENT_SECRET", "the client secret (a secret is never a flag value, nor in a job file)"},
      {"AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_AUTHORITY_HOST",
       "the Azure SDK's variables, below the ACGPROV_ ones"},
      {"AZURE_FEDERATED_TOKEN_FILE", "workload identity: the federated token to exchange"},
      {"IDENTITY_ENDPOINT, IDENTITY_HEADER, AZURE_POD_IDENTITY_AUTHORITY_HOST", "managed identity endpoints"},
      {"HTTPS_PROXY, ALL_PROXY, NO_PROXY", "the proxy (and its Basic credentials), below --proxy and --no-proxy"},
  };
  for (const auto& [name, what] : env) m << ".TP\n.B " << roff(name) << "\n" << roff(what) << "\n";
  m << ".PP\nPrecedence: flags on the command line, then the environment, then the job file.\n"
    << ".SH EXIT STATUS\n";
  const std::pair<const char*, const char*> codes[] = {
      {"0", "every row synced, deleted or unchanged"},
      {"1", "finished; some rows did not end well (see the report)"},
      {"2", "usage, configuration or unreadable input; nothing sent"},
      {"3",
       "aborted (credentials refused, endpoint unreachable, interrupted, --deadline reached); the report "
       "complete for every row"},
      {"4", "another run holds the report's lock (REPORT.lock); nothing read, sent or written"},
  };
  for (const auto& [code, what] : codes) m << ".TP\n.B " << code << "\n" << roff(what) << "\n";
  m << ".SH SEE ALSO\n.BR acgprov\\-sim (1)\n";
  return m.str();
}

std::string bash_completion() {
  std::ostringstream b;
  b << "# bash completion for acgprov. Generated from the option table by `acgprov __describe bash`; do not edit.\n"
    << "_acgprov() {\n"
    << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd opts\n"
    << "  COMPREPLY=()\n"
    << "  if ((COMP_CWORD == 1)); then\n"
    << "    COMPREPLY=($(compgen -W \"" << join(top_words()) << " --help --version\" -- \"$cur\"))\n"
    << "    return\n  fi\n"
    << "  cmd=${COMP_WORDS[1]}\n"
    << "  case $cmd in\n";
  for (const auto& top : top_words()) {
    auto subs = subcommands_of(top);
    if (subs.empty()) continue;
    b << "    " << top << ")\n"
      << "      if ((COMP_CWORD == 2)); then\n"
      << "        COMPREPLY=($(compgen -W \"" << join(subs) << "\" -- \"$cur\"))\n"
      << "        return\n      fi\n"
      << "      cmd=\"$cmd ${COMP_WORDS[2]}\" ;;\n";
  }
  b << "  esac\n  case $cmd in\n";
  for (const auto& c : command_table()) {
    b << "    \"" << c.words << "\")\n      case $prev in\n";
    for (const auto* g : c.groups)
      for (const auto& o : g->options) {
        if (o.value.empty() || o.hidden) continue;
        std::string names(o.names);
        for (auto& ch : names)
          if (ch == ',') ch = '|';
        if (!o.choices.empty()) {
          std::vector<std::string> cs(o.choices.begin(), o.choices.end());
          b << "        " << names << ") COMPREPLY=($(compgen -W \"" << join(cs) << "\" -- \"$cur\")); return ;;\n";
        } else if (names_files(o)) {
          b << "        " << names << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
        } else {
          b << "        " << names << ") return ;;\n";
        }
      }
    b << "      esac\n      opts=\"" << join(typed_names(c)) << "\" ;;\n";
  }
  b << "    *) return ;;\n  esac\n"
    << "  if [[ $cur == -* ]]; then\n"
    << "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
    << "  else\n"
    << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
    << "  fi\n"
    << "}\n"
    << "complete -o filenames -F _acgprov acgprov\n";
  return b.str();
}

std::string zsh_completion() {
  // The help in brackets, without what _arguments reads as syntax.
  auto brief = [](std::string_view help) {
    std::string s(help.substr(0, help.find_first_of(";(")));
    if (s.size() > 70) s = s.substr(0, 70);
    std::string out;
    for (char c : s)
      if (c != '[' && c != ']' && c != ':' && c != '\'' && c != '\\' && c != '`' && c != '"') out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  std::ostringstream z;
  z << "#compdef acgprov\n"
    << "# zsh completion for acgprov. Generated from the option table by `acgprov __describe zsh`; do not edit.\n"
    << "_acgprov() {\n"
    << "  local cmd\n"
    << "  if (( CURRENT == 2 )); then\n"
    << "    compadd -- " << join(top_words()) << "\n    return\n  fi\n"
    << "  cmd=$words[2]\n"
    << "  case $cmd in\n";
  for (const auto& top : top_words()) {
    auto subs = subcommands_of(top);
    if (subs.empty()) continue;
    z << "    " << top << ")\n"
      << "      if (( CURRENT == 3 )); then\n"
      << "        compadd -- " << join(subs) << "\n        return\n      fi\n"
      << "      cmd=\"$cmd $words[3]\"\n      shift words; (( CURRENT-- )) ;;\n";
  }
  z << "  esac\n  shift words; (( CURRENT-- ))\n  case $cmd in\n";
  for (const auto& c : command_table()) {
    z << "    \"" << c.words << "\")\n      _arguments -s";
    for (const auto* g : c.groups)
      for (const auto& o : g->options) {
        if (o.hidden) continue;
        std::string action;
        if (!o.value.empty()) {
          std::vector<std::string> cs(o.choices.begin(), o.choices.end());
          action = ":" + std::string(o.value) + ":" +
                   (!cs.empty()      ? "(" + join(cs) + ")"
                    : names_files(o) ? "_files"
                                     : " ");
        }
        std::vector<std::string> names = command_words([&] {
          std::string s(o.names);
          for (auto& ch : s)
            if (ch == ',') ch = ' ';
          return s;
        }());
        for (const auto& n : names) z << " \\\n        '" << n << "[" << brief(o.help) << "]" << action << "'";
        if (!o.negation.empty()) z << " \\\n        '" << o.negation << "[the opposite of " << long_name(o) << "]'";
      }
    if (!c.positional.empty()) z << " \\\n        '*:" << c.positional << ":_files'";
    z << " ;;\n";
  }
  z << "  esac\n}\n_acgprov \"$@\"\n";
  return z.str();
}

}  // namespace acgprov::jobs
