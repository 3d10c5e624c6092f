// acgprov-sim: parse flags, make the TLS identity, bind, print the ready line, serve until
// SIGINT/SIGTERM. Exit status: 0 after a signal, 2 for bad flags or config, 1 otherwise.
#include "sim/app.hpp"
#include "sim/config.hpp"
#include "sim/log.hpp"
#include "sim/man_page.hpp"
#include "sim/transport/certificate.hpp"
#include "sim/transport/server.hpp"

#include <boost/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

namespace {

constexpr const char* version = "0.1.0";

std::string default_ca_path() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "acgprov-sim-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl + "/ca.pem";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace acgprov::sim;
  std::signal(SIGPIPE, SIG_IGN);
  // The man page, made from the help text (cmake/cli_docs.cmake keeps docs/man in step).
  if (argc == 2 && std::string_view(argv[1]) == "--man-page") {
    std::cout << man_page(help_text(), version);
    return 0;
  }
  command_line cli;
  try {
    cli = parse_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "acgprov-sim: " << e.what() << "\n";
    return 2;
  }
  if (cli.show_help) {
    std::cout << help_text();
    return 0;
  }
  if (cli.show_version) {
    std::cout << "acgprov-sim " << version << "\n";
    return 0;
  }
  sim_config& config = cli.config;
  set_log_level(config.log_level);

  // The temporary directory made for the CA when no --ca-out is given is ours to remove on
  // exit, including a failed start.
  std::string own_dir;
  struct remove_dir {
    std::string& dir;
    ~remove_dir() {
      std::error_code ec;
      if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
  } cleanup{own_dir};
  try {
    std::optional<tls_identity> identity;
    std::string ca_file;
    if (!config.plain_http) {
      identity =
          config.cert_file.empty() ? generate_self_signed_identity() : load_identity(config.cert_file, config.key_file);
      if (config.ca_out.empty() && config.cert_file.empty()) {
        ca_file = default_ca_path();
        own_dir = std::filesystem::path(ca_file).parent_path().string();
      } else {
        ca_file = config.ca_out.empty() ? config.cert_file : config.ca_out;
      }
      if (ca_file != config.cert_file) write_file(ca_file, identity->certificate_pem);
      ca_file = std::filesystem::absolute(ca_file).string();
    }
    server_options options;
    options.bind = config.bind;
    options.port = config.port;
    options.plain_http = config.plain_http;
    options.idle_timeout = config.idle_timeout;
    options.stall_timeout = config.stall_timeout;
    options.body_limit = config.body_limit;
    options.managed_identity_port = config.managed_identity_port;
    server srv(options, identity ? &*identity : nullptr);

    std::string host = config.bind == "0.0.0.0" ? "127.0.0.1" : config.bind == "::" ? "[::1]" : config.bind;
    if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
    std::string authority =
        std::string(config.plain_http ? "http" : "https") + "://" + host + ":" + std::to_string(srv.port());
    std::string tenant = config.tenant;
    app application(std::move(config), authority);
    application.set_managed_identity_port(srv.managed_identity_port());

    boost::json::object ready;
    ready["endpoint"] = authority;
    ready["tokenUrl"] = authority + "/" + tenant + "/oauth2/v2.0/token";
    ready["caFile"] = ca_file;
    ready["port"] = srv.port();
    ready["authority"] = authority;
    ready["tenant"] = tenant;
    std::string line = boost::json::serialize(ready) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);

    srv.run(application);
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "acgprov-sim: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "acgprov-sim: " << e.what() << "\n";
    return 1;
  }
}
