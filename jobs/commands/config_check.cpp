#include "jobs/commands/config_check.hpp"

#include "io/log.hpp"
#include "jobs/cli/command_parse.hpp"
#include "jobs/commands/commands.hpp"

#include "engine/request/api_paths.hpp"
#include "engine/request/api_request.hpp"
#include "io/endpoint.hpp"
#include "io/report_format.hpp"
#include "jobs/cli/apply_options.hpp"
#include "jobs/cli/command_line.hpp"
#include "jobs/report/resume.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/exit_code.hpp"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace acgprov::jobs {

namespace {

std::string folder_of(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

void check_writable_folder(const std::string& flag, const std::string& path) {
  const std::string dir = folder_of(path);
  if (::access(dir.c_str(), W_OK) != 0) throw usage_error(flag + " " + path + ": cannot write in " + dir);
}

// Whether another run holds REPORT.lock now: a shared probe on a read-only descriptor, which
// creates nothing.
bool report_locked(const std::string& report) {
  const std::string path = report + ".lock";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

struct check_result {
  bool ok = false;
  std::string detail;
};

io::http_request list_accounts_request(const std::string& api_version) {
  return engine::get_request(engine::list_target(engine::accounts_path(), api_version, {.page_size = 1}));
}

awaitable<void> check_access(api_session* session, std::string api_version, check_result* out) {
  bool started = co_await session->start();
  if (!started) co_return;  // ctx().abort_reason says why
  std::cout << "ok: token fetched\n";
  auto out_req =
      co_await engine::send_api_request(session->ctx(), list_accounts_request(api_version), engine::request_kind::read);
  if (out_req.response && out_req.response->status == 200) {
    out->ok = true;
    co_return;
  }
  if (out_req.response) {
    out->detail = "GET /accounts answered HTTP " + std::to_string(out_req.response->status) + ": " +
                  out_req.response->body.substr(0, 400);
  } else {
    out->detail =
        "GET /accounts failed: " + (out_req.failure.empty() ? out_req.transport_error.message() : out_req.failure);
  }
}

int check(const std::vector<std::string>& args, const job_file* job) {
  connection_options conn;
  engine::engine_config engine;
  try {
    const auto parsed = parse_command("config check", args, job);  // --help and --version end here (early_exit)
    const bool whole_run =
        !parsed.positional.empty() || std::any_of(parsed.options.begin(), parsed.options.end(),
                                                  [](const parsed_option& p) { return p.flag == "--report"; });
    if (whole_run) {
      auto o = apply_options_from(parsed);
      for (const auto& in : o.inputs) {
        if (in == "-") continue;
        io::open_reader(in, *io::format_from_path(in));  // opens and reads the start (a CSV header)
        std::cout << "ok: input " << in << "\n";
      }
      check_writable_folder("--report", o.report);
      if (!io::report_format_from_path(o.report)) throw usage_error("--report " + o.report + ": use .jsonl or .csv");
      if (o.schedule.resume) {
        auto point = read_resume_point(o.report);
        std::cout << "ok: --resume: "
                  << (point.report_exists
                          ? std::to_string(point.finished.size()) + " input rows finished in " + o.report
                          : "no report yet (a fresh run)")
                  << (point.torn ? " (its torn last line will be cut)" : "") << "\n";
      }
      if (report_locked(o.report)) std::cout << "note: another run holds " << o.report << ".lock right now\n";
      if (!o.summary.empty()) check_writable_folder("--summary", o.summary);
      if (!o.metrics.empty()) check_writable_folder("--metrics", o.metrics);
      if (o.schedule.deadline) {
        const std::time_t t = std::chrono::system_clock::to_time_t(*o.schedule.deadline);
        char buf[64];
        std::tm tm{};
        ::localtime_r(&t, &tm);
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z", &tm);
        std::cout << "ok: --deadline " << o.schedule.deadline_text << " is " << buf << "\n";
      }
      std::cout << "ok: report " << o.report << "\n";
      conn = o.connection;
      engine = o.engine;
    } else {
      for (const auto& item : parsed.options) {
        flag_value value = [&item] { return item.value; };
        if (!parse_connection_flag(item.flag, value, conn))
          throw usage_error(
              item.flag + " is not a connection option; to check a whole run, give its INPUTs and --report (or --job)");
      }
      complete_connection_options(conn);
    }
  } catch (const usage_error& e) {
    io::log::error("usage_error",
                   std::string("acgprov config check: ") + e.what() + " (see acgprov config check --help)");
    return exit_usage;
  } catch (const std::exception& e) {
    io::log::error("check_failed", std::string("acgprov config check: ") + e.what());
    return exit_usage;
  }
  if (conn.chosen.kind == credential_kind::managed_identity)
    std::cout << "ok: configuration (endpoint " << conn.endpoint << ")\n";
  else
    std::cout << "ok: configuration (endpoint " << conn.endpoint << ", tenant " << conn.credentials.tenant
              << ", client " << conn.credentials.client_id << ")\n";
  std::cout << "ok: credential: " << to_string(conn.chosen.kind) << " (" << conn.chosen.why << ")\n";
  if (conn.chosen.kind == credential_kind::managed_identity) {
    const auto& mi = conn.managed_identity;
    std::cout << "ok: managed identity endpoint "
              << (auth::uses_app_service_endpoint(mi) ? mi.identity_endpoint : mi.imds_authority)
              << (mi.client_id.empty() ? " (system-assigned)" : " (user-assigned, client id " + mi.client_id + ")")
              << "\n";
  }
  std::cout << "ok: " << describe_proxy(conn) << "\n";

  std::unique_ptr<api_session> session;
  try {
    session = std::make_unique<api_session>(conn, engine);
  } catch (const std::exception& e) {
    io::log::error("check_failed", std::string("acgprov config check: ") + e.what());
    return exit_usage;
  }
  check_result result;
  session->run(check_access(session.get(), conn.api_version, &result));
  if (session->ctx().stopping) {
    io::log::error("check_failed", "acgprov config check: " + session->ctx().abort_reason);
    return exit_aborted;
  }
  if (!result.ok) {
    io::log::error("check_failed", "acgprov config check: " + result.detail);
    return exit_aborted;
  }
  std::cout << "ok: the API answered GET /accounts\nconfig check: ok\n";
  return exit_ok;
}

}  // namespace

int config_main(const std::vector<std::string>& args, const job_file* job) {
  return dispatch_subcommand("config", args, job, {{"check", check}});
}

}  // namespace acgprov::jobs
