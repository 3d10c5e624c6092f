// acgprov: bulk provisioning for the Azure Communications Gateway Provisioning API.
#include "jobs/apply_job.hpp"
#include "jobs/exit_code.hpp"

#include <boost/version.hpp>
#include <openssl/opensslv.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage = R"(usage: acgprov COMMAND [options]

commands:
  apply INPUT... --endpoint URL --report PATH   load numbers (see acgprov apply --help)

  --version   version, and the Boost and OpenSSL it was built with
  --help      this text
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage;
    return args.empty() ? acgprov::jobs::exit_usage : acgprov::jobs::exit_ok;
  }
  if (args[0] == "--version") {
    std::cout << "acgprov " << ACGPROV_VERSION << " (Boost " << BOOST_VERSION / 100000 << "."
              << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100 << ", " << OPENSSL_VERSION_TEXT << ")\n";
    return acgprov::jobs::exit_ok;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "apply") return acgprov::jobs::apply_main(args);
  } catch (const std::exception& e) {
    std::cerr << "acgprov: internal error: " << e.what() << "\n";
    return acgprov::jobs::exit_aborted;
  }
  std::cerr << "acgprov: unknown command '" << command << "'\n" << usage;
  return acgprov::jobs::exit_usage;
}
