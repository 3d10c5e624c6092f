#pragma once
// The command line, declared once: every command and its options (names, value, choices, the
// opposite of a switch, help). The parser (jobs/cli/command_parse.hpp), --help, the man page and
// the shell completions (jobs/cli/cli_docs.hpp) are all made from this table. Plain data: no CLI11
// here, so that every file may include it.
#include <string_view>
#include <vector>

namespace acgprov::jobs {

struct option_spec {
  std::string_view names;  // "--output" or "-o,--output": the long name last
  std::string_view value;  // "PATH"; empty for a switch
  std::string_view help;
  std::string_view negation = {};              // a switch's opposite ("--no-resume"): either may be given once
  std::vector<std::string_view> choices = {};  // the values allowed, for help and completion
  bool hidden = false;                         // accepted (to be refused with a reason), never shown
};

struct option_group {
  std::string_view title;
  std::vector<option_spec> options;
};

struct command_spec {
  std::string_view words;        // "apply", "accounts apply"
  std::string_view synopsis;     // after the words: "INPUT... --report PATH [options]"
  std::string_view summary;      // one line, for the command list
  std::string_view description;  // paragraphs for --help and the man page (may be empty)
  std::string_view positional;   // "INPUT" or empty (no positional arguments)
  std::vector<const option_group*> groups;
  std::string_view exit_codes;
};

// Every command, in the order of `acgprov --help`.
const std::vector<command_spec>& command_table();
// The command whose words are `words` ("accounts apply"); nullptr if there is none.
const command_spec* find_command(std::string_view words);
// The options every command takes (--job, --log-format, --verbose, --help, --version).
const option_group& common_options();
// The exit codes as `acgprov --help` and the man page state them.
extern const char* const exit_codes_text;

// The long name of an option ("--output" of "-o,--output").
std::string_view long_name(const option_spec& o);

}  // namespace acgprov::jobs
