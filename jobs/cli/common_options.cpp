#include "jobs/cli/common_options.hpp"

#include "jobs/cli/connection_options.hpp"
#include "jobs/cli/option_table.hpp"
#include "jobs/cli/parse_error_words.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

// Of the options every command takes, these are main()'s; --help and --version are the
// command's (its help, its early exit).
bool taken_by_main(const option_spec& spec) {
  const auto name = long_name(spec);
  return name == "--job" || name == "--log-format" || name == "--verbose";
}

const option_spec& spec_of(std::string_view name) {
  for (const auto& spec : common_options().options)
    if (long_name(spec) == name) return spec;
  throw std::logic_error(std::string(name) + " is not in the option table's common options");
}

// "--job=": CLI11 would take the next argument as the value; acgprov always refused it.
void refuse_empty_equals(const std::vector<std::string>& args, const option_spec& spec) {
  const std::string empty = std::string(long_name(spec)) + "=";
  for (const auto& a : args) {
    if (a == "--") return;
    if (a == empty) throw usage_error(std::string(long_name(spec)) + " needs a value");
  }
}

std::string choices_text(const option_spec& spec) {
  std::string out;
  for (std::size_t i = 0; i < spec.choices.size(); ++i)
    out += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + std::string(spec.choices[i]);
  return out;
}

}  // namespace

common_option_values take_common_options(const std::vector<std::string>& args) {
  CLI::App app{"acgprov"};
  app.set_help_flag();  // the command's: --help and everything unknown stay in `rest`
  app.allow_extras();
  std::map<std::string, CLI::Option*> on;  // long name -> option
  CLI::Option* off_verbose = nullptr;
  for (const auto& spec : common_options().options) {
    if (!taken_by_main(spec)) continue;
    const std::string name(long_name(spec));
    CLI::Option* o = nullptr;
    if (spec.value.empty()) {
      o = app.add_flag(std::string(spec.names))->disable_flag_override();
      if (!spec.negation.empty()) {  // --no-verbose
        off_verbose = app.add_flag(std::string(spec.negation))->disable_flag_override();
        off_verbose->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
      }
    } else {
      refuse_empty_equals(args, spec);
      o = app.add_option(std::string(spec.names))->expected(1);
    }
    o->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);  // every occurrence: the last wins
    on[name] = o;
  }

  // CLI11 reads its arguments last to first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw usage_error(parse_error_words(e.what()));
  }

  common_option_values out;
  out.rest = app.remaining();
  if (const auto* job = on.at("--job"); job->count() > 0) {
    if (job->count() > 1) throw usage_error("--job is given twice: give it once");
    out.job_path = job->results().front();
    if (out.job_path.empty()) throw usage_error("--job needs a file");
  }
  if (const auto* f = on.at("--log-format"); f->count() > 0) {
    out.log_formats = f->results();
    out.log_format = f->results().back();  // the last wins; only it is checked, as always
    const auto& choices = spec_of("--log-format").choices;
    std::string value = *out.log_format;
    if (!CLI::IsMember(std::vector<std::string>(choices.begin(), choices.end()))(value).empty())
      throw usage_error("--log-format wants " + choices_text(spec_of("--log-format")) + ", not '" + value + "'");
  }
  for (const auto* o : app.parse_order()) {
    if (o == on.at("--verbose")) out.verbose = true;
    else if (o == off_verbose) out.verbose = false;
    else continue;
    out.verbose_given.push_back(*out.verbose ? "--verbose" : "--no-verbose");
  }
  return out;
}

}  // namespace acgprov::jobs
