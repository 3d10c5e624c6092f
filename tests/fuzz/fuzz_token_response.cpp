// The token endpoint's answer (auth::parse_token_response): success and Microsoft identity
// platform error bodies, whatever a broken or hostile endpoint sends. Input: a byte choosing
// the HTTP status, then the body. Invariants: a token has a value and a lifetime in (0, 24 h];
// an error has a one-line message.
#include "auth/client_secret_source.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 1) return 0;
  static constexpr int statuses[] = {200, 200, 200, 200, 400, 401, 403, 429, 500, 503, 302, 0};
  const int status = statuses[data[0] % (sizeof statuses / sizeof statuses[0])];
  const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto r = auth::parse_token_response(status, body, "https://login.example/tenant/oauth2/v2.0/token");
  if (r) {
    ACGPROV_FUZZ_CHECK(status == 200);
    ACGPROV_FUZZ_CHECK(!r->value.empty());
    ACGPROV_FUZZ_CHECK(r->lifetime > std::chrono::seconds(0) && r->lifetime <= std::chrono::hours(24));
  } else {
    ACGPROV_FUZZ_CHECK(!r.error().error.empty());
    ACGPROV_FUZZ_CHECK(!r.error().message().empty());
  }
  return 0;
}
