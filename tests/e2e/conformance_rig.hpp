#pragma once
// The published contract in front of the emulator: acgprov --HTTPS--> socat (TLS terminator,
// a certificate made for 127.0.0.1) --HTTP--> `prism proxy --errors` with Microsoft's
// 2024-02-29-preview OpenAPI file --HTTPS--> acgprov-sim. Prism refuses a request that breaks
// the file with 422 and answers 500 for a response that breaks it; it logs every violation it
// finds (the ones it puts in its `sl-violations` header) as "Violation: ...".
//
// Prism comes from npm (tests/conformance/package.json, pinned to 5.14.2) and socat from
// Debian; scripts/setup.sh installs both.
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/service_process.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::test {

// Why the rig cannot run here (Prism or socat not installed), or nothing.
std::optional<std::string> conformance_rig_unavailable();

class conformance_rig {
public:
  // Starts Prism and socat in front of `f`'s emulator; throws if either does not come up.
  explicit conformance_rig(e2e_fixture& f);

  // acgprov WORDS... through the proxy: --endpoint is the TLS terminator, tokens still come
  // from the emulator (--authority), --ca-file trusts both; then `extra`.
  process_result command(const std::vector<std::string>& words, const std::vector<std::string>& extra = {});

  // Prism's log lines that report a violation of the file (the `sl-violations` it found, any
  // severity), why it refused a request or a response (the 422/500 body), or that it ended a
  // request with an error (refused, or not routable to an operation of the file): any of them
  // fails a test.
  std::vector<std::string> findings() const;
  // Requests Prism ended with an error instead of the emulator's answer.
  std::size_t refused() const;
  // Requests Prism received (each one is validated, then forwarded or refused).
  std::size_t requests_seen() const;
  std::string prism_log() const { return prism_->log(); }

private:
  e2e_fixture& f_;
  temp_dir dir_;
  std::string ca_bundle_;
  std::string endpoint_;
  std::unique_ptr<service_process> prism_;
  std::unique_ptr<service_process> tls_;
};

}  // namespace acgprov::test
