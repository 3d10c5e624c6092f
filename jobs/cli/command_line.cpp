#include "jobs/cli/command_line.hpp"

#include "jobs/cli/common_options.hpp"

namespace acgprov::jobs {

command_line prepare_command_line(const std::vector<std::string>& args, env_lookup getenv_fn) {
  command_line out;
  out.log_format = io::log::default_format();
  auto taken = take_common_options(args);
  out.args = std::move(taken.rest);
  out.job_path = std::move(taken.job_path);
  out.log_formats_given = std::move(taken.log_formats);
  out.verbose_given = std::move(taken.verbose_given);
  std::optional<std::string> log_format = std::move(taken.log_format);
  std::optional<bool> verbose = taken.verbose;

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
