#pragma once
// Our own request/response types: everything above io/ sees these, never Beast.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::io {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_request {
  std::string method;  // "GET", "PUT", "POST", "DELETE", "PATCH"
  std::string target;  // origin-form: path?query, already percent-encoded
  header_list headers;
  std::string body;
};

struct http_response {
  int status = 0;
  header_list headers;
  std::string body;

  // Case-insensitive lookup of the first header with this name; empty if absent.
  std::string_view header(std::string_view name) const;
};

}  // namespace acgprov::io
