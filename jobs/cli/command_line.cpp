#include "jobs/cli/command_line.hpp"

namespace acgprov::jobs {

namespace {

// "--flag VALUE" or "--flag=VALUE" at args[i]: the value (i moved past it), or nullopt.
std::optional<std::string> value_of(const std::vector<std::string>& args, std::size_t& i, const std::string& flag) {
  const std::string& a = args[i];
  if (a == flag) {
    if (i + 1 >= args.size()) throw usage_error(flag + " needs a value");
    return args[++i];
  }
  if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
  return std::nullopt;
}

}  // namespace

command_line prepare_command_line(const std::vector<std::string>& args, env_lookup getenv_fn) {
  command_line out;
  out.log_format = io::log::default_format();
  std::optional<std::string> log_format;
  std::optional<bool> verbose;
  std::size_t i = 0;
  for (; i < args.size() && args[i] != "--"; ++i) {
    const std::string& a = args[i];
    if (auto path = value_of(args, i, "--job")) {
      if (!out.job_path.empty()) throw usage_error("--job is given twice: give it once");
      if (path->empty()) throw usage_error("--job needs a file");
      out.job_path = *path;
    } else if (auto f = value_of(args, i, "--log-format")) {
      log_format = *f;  // the last wins
    } else if (a == "--verbose" || a == "--no-verbose") {
      verbose = a == "--verbose";
    } else {
      out.args.push_back(a);
    }
  }
  out.args.insert(out.args.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());

  if (!out.job_path.empty()) {
    out.job = read_job_file(out.job_path);
    auto job_args = to_args(*out.job, getenv_fn);
    for (const auto& e : out.job->entries) {
      out.job_keys.push_back(e.key);
      // The logging keys, unless the command line gave them.
      if (e.key == "log-format" && !log_format && e.kind == job_entry::text) log_format = e.values.front();
      if (e.key == "verbose" && !verbose && e.kind == job_entry::boolean) verbose = e.truth;
    }
    out.job_inputs = job_args.inputs;
    out.outputs_view = job_args.flags;
  }
  out.outputs_view.insert(out.outputs_view.end(), out.args.begin(), out.args.end());
  if (log_format && !io::log::parse_format(*log_format, out.log_format))
    throw usage_error("--log-format wants text or json, not '" + *log_format + "'");
  out.verbose = verbose.value_or(false);
  return out;
}

}  // namespace acgprov::jobs
