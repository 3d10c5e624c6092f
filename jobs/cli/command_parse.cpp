#include "jobs/cli/command_parse.hpp"

#include "jobs/cli/cli_docs.hpp"
#include "jobs/cli/parse_error_words.hpp"
#include "jobs/cli/repeated_options.hpp"
#include "jobs/run/exit_code.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

// One option of the table as declared to CLI11: the option and, for a switch with an
// opposite, the opposite.
struct declared {
  const option_spec* spec = nullptr;
  CLI::Option* on = nullptr;
  CLI::Option* off = nullptr;
};

std::string where(const job_file& job, const job_entry& e) { return job.path + ":" + std::to_string(e.line) + ": "; }

// The job file's entries as options, for those the command line left out.
void add_job_defaults(const command_spec& command, const job_file& job, const std::vector<declared>& options,
                      env_lookup getenv_fn, parsed_command& out) {
  for (const auto& e : job.entries) {
    // main() took these already (jobs/cli/command_line.hpp); the environment wins over some keys.
    if (e.key == "log-format" || e.key == "verbose" || overridden_by_env(e.key, getenv_fn)) continue;
    if (e.key == "inputs" || e.key == "input") {
      if (e.kind == job_entry::boolean) throw usage_error(where(job, e) + e.key + " wants file names");
      if (command.positional.empty())
        throw usage_error(where(job, e) + "acgprov " + std::string(command.words) + " takes no " + e.key);
      if (out.positional.empty()) out.positional = e.values;  // inputs on the command line replace the file's
      continue;
    }
    const std::string flag = "--" + e.key;
    const declared* d = nullptr;
    bool is_off = false;
    for (const auto& o : options) {
      if (long_name(*o.spec) == flag) d = &o;
      else if (!o.spec->negation.empty() && o.spec->negation == flag) {
        d = &o;
        is_off = true;
      }
      if (d) break;
    }
    if (!d || d->spec->hidden)
      throw usage_error(where(job, e) + e.key + " is not an option of acgprov " + std::string(command.words));
    if (d->on->count() > 0 || (d->off && d->off->count() > 0)) continue;  // the command line wins
    const bool is_switch = d->spec->value.empty();
    if (is_switch) {
      if (e.kind != job_entry::boolean)
        throw usage_error(where(job, e) + e.key + " is a switch: write " + e.key + " = true or " + e.key + " = false");
      const bool on = e.truth != is_off;
      if (!on && !d->off) throw usage_error(where(job, e) + e.key + " = false: " + flag + " has no opposite");
      out.options.push_back({std::string(on ? long_name(*d->spec) : d->spec->negation), ""});
      continue;
    }
    if (e.kind == job_entry::boolean) throw usage_error(where(job, e) + e.key + " wants a value, not true/false");
    if (e.kind == job_entry::array || e.values.size() != 1)
      throw usage_error(where(job, e) + e.key + " takes one value, not an array");
    out.options.push_back({flag, e.values.front()});
  }
}

[[noreturn]] void refuse(const CLI::ParseError& e) { throw usage_error(parse_error_words(e.what())); }

}  // namespace

parsed_command parse_command(const command_spec& command, const std::vector<std::string>& args, const job_file* job,
                             env_lookup getenv_fn) {
  CLI::App app{"acgprov " + std::string(command.words)};
  app.set_help_flag();  // ours, below: the help comes from the table
  app.allow_extras();   // unknown options are refused below, in our words
  std::vector<std::string> positional;
  auto* positional_option = app.add_option("positional", positional);
  positional_option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  std::vector<declared> options;
  for (const auto* group : command.groups) {
    for (const auto& spec : group->options) {
      declared d{&spec};
      if (spec.value.empty()) {
        d.on = app.add_flag(std::string(spec.names));
        if (!spec.negation.empty()) d.off = app.add_flag(std::string(spec.negation));
      } else {
        d.on = app.add_option(std::string(spec.names))->expected(1);
      }
      for (auto* o : {d.on, d.off})
        if (o) o->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->disable_flag_override();
      options.push_back(d);
    }
  }

  // CLI11 reads its arguments last to first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    refuse(e);
  }
  // With extras allowed CLI11 leaves `--` itself among them; what follows it is positional.
  for (const auto& extra : app.remaining())
    if (extra.size() > 1 && extra[0] == '-' && extra != "--")
      throw usage_error("unknown option " + extra.substr(0, extra.find('=')));

  parsed_command out;
  bool help = false, version = false;
  for (const auto& d : options) {
    for (auto* o : {d.on, d.off}) {
      if (!o) continue;
      const std::string name = o == d.on ? std::string(long_name(*d.spec)) : std::string(d.spec->negation);
      if (o->count() > 0 && name == "--help") help = true;
      if (o->count() > 0 && name == "--version") version = true;
    }
  }
  if (version) throw early_exit{exit_ok, true};
  if (help) {
    std::cout << command_help(command);
    throw early_exit{exit_ok, false};
  }

  // The command line's repeats only: the job file fills in what it left out, so never repeats.
  for (const auto& d : options)
    if (!d.spec->value.empty() && d.on->count() > 1)
      warn_repeated_option(command.words, long_name(*d.spec), d.on->results());
  for (const auto& d : options) {
    if (!d.off || d.on->count() == 0 || d.off->count() == 0) continue;
    std::vector<std::string> given;
    for (const auto* o : app.parse_order())
      if (o == d.on) given.emplace_back(long_name(*d.spec));
      else if (o == d.off) given.emplace_back(d.spec->negation);
    warn_opposite_switches(command.words, given);
  }

  out.positional = positional;
  if (job) add_job_defaults(command, *job, options, getenv_fn, out);
  // Every occurrence in order, so that the last one wins (as acgprov always did).
  std::map<const CLI::Option*, std::size_t> occurrence;
  for (const auto* o : app.parse_order()) {
    if (o == positional_option) continue;
    const std::size_t k = occurrence[o]++;
    for (const auto& d : options) {
      if (o != d.on && o != d.off) continue;
      if (o == d.off) out.options.push_back({std::string(d.spec->negation), ""});
      else out.options.push_back({std::string(long_name(*d.spec)), d.spec->value.empty() ? "" : o->results().at(k)});
    }
  }
  if (!command.positional.empty() || out.positional.empty()) return out;
  throw usage_error("unexpected argument " + out.positional.front());
}

parsed_command parse_command(std::string_view words, const std::vector<std::string>& args, const job_file* job,
                             env_lookup getenv_fn) {
  const command_spec* command = find_command(words);
  if (!command) throw std::logic_error("no command " + std::string(words) + " in the option table");
  return parse_command(*command, args, job, getenv_fn);
}

}  // namespace acgprov::jobs
