#include "tests/e2e/conformance_rig.hpp"

#include "tests/support/test_certificates.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace acgprov::test {

namespace fs = std::filesystem;

namespace {

const std::string conformance_dir = std::string(ACGPROV_SOURCE_DIR) + "/tests/conformance";
const std::string prism_script = conformance_dir + "/node_modules/@stoplight/prism-cli/dist/index.js";
const std::string refusal_logger = conformance_dir + "/report-refusals.js";
const std::string spec_name = "provisioning-2024-02-29-preview.yml";
constexpr auto start_timeout = std::chrono::seconds(90);  // Prism parses the file first: seconds on a busy machine

bool on_path(const std::string& program) {
  std::istringstream path(::getenv("PATH") ? ::getenv("PATH") : "");
  for (std::string dir; std::getline(path, dir, ':');)
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

// The file and its x-ms-examples: the examples Microsoft publishes that the repository has, a
// minimal example ({"parameters":{},"responses":{}}) for each other one the file names. Prism
// resolves every $ref of the file, these included, before it starts.
std::string prepare_spec(const std::string& into) {
  const std::string spec = read_file(conformance_dir + "/openapi/" + spec_name);
  if (spec.empty()) throw std::runtime_error("missing " + conformance_dir + "/openapi/" + spec_name);
  fs::create_directories(into + "/examples");
  write_file(into + "/" + spec_name, spec);
  const std::regex example_ref(R"(\$ref:\s*'?\./examples/([A-Za-z0-9_.-]+\.json))");
  std::set<std::string> names;
  for (std::sregex_iterator it(spec.begin(), spec.end(), example_ref), end; it != end; ++it)
    names.insert((*it)[1].str());
  if (names.empty()) throw std::runtime_error(spec_name + " names no x-ms-examples: not the file expected");
  for (const auto& name : names) {
    const std::string published = conformance_dir + "/openapi/examples/" + name;
    const std::string text = fs::exists(published) ? read_file(published) : R"({"parameters": {}, "responses": {}})";
    write_file(into + "/examples/" + name, text);
  }
  return into + "/" + spec_name;
}

}  // namespace

std::optional<std::string> conformance_rig_unavailable() {
  if (!fs::exists(prism_script))
    return "Prism is not installed (" + prism_script + " is missing; scripts/setup.sh installs it with npm)";
  if (!on_path("node")) return "node is not on PATH (scripts/setup.sh installs nodejs and npm)";
  if (!on_path("socat")) return "socat is not on PATH (scripts/setup.sh installs it)";
  return std::nullopt;
}

conformance_rig::conformance_rig(e2e_fixture& f) : f_(f) {
  const auto& sim = f_.sim->ready();
  const std::string spec = prepare_spec(dir_.file("openapi"));

  // The terminator's certificate, for the names acgprov connects to; acgprov trusts it and the
  // emulator's CA (its token endpoint is reached directly).
  certificate_spec ca_spec;
  ca_spec.common_name = "acgprov conformance CA";
  ca_spec.is_ca = true;
  const pem_identity ca = make_certificate(ca_spec);
  certificate_spec leaf_spec;
  leaf_spec.common_name = "127.0.0.1";
  leaf_spec.dns_names = {"localhost"};
  leaf_spec.ip_addresses = {"127.0.0.1"};
  const pem_identity leaf = make_certificate(leaf_spec, &ca);
  const std::string cert = dir_.file("terminator.crt"), key = dir_.file("terminator.key");
  write_file(cert, leaf.certificate);
  write_file(key, leaf.private_key);
  ::chmod(key.c_str(), 0600);
  ca_bundle_ = dir_.file("ca-bundle.pem");
  write_file(ca_bundle_, ca.certificate + read_file(sim.ca_file));

  // Prism forwards to the emulator over HTTPS and verifies it: Node trusts the emulator's CA.
  prism_ = std::make_unique<service_process>(
      "prism",
      std::vector<std::string>{"node", "--require", refusal_logger, prism_script, "proxy", spec, sim.endpoint,
                               "--errors", "--host", "127.0.0.1", "--port", "0"},
      std::map<std::string, std::string>{{"NODE_EXTRA_CA_CERTS", sim.ca_file}, {"FORCE_COLOR", "0"}},
      dir_.file("prism.log"));
  const auto prism_port =
      prism_->wait_until_listening(std::regex(R"(Prism is listening on http://127\.0\.0\.1:([0-9]+))"), start_timeout);

  tls_ = std::make_unique<service_process>(
      "socat",
      std::vector<std::string>{"socat", "-d", "-d",
                               "OPENSSL-LISTEN:0,bind=127.0.0.1,reuseaddr,fork,verify=0,cert=" + cert + ",key=" + key,
                               "TCP:127.0.0.1:" + std::to_string(prism_port)},
      std::map<std::string, std::string>{}, dir_.file("socat.log"));
  const auto tls_port =
      tls_->wait_until_listening(std::regex(R"(listening on AF=2 127\.0\.0\.1:([0-9]+))"), start_timeout);
  endpoint_ = "https://127.0.0.1:" + std::to_string(tls_port);
}

process_result conformance_rig::command(const std::vector<std::string>& words, const std::vector<std::string>& extra) {
  const auto& sim = f_.sim->ready();
  std::vector<std::string> args = words;
  args.insert(args.end(), {"--endpoint", endpoint_, "--authority", sim.authority, "--tenant", sim.tenant, "--client-id",
                           "sim-client", "--ca-file", ca_bundle_, "--rate", "1000", "--burst", "50"});
  args.insert(args.end(), extra.begin(), extra.end());
  return f_.run(args);
}

namespace {

std::size_t count_lines(const std::string& text, const char* marker) {
  std::size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += line.find(marker) != std::string::npos;
  return n;
}

}  // namespace

std::vector<std::string> conformance_rig::findings() const {
  std::vector<std::string> out;
  std::istringstream log(prism_->log());
  for (std::string line; std::getline(log, line);)
    if (line.find("Violation:") != std::string::npos || line.find("Prism refused:") != std::string::npos ||
        line.find("Request terminated with error") != std::string::npos)
      out.push_back(line);
  return out;
}

std::size_t conformance_rig::refused() const { return count_lines(prism_->log(), "Request terminated with error"); }

std::size_t conformance_rig::requests_seen() const { return count_lines(prism_->log(), "Request received"); }

}  // namespace acgprov::test
