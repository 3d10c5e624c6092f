#include "jobs/command_line.hpp"

#include "jobs/job_file.hpp"

namespace acgprov::jobs {

namespace {

command_line& current() {
  static command_line c;
  return c;
}

// Subcommand words ("check" in `config check`, "export" in `numbers export`): leading
// arguments made of lowercase letters and '-'. An input file always has an extension.
bool is_subcommand_word(const std::string& a) {
  if (a.empty() || a[0] == '-') return false;
  for (char c : a)
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

}  // namespace

command_line prepare_command_line(const std::vector<std::string>& args, env_lookup getenv_fn) {
  command_line out;
  out.log_format = io::log::default_format();

  // --job first: its flags go before the command line's.
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string path;
    if (a == "--job") {
      if (i + 1 >= args.size()) throw usage_error("--job needs a value");
      path = args[++i];
    } else if (a.rfind("--job=", 0) == 0) {
      path = a.substr(6);
    } else {
      rest.push_back(a);
      continue;
    }
    if (!out.job_path.empty()) throw usage_error("--job is given twice");
    if (path.empty()) throw usage_error("--job needs a file");
    out.job_path = path;
  }

  std::size_t words = 0;
  while (words < rest.size() && is_subcommand_word(rest[words])) ++words;
  std::vector<std::string> merged(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(words));
  if (!out.job_path.empty()) {
    auto job = read_job_file(out.job_path);
    auto job_args = to_args(job, getenv_fn);
    for (const auto& e : job.entries) out.job_keys.push_back(e.key);
    out.job_inputs = job_args.inputs;
    merged.insert(merged.end(), job_args.inputs.begin(), job_args.inputs.end());
    merged.insert(merged.end(), job_args.flags.begin(), job_args.flags.end());
  }
  merged.insert(merged.end(), rest.begin() + static_cast<std::ptrdiff_t>(words), rest.end());

  // The logging flags, wherever they are (last wins).
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const std::string& a = merged[i];
    std::string value;
    if (a == "--verbose") {
      out.verbose = true;
      continue;
    }
    if (a == "--log-format") {
      if (i + 1 >= merged.size()) throw usage_error("--log-format needs a value");
      value = merged[++i];
    } else if (a.rfind("--log-format=", 0) == 0) {
      value = a.substr(13);
    } else {
      out.args.push_back(a);
      continue;
    }
    if (!io::log::parse_format(value, out.log_format))
      throw usage_error("--log-format wants text or json, not '" + value + "'");
  }
  return out;
}

const command_line& current_command_line() { return current(); }
void set_current_command_line(command_line c) { current() = std::move(c); }

std::vector<std::string> inputs_over_job(std::vector<std::string> parsed) {
  const auto& job = current().job_inputs;
  if (job.empty() || parsed.size() <= job.size()) return parsed;
  // Defensive: only when the first inputs really are the job file's.
  for (std::size_t i = 0; i < job.size(); ++i)
    if (parsed[i] != job[i]) return parsed;
  parsed.erase(parsed.begin(), parsed.begin() + static_cast<std::ptrdiff_t>(job.size()));
  return parsed;
}

}  // namespace acgprov::jobs
