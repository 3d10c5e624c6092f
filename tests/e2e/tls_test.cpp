// TLS (issue 7): the engine refuses a certificate for another host, an expired certificate, a
// self-signed one it was not told to trust, and a server that offers only TLS below 1.2; it
// accepts the emulator's certificate (and a chain from a test CA) given --ca-file. Every
// refused run ends with exit 3, a TLS message on stderr, no write sent and every row skipped.
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/test_certificates.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <atomic>
#include <thread>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

const char* const two_rows_csv =
    "accountName,telephoneNumber,services\n"
    "fabrikam,+14255550900,azureOperatorCallProtection\n"
    "fabrikam,+14255550901,azureOperatorCallProtection\n";

// A CA and, signed by it, a server certificate with the given names and validity.
struct test_pki {
  temp_dir dir;
  pem_identity ca = make_certificate({.common_name = "acgprov test CA", .is_ca = true});
  std::string ca_file = dir.file("ca.pem");

  test_pki() { write_file(ca_file, ca.certificate); }

  // Writes the leaf (followed by the CA: a served chain) and its key; returns {cert, key} paths.
  std::pair<std::string, std::string> leaf(const std::string& name, const certificate_spec& spec) const {
    auto id = make_certificate(spec, &ca);
    auto cert = dir.file(name + ".pem"), key = dir.file(name + ".key");
    write_file(cert, id.certificate + ca.certificate);
    write_file(key, id.private_key);
    return {cert, key};
  }
};

std::vector<std::string> sim_args_with(const std::pair<std::string, std::string>& cert_key) {
  return {"--rate-limit", "0", "--sync-delay-ms", "100", "--cert", cert_key.first, "--key", cert_key.second};
}

// acgprov apply against `f`'s emulator with --ca-file `ca_file` (none when empty), dialling
// it by IP address or, with `host`, by that name.
process_result apply_trusting(e2e_fixture& f, const std::string& ca_file, const std::string& report,
                              const std::string& host = "") {
  auto in = f.write("numbers.csv", two_rows_csv);
  const auto& r = f.sim->ready();
  const std::string url = host.empty() ? r.endpoint : "https://" + host + ":" + std::to_string(r.port);
  std::vector<std::string> args{"apply",    in,       "--endpoint",  url,          "--authority",     url,
                                "--tenant", r.tenant, "--client-id", "sim-client", "--report",        report,
                                "--rate",   "1000",   "--burst",     "50",         "--poll-interval", "0.1"};
  if (!ca_file.empty()) args.insert(args.end(), {"--ca-file", ca_file});
  return f.run(args);
}

void check_refused(const process_result& r, const std::string& report, std::initializer_list<const char*> reasons) {
  BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << "\n" << r.err);
  BOOST_TEST(r.err.find("TLS") != std::string::npos, r.err);
  bool named = false;
  for (const char* why : reasons) named = named || r.err.find(why) != std::string::npos;
  BOOST_TEST(named, "stderr names none of the expected reasons:\n" << r.err);
  // No token, so the report was never opened (issue 12: a refused run leaves it as it was).
  BOOST_TEST(read_report(report).empty());
}

// GET an inspection endpoint of an emulator whose certificate is bad on purpose. Test-only:
// nothing in acgprov can turn verification off, so the test speaks TLS itself, unverified.
json::value inspect_unverified(unsigned short port, const std::string& path) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) {
      std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      SSL_write(ssl, req.data(), static_cast<int>(req.size()));
      char buf[4096];
      for (int n; (n = SSL_read(ssl, buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
    }
    SSL_free(ssl);
  }
  ::close(fd);
  SSL_CTX_free(ctx);
  auto body = answer.find("\r\n\r\n");
  BOOST_TEST_REQUIRE(body != std::string::npos, "no answer from the emulator for " << path);
  return json::parse(answer.substr(body + 4));
}

void check_nothing_written(const e2e_fixture& f) {
  auto stats = inspect_unverified(f.sim->ready().port, "/_sim/stats").as_object();
  // Not one API request got through the handshake: nothing was read, let alone written.
  for (const auto& [op, statuses] : stats.at("byOperation").as_object())
    BOOST_TEST(std::string_view(op) == "Token", "API operation " << std::string_view(op) << " was called");
  auto state = inspect_unverified(f.sim->ready().port, "/_sim/state").as_object();
  BOOST_TEST(state.at("numbers").as_array().empty());
}

// A TLS server on 127.0.0.1 that offers at most TLS 1.1 (the cipher string's SECLEVEL 0
// lets OpenSSL 3 do so at all). It answers each connection with a handshake and nothing
// more, on its own thread, until destroyed. `usable` is false if this OpenSSL cannot offer
// TLS 1.1 (a build without it): the test is then skipped.
class legacy_tls_server {
public:
  explicit legacy_tls_server(const pem_identity& id) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    if (!ctx_) return;
    SSL_CTX_set_security_level(ctx_, 0);
    if (SSL_CTX_set_min_proto_version(ctx_, TLS1_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx_, TLS1_1_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(ctx_, "DEFAULT:@SECLEVEL=0") != 1)
      return;
    BIO* cb = BIO_new_mem_buf(id.certificate.data(), static_cast<int>(id.certificate.size()));
    BIO* kb = BIO_new_mem_buf(id.private_key.data(), static_cast<int>(id.private_key.size()));
    X509* cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    bool loaded = cert && key && SSL_CTX_use_certificate(ctx_, cert) == 1 && SSL_CTX_use_PrivateKey(ctx_, key) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(cb);
    BIO_free(kb);
    if (!loaded) return;

    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // ephemeral: the kernel picks a free port
    socklen_t len = sizeof addr;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      return;
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
    usable_ = probe();
  }

  ~legacy_tls_server() {
    stopping_ = true;
    if (listener_ >= 0) ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
    SSL_CTX_free(ctx_);
  }

  bool usable() const { return usable_; }
  unsigned short port() const { return port_; }
  int handshakes_refused() const { return refused_; }

private:
  void serve() {
    // Bounded: each accepted connection gets one handshake with a 10 s socket deadline.
    while (!stopping_) {
      int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) break;  // the listener was shut down
      timeval tv{10, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1) {
        SSL_shutdown(ssl);
      } else {
        ++refused_;
      }
      ERR_clear_error();
      SSL_free(ssl);
      ::close(fd);
    }
  }

  // Shows that the server really speaks TLS 1.1, so that the engine's refusal below is its
  // own minimum at work and not a broken server.
  bool probe() {
    SSL_CTX* cctx = SSL_CTX_new(TLS_client_method());
    if (!cctx) return false;
    SSL_CTX_set_security_level(cctx, 0);
    SSL_CTX_set_min_proto_version(cctx, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(cctx, TLS1_1_VERSION);
    SSL_CTX_set_cipher_list(cctx, "DEFAULT:@SECLEVEL=0");
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port_);
    bool ok = false;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      SSL* ssl = SSL_new(cctx);
      SSL_set_fd(ssl, fd);
      ok = SSL_connect(ssl) == 1 && SSL_version(ssl) <= TLS1_1_VERSION;
      if (ok) SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    ERR_clear_error();
    ::close(fd);
    SSL_CTX_free(cctx);
    return ok;
  }

  SSL_CTX* ctx_ = nullptr;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> refused_{0};
  bool usable_ = false;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(tls_e2e)

BOOST_AUTO_TEST_CASE(certificate_for_another_host_is_refused) {
  test_pki pki;
  // Signed by a CA the engine trusts, valid, but for wrong.example, not 127.0.0.1.
  auto leaf = pki.leaf("wrong", {.common_name = "wrong.example", .dns_names = {"wrong.example"}});
  e2e_fixture f(sim_args_with(leaf));
  auto report = f.dir.file("report.jsonl");
  auto r = apply_trusting(f, pki.ca_file, report);
  check_refused(r, report, {"IP address mismatch"});
  // Dialled by name, the DNS name is what does not match.
  auto by_name = apply_trusting(f, pki.ca_file, report, "localhost");
  check_refused(by_name, report, {"hostname mismatch"});
  check_nothing_written(f);
}

BOOST_AUTO_TEST_CASE(expired_certificate_is_refused) {
  test_pki pki;
  auto leaf = pki.leaf("expired", {.common_name = "localhost",
                                   .dns_names = {"localhost"},
                                   .ip_addresses = {"127.0.0.1"},
                                   .not_before = std::chrono::hours(-48),
                                   .not_after = std::chrono::hours(-24)});
  e2e_fixture f(sim_args_with(leaf));
  auto report = f.dir.file("report.jsonl");
  auto r = apply_trusting(f, pki.ca_file, report);
  check_refused(r, report, {"certificate has expired"});
  check_nothing_written(f);
}

BOOST_AUTO_TEST_CASE(self_signed_certificate_without_ca_file_is_refused) {
  e2e_fixture f;  // the emulator's own self-signed certificate, which no system root vouches for
  auto report = f.dir.file("report.jsonl");
  auto r = apply_trusting(f, "", report);
  check_refused(r, report, {"self-signed certificate", "self signed certificate"});
  check_nothing_written(f);
}

BOOST_AUTO_TEST_CASE(server_offering_only_tls_1_1_is_refused) {
  auto id = make_certificate({.common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {"127.0.0.1"}});
  legacy_tls_server server(id);
  if (!server.usable()) {
    report_skip("tls_e2e/server_offering_only_tls_1_1_is_refused",
                "this OpenSSL cannot offer TLS 1.1 even at security level 0, so there is no old server to refuse");
    return;
  }
  temp_dir dir;
  auto ca = dir.file("server.pem");
  write_file(ca, id.certificate);  // trusted: only the protocol version is wrong
  auto in = dir.file("numbers.csv");
  write_file(in, two_rows_csv);
  auto report = dir.file("report.jsonl");
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port());
  auto r = run_process({ACGPROV_CLI_PATH, "apply", in, "--endpoint", url, "--authority", url, "--tenant", "sim-tenant",
                        "--client-id", "sim-client", "--ca-file", ca, "--report", report},
                       {{"ACGPROV_CLIENT_SECRET", "sim-secret"}}, std::chrono::minutes(2));
  check_refused(r, report, {"protocol version", "unsupported protocol", "wrong version number"});
  BOOST_TEST(server.handshakes_refused() >= 1);
}

BOOST_AUTO_TEST_CASE(emulator_certificate_accepted_with_ca_file) {
  {
    e2e_fixture f;  // the emulator's generated certificate, trusted through its own PEM
    auto report = f.dir.file("report.jsonl");
    auto r = apply_trusting(f, f.sim->ready().ca_file, report);
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(f.sim_numbers().size() == 2u);
  }
  {
    test_pki pki;  // a chain: a leaf for 127.0.0.1 signed by a CA given as --ca-file
    auto leaf =
        pki.leaf("good", {.common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {"127.0.0.1"}});
    e2e_fixture f(sim_args_with(leaf));
    auto report = f.dir.file("report.jsonl");
    auto r = apply_trusting(f, pki.ca_file, report);
    BOOST_TEST(r.exit_code == 0, r.err);
    for (const auto& row : read_report(report)) BOOST_TEST(str(row, "outcome") == "synced", json::serialize(row));
    BOOST_TEST(f.sim_numbers().size() == 2u);
    // By name too: SNI and the DNS-name check.
    auto by_name = apply_trusting(f, pki.ca_file, f.dir.file("report2.jsonl"), "localhost");
    BOOST_TEST(by_name.exit_code == 0, by_name.err);
  }
}

BOOST_AUTO_TEST_SUITE_END()
