#pragma once
// The emulator's own request/response types. The server converts Beast messages to and from
// these, so that everything above the socket (routing, auth, the API itself) is plain logic
// that includes no Asio or Beast.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::sim {

struct header_field {
  std::string name;
  std::string value;
};

// Case-insensitive ASCII comparison, as HTTP field names require.
bool iequals(std::string_view a, std::string_view b);

struct http_request {
  std::string method;  // upper case as sent, e.g. "GET"
  std::string target;  // origin-form, e.g. "/accounts/a?api-version=..."
  std::vector<header_field> headers;
  std::string body;
  std::uint64_t connection = 0;  // the server's number for the connection it came on: 1, 2, ...

  // Value of the first field named `name`, or "" when absent.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;
};

struct http_response {
  unsigned status = 200;
  std::vector<header_field> headers;
  std::string body;
  bool close = false;  // ask the server to close the connection after this answer

  // Replaces an existing field of that name or appends one.
  void set(std::string_view name, std::string value);
  std::string_view header(std::string_view name) const;
  void set_json(std::string json_text);
};

// What the server does with a request besides answering it: the emulator can also hold a
// connection without answering (throttle "stall" mode, stall fault), reset it (fault), or
// hold the answer until a test releases it (held token answers, sim/chaos/holds.hpp).
enum class disposition { respond, stall, reset, hold };

struct handler_outcome {
  disposition what = disposition::respond;
  std::chrono::milliseconds delay{0};  // added latency before the answer is written
  // Set: the answer is written only once *hold is true (POST /_sim/release), or the stall timeout.
  std::shared_ptr<const bool> hold;
  http_response response;
};

}  // namespace acgprov::sim
