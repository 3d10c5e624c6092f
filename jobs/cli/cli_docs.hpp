#pragma once
// What is written from the option table (jobs/cli/option_table.hpp): --help of every command, the
// man page acgprov(1) and the bash and zsh completions. `acgprov __describe man|bash|zsh`
// prints the last three; the build compares them with the committed docs/man/acgprov.1,
// completions/acgprov.bash and completions/_acgprov.
#include "jobs/cli/option_table.hpp"

#include <string>
#include <string_view>

namespace acgprov::jobs {

std::string command_help(const command_spec& command);
// `acgprov --help`, and `acgprov accounts --help` (prefix "accounts": its subcommands).
std::string commands_help(std::string_view prefix = {});
std::string man_page();
std::string bash_completion();
std::string zsh_completion();

}  // namespace acgprov::jobs
